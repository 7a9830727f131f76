import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chiSquareSurvival } from './chiSquareDistribution.ts';

describe('chiSquareSurvival', () => {
  it('is e^(−x/2) with 2 degrees of freedom, relatively accurate in the tail', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 1400, noNaN: true }), (x) => {
        const expected = Math.exp(-x / 2);
        expect(Math.abs(chiSquareSurvival(x, 2) - expected) / expected).toBeLessThan(1e-11);
      }),
    );
  });

  it('is 1 at or below 0 and rejects bad arguments', () => {
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(chiSquareSurvival(-1, 3)).toBe(1);
    expect(() => chiSquareSurvival(1, 0)).toThrow(RangeError);
    expect(() => chiSquareSurvival(Number.NaN, 1)).toThrow(RangeError);
  });
});
