import { Matrix, solve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { mtcarsColumns } from '../../../test/fixtures/reference/mtcars.ts';
import { expectPrinted } from '../../../test/fixtures/reference/printedPrecision.ts';
import reference from '../../../test/fixtures/reference/relimp_expected.json' with { type: 'json' };
import { correlationFrom, crossProductsOf } from './crossProducts.ts';
import { rSquaredFromCorrelation } from './rSquared.ts';

const lmgCase = reference.A_domir_mtcars_lmg;

describe('rSquaredFromCorrelation', () => {
  it('matches relaimpo / domir R² of mpg ~ am + vs + cyl', () => {
    const variables = [lmgCase.response, ...lmgCase.predictors];
    const correlation = correlationFrom(crossProductsOf(variables, mtcarsColumns(variables)));
    expectPrinted(rSquaredFromCorrelation(correlation, 0, [1, 2, 3]), lmgCase.r2);
  });

  it('equals 1 − SSE/SST of least squares on the raw data', () => {
    const variables = ['mpg', 'wt', 'hp', 'qsec'];
    const data = mtcarsColumns(variables);
    const y = data.map((row) => row[0]);
    const design = new Matrix(data.map((row) => [1, ...row.slice(1)]));
    const beta = solve(design, Matrix.columnVector(y), true);
    const fitted = design.mmul(beta).getColumn(0);
    const mean = y.reduce((s, v) => s + v, 0) / y.length;
    const sse = y.reduce((s, v, i) => s + (v - fitted[i]) ** 2, 0);
    const sst = y.reduce((s, v) => s + (v - mean) ** 2, 0);
    const correlation = correlationFrom(crossProductsOf(variables, data));
    expect(rSquaredFromCorrelation(correlation, 0, [1, 2, 3])).toBeCloseTo(1 - sse / sst, 10);
  });

  it('is r² for one predictor and 0 for none', () => {
    expect(
      rSquaredFromCorrelation(
        [
          [1, 0.5],
          [0.5, 1],
        ],
        0,
        [1],
      ),
    ).toBeCloseTo(0.25, 15);
    expect(
      rSquaredFromCorrelation(
        [
          [1, 0.5],
          [0.5, 1],
        ],
        0,
        [],
      ),
    ).toBe(0);
  });

  it('refuses collinear predictors', () => {
    const correlation = [
      [1, 0.5, 0.5],
      [0.5, 1, 1],
      [0.5, 1, 1],
    ];
    expect(() => rSquaredFromCorrelation(correlation, 0, [1, 2])).toThrow(/collinear/);
  });
});
