import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectPrinted } from '../../../test/fixtures/reference/printedPrecision.ts';
import extra from '../../../test/fixtures/reference/prop_test_extra_expected.json' with { type: 'json' };
import reference from '../../../test/fixtures/reference/sigtests_expected.json' with { type: 'json' };
import { chiSquareIndependence } from './chiSquareTest.ts';
import { twoProportionZTest } from './twoProportionZTest.ts';

const [clickhouse, pooled, corrected] = reference.two_proportion_z_test;

describe('twoProportionZTest', () => {
  it('matches ClickHouse proportionsZTest, unpooled: z, p and interval', () => {
    const result = twoProportionZTest(
      clickhouse.x1 ?? 0,
      clickhouse.n1 ?? 0,
      clickhouse.x2 ?? 0,
      clickhouse.n2 ?? 0,
      {
        pooled: false,
      },
    );
    expectPrinted(result.z, clickhouse.z ?? Number.NaN);
    expectPrinted(result.pValue, clickhouse.p_two_sided);
    expectPrinted(result.lower, clickhouse.ci95?.[0] ?? Number.NaN);
    expectPrinted(result.upper, clickhouse.ci95?.[1] ?? Number.NaN);
  });

  it("matches R's prop.test(correct = FALSE): X² = z², p and the Wald interval", () => {
    const result = twoProportionZTest(30, 100, 50, 100);
    expectPrinted(result.chiSquare, pooled.chisq ?? Number.NaN);
    expectPrinted(result.pValue, pooled.p_two_sided);
    expectPrinted(result.lower, pooled.ci95_unpooled_wald?.[0] ?? Number.NaN);
    expectPrinted(result.upper, pooled.ci95_unpooled_wald?.[1] ?? Number.NaN);
  });

  it("matches R's prop.test with Yates' correction", () => {
    const result = twoProportionZTest(30, 100, 50, 100, { continuityCorrection: true });
    expectPrinted(result.chiSquare, corrected.chisq ?? Number.NaN);
    expectPrinted(result.pValue, corrected.p_two_sided);
    expectPrinted(result.lower, corrected.ci95?.[0] ?? Number.NaN);
    expectPrinted(result.upper, corrected.ci95?.[1] ?? Number.NaN);
  });

  it('caps the correction at the observed difference, as prop.test', () => {
    const capped = extra.two_sample[0];
    const result = twoProportionZTest(capped.x1, capped.n1, capped.x2, capped.n2, {
      continuityCorrection: true,
    });
    expectPrinted(result.lower, capped.conf_int[0]);
    expectPrinted(result.upper, capped.conf_int[1]);
    expect(result.z).toBe(0);
    expect(result.pValue).toBe(1);
  });

  it("equals Pearson's chi-square on the 2×2 table, with and without the correction", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 200 }),
        fc.integer({ min: 5, max: 200 }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.boolean(),
        (n1, n2, s1, s2, correct) => {
          const x1 = Math.max(1, Math.min(n1 - 1, Math.round(s1 * n1)));
          const x2 = Math.max(1, Math.min(n2 - 1, Math.round(s2 * n2)));
          const test = twoProportionZTest(x1, n1, x2, n2, { continuityCorrection: correct });
          const table = chiSquareIndependence(
            [
              [x1, n1 - x1],
              [x2, n2 - x2],
            ],
            { continuityCorrection: correct },
          );
          expect(test.chiSquare).toBeCloseTo(table.statistic, 9);
          expect(test.pValue).toBeCloseTo(table.pValue, 12);
          expect(test.lower).toBeLessThanOrEqual(test.difference);
          expect(test.upper).toBeGreaterThanOrEqual(test.difference);
        },
      ),
    );
  });

  it('rejects impossible counts and degenerate groups', () => {
    expect(() => twoProportionZTest(5, 4, 1, 10)).toThrow(/group 1/);
    expect(() => twoProportionZTest(0, 10, 0, 12)).toThrow(/undefined/);
  });
});
