import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectiveSampleSize } from './effectiveSampleSize.ts';

describe('effectiveSampleSize', () => {
  it('is n for equal weights and (Σw)²/Σw² otherwise', () => {
    expect(effectiveSampleSize([2, 2, 2, 2])).toBe(4);
    // (5/3 + 1/3) · 6 = 12; Σw² = 6 · (25/9 + 1/9) = 52/3; 144 / (52/3) = 108/13.
    expect(
      effectiveSampleSize([
        5 / 3,
        1 / 3,
        5 / 3,
        1 / 3,
        5 / 3,
        1 / 3,
        5 / 3,
        1 / 3,
        5 / 3,
        1 / 3,
        5 / 3,
        1 / 3,
      ]),
    ).toBeCloseTo(108 / 13, 12);
  });

  it('never exceeds the number of weights', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 10, noNaN: true }), { minLength: 1, maxLength: 50 }),
        (w) => {
          expect(effectiveSampleSize(w)).toBeLessThanOrEqual(w.length + 1e-9);
        },
      ),
    );
  });

  it('rejects negative or all-zero weights', () => {
    expect(() => effectiveSampleSize([1, -1])).toThrow(RangeError);
    expect(() => effectiveSampleSize([0, 0])).toThrow(RangeError);
  });
});
