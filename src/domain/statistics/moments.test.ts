import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyMoments, meanOf, mergeMoments, momentsOf, varianceOf } from './moments.ts';

const scores = fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { maxLength: 40 });

// Two-pass variance, the textbook definition, as an independent check.
const twoPassVariance = (values: number[]): number => {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
};

describe('moments', () => {
  it('computes n, Σx and Σx²', () => {
    expect(momentsOf([1, 2, 3])).toEqual({ n: 3, sum: 6, sumSq: 14 });
    expect(momentsOf([])).toEqual(emptyMoments);
  });

  it('merged rollups equal the moments of the concatenated data', () => {
    fc.assert(
      fc.property(scores, scores, (a, b) => {
        const merged = mergeMoments(momentsOf(a), momentsOf(b));
        const direct = momentsOf([...a, ...b]);
        expect(merged.n).toBe(direct.n);
        expect(merged.sum).toBeCloseTo(direct.sum, 8);
        expect(merged.sumSq).toBeCloseTo(direct.sumSq, 6);
      }),
    );
  });

  it('gives the mean and the n − 1 sample variance', () => {
    expect(meanOf(momentsOf([1, 2, 3]))).toBe(2);
    expect(varianceOf(momentsOf([1, 2, 3]))).toBe(1);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 2, maxLength: 50 }), (values) => {
        expect(varianceOf(momentsOf(values))).toBeCloseTo(twoPassVariance(values), 9);
      }),
    );
  });

  it('never returns a negative variance for constant data', () => {
    expect(varianceOf(momentsOf([0.1, 0.1, 0.1]))).toBeGreaterThanOrEqual(0);
  });

  it('refuses empty or too small samples and non-finite values', () => {
    expect(() => meanOf(emptyMoments)).toThrow(RangeError);
    expect(() => varianceOf(momentsOf([3]))).toThrow(/at least two/);
    expect(() => momentsOf([1, Number.NaN])).toThrow(/value 1/);
  });
});
