import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mtcarsColumns } from '../../../test/fixtures/reference/mtcars.ts';
import { expectPrinted } from '../../../test/fixtures/reference/printedPrecision.ts';
import reference from '../../../test/fixtures/reference/relimp_expected.json' with { type: 'json' };
import { correlationFrom, crossProductsOf } from './crossProducts.ts';
import { relativeWeights } from './relativeWeights.ts';
import { rSquaredFromCorrelation } from './rSquared.ts';
import { simulatedDriverRows } from './simulatedDrivers.ts';

const expected = reference.B_rwa_mtcars_johnson_relative_weights;
type Predictor = keyof typeof expected.raw_relative_weight;

describe('relativeWeights', () => {
  it('matches rwa on mpg ~ cyl + disp + hp + gear: R², raw and rescaled weights, signs', () => {
    const variables = [expected.response, ...expected.predictors];
    const result = relativeWeights(
      crossProductsOf(variables, mtcarsColumns(variables)),
      'mpg',
      expected.predictors,
    );
    expectPrinted(result.rSquared, expected.r2);
    for (const weight of result.weights) {
      const name = weight.name as Predictor;
      expectPrinted(weight.rawWeight, expected.raw_relative_weight[name]);
      expectPrinted(weight.rescaledPercent, expected.rescaled_percent[name]);
      expect(weight.sign).toBe(expected.sign[name]);
    }
  });

  it('has weights that sum to the R² of the full regression', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 2, maxLength: 5 }),
        (seed, coefficients) => {
          const names = ['y', ...coefficients.map((_, k) => `x${k}`)];
          const rows = simulatedDriverRows(50, coefficients, seed).map((row) =>
            row.map((v, k) => (k > 1 ? v + 0.4 * row[1] : v)),
          );
          const cp = crossProductsOf(names, rows);
          const result = relativeWeights(cp, 'y', names.slice(1));
          const total = result.weights.reduce((s, w) => s + w.rawWeight, 0);
          expect(total).toBeCloseTo(result.rSquared, 12);
          expect(result.weights.reduce((s, w) => s + w.rescaledPercent, 0)).toBeCloseTo(100, 10);
          const full = rSquaredFromCorrelation(
            correlationFrom(cp),
            0,
            names.slice(1).map((_, k) => k + 1),
          );
          expect(result.rSquared).toBeCloseTo(full, 10);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('gives r² to a single predictor', () => {
    const cp = crossProductsOf(['y', 'x'], simulatedDriverRows(30, [0.7], 3));
    const r = correlationFrom(cp)[0][1];
    expect(relativeWeights(cp, 'y', ['x']).weights[0].rawWeight).toBeCloseTo(r * r, 12);
  });
});
