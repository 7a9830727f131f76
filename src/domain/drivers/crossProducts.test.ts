import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  correlationFrom,
  covarianceFrom,
  crossProductsOf,
  emptyCrossProducts,
  mergeCrossProducts,
} from './crossProducts.ts';
import { DriverInputError } from './driverInputError.ts';

const variables = ['nps', 'certainty', 'control'];
const rows = fc.array(
  fc.tuple(
    fc.integer({ min: 0, max: 10 }),
    fc.integer({ min: 0, max: 100 }),
    fc.integer({ min: 0, max: 100 }),
  ),
  {
    maxLength: 30,
  },
);

const pearson = (x: number[], y: number[]): number => {
  const mx = x.reduce((s, v) => s + v, 0) / x.length;
  const my = y.reduce((s, v) => s + v, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  x.forEach((xi, i) => {
    sxy += (xi - mx) * (y[i] - my);
    sxx += (xi - mx) ** 2;
    syy += (y[i] - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
};

describe('cross-products', () => {
  it('computes n, sums and sums of products', () => {
    const cp = crossProductsOf(
      ['x', 'y'],
      [
        [1, 2],
        [3, 4],
      ],
    );
    expect(cp.n).toBe(2);
    expect(cp.sums).toEqual([4, 6]);
    expect(cp.sumsOfProducts).toEqual([
      [10, 14],
      [14, 20],
    ]);
  });

  it('merged rollups equal the cross-products of the concatenated rows (exactly, for integer answers)', () => {
    fc.assert(
      fc.property(rows, rows, (a, b) => {
        const merged = mergeCrossProducts(crossProductsOf(variables, a), crossProductsOf(variables, b));
        expect(merged).toEqual(crossProductsOf(variables, [...a, ...b]));
      }),
    );
    expect(
      mergeCrossProducts(emptyCrossProducts(variables), crossProductsOf(variables, [[1, 2, 3]])),
    ).toEqual(crossProductsOf(variables, [[1, 2, 3]]));
  });

  it('gives the n − 1 covariance and the Pearson correlation', () => {
    fc.assert(
      fc.property(rows, (data) => {
        const columns = variables.map((_, k) => data.map((row) => row[k]));
        fc.pre(data.length >= 3 && columns.every((column) => new Set(column).size > 1));
        const cp = crossProductsOf(variables, data);
        const correlation = correlationFrom(cp);
        const covariance = covarianceFrom(cp);
        const mean0 = columns[0].reduce((s, v) => s + v, 0) / data.length;
        const variance0 = columns[0].reduce((s, v) => s + (v - mean0) ** 2, 0) / (data.length - 1);
        expect(covariance[0][0]).toBeCloseTo(variance0, 8);
        expect(correlation[0][1]).toBeCloseTo(pearson(columns[0], columns[1]), 10);
        expect(correlation[1][2]).toBeCloseTo(pearson(columns[1], columns[2]), 10);
        expect(correlation[2][1]).toBe(correlation[1][2]);
        expect(correlation[1][1]).toBe(1);
      }),
    );
  });

  it('names a constant column', () => {
    const cp = crossProductsOf(variables, [
      [3, 50, 7],
      [9, 50, 8],
      [6, 50, 2],
    ]);
    expect(() => correlationFrom(cp)).toThrow(DriverInputError);
    expect(() => correlationFrom(cp)).toThrow(/'certainty'/);
    try {
      correlationFrom(cp);
    } catch (error) {
      expect((error as DriverInputError).problem).toBe('constant_column');
      expect((error as DriverInputError).variables).toEqual(['certainty']);
    }
  });

  it('rejects merges over different variables, missing values and too few rows', () => {
    expect(() => mergeCrossProducts(emptyCrossProducts(['a']), emptyCrossProducts(['b']))).toThrow(
      DriverInputError,
    );
    expect(() => crossProductsOf(['a', 'b'], [[1, Number.NaN]])).toThrow(/'b'/);
    expect(() => covarianceFrom(crossProductsOf(['a'], [[1]]))).toThrow(/at least 2 rows/);
  });
});
