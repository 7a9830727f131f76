import { describe, expect, it } from 'vitest';
import { bootstrapImportance, cellsFromRows, quantileOfSorted } from './bootstrap.ts';
import { crossProductsOf } from './crossProducts.ts';
import { DriverInputError } from './driverInputError.ts';
import { lmg } from './lmg.ts';
import { simulatedDriverRows } from './simulatedDrivers.ts';

const names = ['nps', 'certainty', 'control', 'status'];
const rows = simulatedDriverRows(240, [1.2, 0.6, 0.2], 42);
// 24 daily rollup cells of 10 answers each.
const dailyCells = Array.from({ length: 24 }, (_, day) =>
  crossProductsOf(names, rows.slice(day * 10, day * 10 + 10)),
);
const options = { outcome: 'nps', predictors: names.slice(1), seed: 7, replicates: 200 };

describe('bootstrapImportance', () => {
  it('estimates on all cells merged, and intervals contain the estimate', () => {
    const result = bootstrapImportance(dailyCells, options);
    const full = lmg(crossProductsOf(names, rows), 'nps', names.slice(1));
    expect(result.replicates + result.failedReplicates).toBe(200);
    expect(result.rSquared.estimate).toBeCloseTo(full.rSquared, 12);
    result.players.forEach((player, j) => {
      expect(player.importance.estimate).toBeCloseTo(full.players[j].importance, 12);
      for (const interval of [player.importance, player.share]) {
        expect(interval.lower).toBeLessThanOrEqual(interval.estimate);
        expect(interval.upper).toBeGreaterThanOrEqual(interval.estimate);
      }
    });
    expect(result.rSquared.lower).toBeLessThanOrEqual(result.rSquared.estimate);
    expect(result.rSquared.upper).toBeGreaterThanOrEqual(result.rSquared.estimate);
  });

  it('is reproducible for a seed and changes with the seed', () => {
    const a = bootstrapImportance(dailyCells, options);
    const b = bootstrapImportance(dailyCells, options);
    const c = bootstrapImportance(dailyCells, { ...options, seed: 8 });
    expect(b).toEqual(a);
    expect(c.players[0].importance.lower).not.toBe(a.players[0].importance.lower);
  });

  it('ranks a strong driver above a weak one without overlap', () => {
    const result = bootstrapImportance(cellsFromRows(names, rows), options);
    const [certainty, , status] = result.players;
    expect(certainty.share.lower).toBeGreaterThan(status.share.upper);
  });

  it('accepts individual rows as cells of one, and relative weights', () => {
    const cells = cellsFromRows(names, rows.slice(0, 80));
    expect(cells[0].n).toBe(1);
    const result = bootstrapImportance(cells, { ...options, method: 'relative_weights', replicates: 50 });
    expect(result.method).toBe('relative_weights');
    expect(result.players.map((p) => p.name)).toEqual(names.slice(1));
  });

  it('supports groups of predictors with LMG', () => {
    const result = bootstrapImportance(dailyCells, {
      ...options,
      predictors: { emotional: ['certainty', 'control'], functional: ['status'] },
      replicates: 50,
    });
    expect(result.players.map((p) => p.name)).toEqual(['emotional', 'functional']);
  });

  it('counts resamples that cannot be analysed instead of failing', () => {
    // Three cells where 'status' only varies within one of them.
    const cells = [
      crossProductsOf(
        names,
        rows.slice(0, 20).map(([y, a, b]) => [y, a, b, 5]),
      ),
      crossProductsOf(
        names,
        rows.slice(20, 40).map(([y, a, b]) => [y, a, b, 5]),
      ),
      crossProductsOf(names, rows.slice(40, 60)),
    ];
    const result = bootstrapImportance(cells, { ...options, replicates: 100 });
    expect(result.failedReplicates).toBeGreaterThan(0);
    expect(result.replicates + result.failedReplicates).toBe(100);
  });

  it('rejects too few cells, mismatched cells and groups with relative weights', () => {
    expect(() => bootstrapImportance(dailyCells.slice(0, 1), options)).toThrow(/at least 2 cells/);
    expect(() => bootstrapImportance([dailyCells[0], crossProductsOf(['a'], [[1]])], options)).toThrow(
      DriverInputError,
    );
    expect(() =>
      bootstrapImportance(dailyCells, {
        ...options,
        method: 'relative_weights',
        predictors: { all: names.slice(1) },
      }),
    ).toThrow(/not groups/);
  });
});

describe('quantileOfSorted', () => {
  it("interpolates like R's quantile(type = 7)", () => {
    expect(quantileOfSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileOfSorted([1, 2, 3, 4], 0.025)).toBeCloseTo(1.075, 14);
    expect(quantileOfSorted([5], 0.9)).toBe(5);
  });
});
