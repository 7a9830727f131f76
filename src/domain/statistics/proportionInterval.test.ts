import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalCriticalValue } from './normalDistribution.ts';
import { wilsonInterval } from './proportionInterval.ts';

describe('wilsonInterval', () => {
  it('bounds are the proportions p₀ where the score statistic |p̂ − p₀| / √(p₀(1 − p₀)/n) equals z', () => {
    const z = normalCriticalValue(0.95);
    const { lower, upper } = wilsonInterval(30, 100);
    for (const p0 of [lower, upper]) {
      expect(Math.abs(0.3 - p0) / Math.sqrt((p0 * (1 - p0)) / 100)).toBeCloseTo(z, 10);
    }
  });

  it('stays within [0, 1], contains p̂, and is not degenerate at 0 % or 100 %', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, share) => {
          const x = Math.round(share * n);
          const interval = wilsonInterval(x, n);
          expect(interval.lower).toBeGreaterThanOrEqual(0);
          expect(interval.upper).toBeLessThanOrEqual(1);
          expect(interval.lower).toBeLessThanOrEqual(interval.proportion + 1e-15);
          expect(interval.upper).toBeGreaterThanOrEqual(interval.proportion - 1e-15);
        },
      ),
    );
    expect(wilsonInterval(0, 20).upper).toBeGreaterThan(0);
    expect(wilsonInterval(20, 20).lower).toBeLessThan(1);
  });

  it('is wider with the continuity correction', () => {
    const plain = wilsonInterval(30, 100);
    const corrected = wilsonInterval(30, 100, { continuityCorrection: true });
    expect(corrected.lower).toBeLessThan(plain.lower);
    expect(corrected.upper).toBeGreaterThan(plain.upper);
  });

  it('rejects impossible counts', () => {
    expect(() => wilsonInterval(5, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
  });
});
