import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectPrinted } from '../../../test/fixtures/reference/printedPrecision.ts';
import reference from '../../../test/fixtures/reference/sigtests_expected.json' with { type: 'json' };
import { mergeMoments, momentsOf } from './moments.ts';
import { studentTQuantile } from './studentTDistribution.ts';
import { welchTTest } from './welchTTest.ts';

describe('welchTTest', () => {
  it('matches scipy / R: t and two-sided p', () => {
    for (const expected of reference.welch_t_test) {
      const result = welchTTest(momentsOf(expected.a), momentsOf(expected.b));
      expectPrinted(result.t, expected.t);
      expectPrinted(result.pValue, expected.p_two_sided);
    }
  });

  it('uses the Welch–Satterthwaite df and t_{0.975, df} · SE for the interval', () => {
    const result = welchTTest(momentsOf([1, 2, 3]), momentsOf([1.1, 2.9, 4.2]));
    // By hand: v₁ = 1/3, v₂ = s₂²/3 with s₂² = ((1.1−m)² + (2.9−m)² + (4.2−m)²)/2, m = 8.2/3.
    const m = 8.2 / 3;
    const v1 = 1 / 3;
    const v2 = ((1.1 - m) ** 2 + (2.9 - m) ** 2 + (4.2 - m) ** 2) / 2 / 3;
    const df = (v1 + v2) ** 2 / (v1 ** 2 / 2 + v2 ** 2 / 2);
    expect(result.degreesOfFreedom).toBeCloseTo(df, 12);
    const halfWidth = studentTQuantile(0.975, df) * Math.sqrt(v1 + v2);
    expect(result.lower).toBeCloseTo(2 - m - halfWidth, 12);
    expect(result.upper).toBeCloseTo(2 - m + halfWidth, 12);
  });

  it('runs on merged rollups exactly as on the raw data', () => {
    const sample = fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 2, maxLength: 20 });
    fc.assert(
      fc.property(sample, sample, sample, (a1, a2, b) => {
        fc.pre(new Set([...a1, ...a2]).size > 1 || new Set(b).size > 1);
        const fromRollups = welchTTest(mergeMoments(momentsOf(a1), momentsOf(a2)), momentsOf(b));
        const fromRows = welchTTest(momentsOf([...a1, ...a2]), momentsOf(b));
        expect(fromRollups.t).toBeCloseTo(fromRows.t, 8);
        expect(fromRollups.pValue).toBeCloseTo(fromRows.pValue, 8);
      }),
    );
  });

  it('has an interval that contains the difference and excludes 0 exactly when p < 0.05', () => {
    const sample = fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 3, maxLength: 25 });
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        fc.pre(new Set(a).size > 1 && new Set(b).size > 1);
        const result = welchTTest(momentsOf(a), momentsOf(b));
        expect(result.lower).toBeLessThanOrEqual(result.difference);
        expect(result.upper).toBeGreaterThanOrEqual(result.difference);
        fc.pre(Math.abs(result.pValue - 0.05) > 1e-9);
        expect(result.lower > 0 || result.upper < 0).toBe(result.pValue < 0.05);
      }),
    );
  });

  it('refuses groups without variance', () => {
    expect(() => welchTTest(momentsOf([2, 2]), momentsOf([3, 3, 3]))).toThrow(/zero variance/);
  });
});
