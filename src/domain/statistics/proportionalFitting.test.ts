import { describe, expect, it } from 'vitest';
import { expectPrinted } from '../../../test/fixtures/reference/printedPrecision.ts';
import reference from '../../../test/fixtures/reference/raking_expected.json' with { type: 'json' };
import { fitTableToMargins } from './proportionalFitting.ts';

const example = reference.ipf_2d_wikipedia_example;

describe('fitTableToMargins', () => {
  it('reproduces the fitted 4 × 4 table of the Wikipedia / ProportionalFitting.jl example to 6 significant digits', () => {
    const result = fitTableToMargins(example.seed, example.row_targets, example.col_targets);
    expect(result.converged).toBe(true);
    example.fitted_printed_6sig.forEach((row, i) => {
      row.forEach((cell, j) => {
        expectPrinted(result.fitted[i][j], cell, 6);
      });
    });
  });

  it('meets the margins and keeps the seed odds ratios', () => {
    const { fitted } = fitTableToMargins(example.seed, example.row_targets, example.col_targets, {
      tolerance: 1e-12,
    });
    fitted.forEach((row, i) => {
      expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(example.row_targets[i], 8);
    });
    example.col_targets.forEach((target, j) => {
      expect(fitted.reduce((s, row) => s + row[j], 0)).toBeCloseTo(target, 8);
    });
    const oddsRatio = (t: number[][], i: number, j: number) => (t[0][0] * t[i][j]) / (t[0][j] * t[i][0]);
    for (const [i, j] of [
      [1, 1],
      [2, 3],
      [3, 2],
    ]) {
      expect(oddsRatio(fitted, i, j)).toBeCloseTo(oddsRatio(example.seed, i, j), 8);
    }
  });

  it('reports non-convergence when stopped early', () => {
    const result = fitTableToMargins(example.seed, example.row_targets, example.col_targets, {
      maxIterations: 1,
    });
    expect(result.iterations).toBe(1);
    expect(result.converged).toBe(false);
    expect(result.maxMarginError).toBeGreaterThan(1e-10);
  });

  it('rejects inconsistent targets and empty seed rows', () => {
    expect(() =>
      fitTableToMargins(
        [
          [1, 1],
          [1, 1],
        ],
        [3, 1],
        [2, 3],
      ),
    ).toThrow(/sum to/);
    expect(() =>
      fitTableToMargins(
        [
          [0, 0],
          [1, 1],
        ],
        [1, 1],
        [1, 1],
      ),
    ).toThrow(/row 0 is empty/);
  });
});
