import { describe, expect, it } from 'vitest';
import expected from '../../../test/fixtures/reference/distributions_expected.json' with { type: 'json' };
import { expectPrinted } from '../../../test/fixtures/reference/printedPrecision.ts';
import { normalCriticalValue, normalQuantile, normalTwoSidedPValue } from './normalDistribution.ts';

describe('normal distribution', () => {
  it('matches R qnorm to its 16 printed digits', () => {
    for (const [p, z] of Object.entries(expected.normal_quantiles.values)) {
      expectPrinted(normalQuantile(Number(p)), z);
    }
    expectPrinted(normalCriticalValue(0.95), expected.normal_quantiles.values['0.975']);
  });

  it('gives two-sided p-values that invert the quantile', () => {
    for (const p of [0.5, 0.1, 0.05, 0.01, 1e-4, 1e-8, 1e-15]) {
      // Lower tail: 1 − p/2 would round away the digits of small p.
      const z = -normalQuantile(p / 2);
      expect(Math.abs(normalTwoSidedPValue(z) - p) / p).toBeLessThan(1e-9);
      expect(normalTwoSidedPValue(-z)).toBe(normalTwoSidedPValue(z));
    }
    expect(normalTwoSidedPValue(0)).toBe(1);
  });

  it('rejects bad arguments', () => {
    expect(() => normalQuantile(0)).toThrow(RangeError);
    expect(() => normalQuantile(1)).toThrow(RangeError);
    expect(() => normalCriticalValue(1)).toThrow(RangeError);
    expect(() => normalTwoSidedPValue(Number.NaN)).toThrow(RangeError);
  });
});
