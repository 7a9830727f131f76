import { describe, expect, it } from 'vitest';
import reference from '../../../test/fixtures/reference/chisquare_expected.json' with { type: 'json' };
import { expectPrinted } from '../../../test/fixtures/reference/printedPrecision.ts';
import { chiSquareGoodnessOfFit, chiSquareIndependence } from './chiSquareTest.ts';

describe('chiSquareIndependence', () => {
  it("matches R's chisq.test and SciPy: statistic, df, p-value and expected counts", () => {
    for (const expected of reference.independence) {
      const result = chiSquareIndependence(expected.table, { continuityCorrection: expected.correct });
      expectPrinted(result.statistic, expected.statistic);
      expect(result.degreesOfFreedom).toBe(expected.df);
      expectPrinted(result.pValue, expected.p_value);
      expected.expected?.forEach((row, i) => {
        row.forEach((cell, j) => {
          expectPrinted(result.expected[i][j], cell);
        });
      });
    }
  });

  it('ignores the continuity correction on tables larger than 2 × 2', () => {
    const table = reference.independence[0].table;
    expect(chiSquareIndependence(table, { continuityCorrection: true }).statistic).toBe(
      chiSquareIndependence(table).statistic,
    );
  });

  it('rejects ragged tables and empty rows or columns', () => {
    expect(() => chiSquareIndependence([[1, 2], [3]])).toThrow(/row 1/);
    expect(() =>
      chiSquareIndependence([
        [0, 0],
        [3, 4],
      ]),
    ).toThrow(/row 0 is empty/);
    expect(() => chiSquareIndependence([[1, 2]])).toThrow(/2 × 2/);
  });
});

describe('chiSquareGoodnessOfFit', () => {
  it("matches R's chisq.test(x, p)", () => {
    for (const expected of reference.goodness_of_fit) {
      const result = chiSquareGoodnessOfFit(expected.observed, expected.proportions);
      expectPrinted(result.statistic, expected.statistic);
      expect(result.degreesOfFreedom).toBe(expected.df);
      expectPrinted(result.pValue, expected.p_value);
      expected.expected?.forEach((cell, i) => {
        expectPrinted(result.expected[0][i], cell);
      });
    }
  });

  it("reproduces the textbook test of Mendel's peas (315, 108, 101, 32 against 9:3:3:1), computed by hand", () => {
    const observed = [315, 108, 101, 32];
    const result = chiSquareGoodnessOfFit(observed, [9 / 16, 3 / 16, 3 / 16, 1 / 16]);
    // Expected counts 556 · (9, 3, 3, 1) / 16 = 312.75, 104.25, 104.25, 34.75.
    const byHand = 2.25 ** 2 / 312.75 + 3.75 ** 2 / 104.25 + 3.25 ** 2 / 104.25 + 2.75 ** 2 / 34.75;
    expect(result.statistic).toBeCloseTo(byHand, 12);
    expect(result.statistic).toBeCloseTo(0.47, 2);
    expect(result.degreesOfFreedom).toBe(3);
    expect(result.pValue).toBeGreaterThan(0.9);
  });

  it('rejects proportions that do not sum to 1 or do not match the counts', () => {
    expect(() => chiSquareGoodnessOfFit([1, 2, 3], [0.5, 0.5, 0.5])).toThrow(/sum to 1/);
    expect(() => chiSquareGoodnessOfFit([1, 2], [1])).toThrow(/proportions/);
  });
});
