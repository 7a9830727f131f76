import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meanInterval } from './meanInterval.ts';
import { momentsOf } from './moments.ts';

describe('meanInterval', () => {
  it('gives x̄ ± t·s/√n; for 1, 2, 3 (2 df) the t quantile has the closed form 0.95/√(2·0.975·0.025)', () => {
    const result = meanInterval(momentsOf([1, 2, 3]));
    const t = 0.95 / Math.sqrt(2 * 0.975 * 0.025);
    expect(result.mean).toBe(2);
    expect(result.standardDeviation).toBe(1);
    expect(result.degreesOfFreedom).toBe(2);
    expect(result.lower).toBeCloseTo(2 - t / Math.sqrt(3), 12);
    expect(result.upper).toBeCloseTo(2 + t / Math.sqrt(3), 12);
  });

  it('contains the mean and widens with the confidence level', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 2, maxLength: 40 }), (values) => {
        const m = momentsOf(values);
        const narrow = meanInterval(m, 0.8);
        const wide = meanInterval(m, 0.99);
        expect(narrow.lower).toBeLessThanOrEqual(narrow.mean);
        expect(narrow.upper).toBeGreaterThanOrEqual(narrow.mean);
        expect(wide.lower).toBeLessThanOrEqual(narrow.lower + 1e-9);
        expect(wide.upper).toBeGreaterThanOrEqual(narrow.upper - 1e-9);
      }),
    );
  });

  it('needs two values', () => {
    expect(() => meanInterval(momentsOf([5]))).toThrow(RangeError);
  });
});
