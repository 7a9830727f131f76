import { describe, expect, it } from 'vitest';
import { allSubsetsRSquared } from './allSubsetsRSquared.ts';
import { correlationFrom, crossProductsOf } from './crossProducts.ts';
import { DriverInputError } from './driverInputError.ts';
import { rSquaredFromCorrelation } from './rSquared.ts';
import { simulatedDriverRows } from './simulatedDrivers.ts';

const names = ['x1', 'x2', 'x3', 'x4', 'x5'];
const correlation = correlationFrom(
  crossProductsOf(['y', ...names], simulatedDriverRows(200, [1, -0.5, 0.3, 0, 2], 11)),
);

describe('allSubsetsRSquared', () => {
  it('gives the same R² as a direct solve for every one of the 2^p subsets', () => {
    const table = allSubsetsRSquared(
      correlation,
      names.map((_, k) => [k]),
      names,
    );
    expect(table.length).toBe(32);
    for (let mask = 0; mask < 32; mask++) {
      const predictors = names.map((_, k) => k + 1).filter((_, k) => mask & (1 << k));
      expect(table[mask]).toBeCloseTo(rSquaredFromCorrelation(correlation, 0, predictors), 12);
    }
  });

  it('treats a group of predictors as one player', () => {
    const table = allSubsetsRSquared(correlation, [[0, 1], [2], [3, 4]], names);
    expect(table.length).toBe(8);
    expect(table[0b101]).toBeCloseTo(rSquaredFromCorrelation(correlation, 0, [1, 2, 4, 5]), 12);
  });

  it('exposes the standardized coefficients of each model', () => {
    const seen: number[] = [];
    allSubsetsRSquared(correlation, [[0]], names, (mask, swept, q) => {
      if (mask === 1) seen.push(swept[0 * q + (q - 1)]);
    });
    // One predictor: the standardized coefficient is the correlation.
    expect(seen[0]).toBeCloseTo(correlation[1][0], 14);
  });

  it('names a predictor that is a combination of others', () => {
    const rows = simulatedDriverRows(50, [1, 1], 3).map(([y, a, b]) => [y, a, b, a - b]);
    const collinear = correlationFrom(crossProductsOf(['y', 'a', 'b', 'c'], rows));
    expect(() => allSubsetsRSquared(collinear, [[0], [1], [2]], ['a', 'b', 'c'])).toThrow(DriverInputError);
    expect(() => allSubsetsRSquared(collinear, [[0], [1], [2]], ['a', 'b', 'c'])).toThrow(/'c'/);
  });
});
