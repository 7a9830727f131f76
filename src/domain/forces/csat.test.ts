import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csatPoints, csatTopTwoBox, csatTopTwoBoxShare } from './csat.ts';

describe('csatTopTwoBox', () => {
  it('is true for the top two points of a 1–5 scale', () => {
    expect([1, 2, 3, 4, 5].map((s) => csatTopTwoBox(s))).toEqual([false, false, false, true, true]);
  });

  it('works on other scales', () => {
    expect(csatTopTwoBox(9, 10, 0)).toBe(true);
    expect(csatTopTwoBox(8, 10, 0)).toBe(false);
    expect(csatTopTwoBox(6, 7)).toBe(true);
  });

  it('rejects answers outside the scale and scales with fewer than 3 points', () => {
    expect(() => csatTopTwoBox(0)).toThrow(RangeError);
    expect(() => csatTopTwoBox(6)).toThrow(RangeError);
    expect(() => csatTopTwoBox(2, 2, 1)).toThrow(RangeError);
    expect(() => csatTopTwoBox(3, 1, 5)).toThrow(RangeError);
  });
});

describe('csatPoints', () => {
  it('rescales to 0..100', () => {
    expect([1, 2, 3, 4, 5].map((s) => csatPoints(s))).toEqual([0, 25, 50, 75, 100]);
    expect(csatPoints(7, 0, 10)).toBe(70);
    expect(csatPoints(4.5)).toBe(87.5);
  });

  it('rejects answers outside the scale and empty scales', () => {
    expect(() => csatPoints(5.5)).toThrow(RangeError);
    expect(() => csatPoints(3, 3, 3)).toThrow(RangeError);
  });

  it('stays within 0..100 and agrees with the top-two box on 1–5 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), (s) => {
        const points = csatPoints(s);
        expect(points).toBeGreaterThanOrEqual(0);
        expect(points).toBeLessThanOrEqual(100);
        expect(points >= 75).toBe(csatTopTwoBox(s));
      }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 5 }),
        fc.integer({ min: 1, max: 20 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (min, span, t) => {
          const points = csatPoints(Math.min(min + span, min + t * span), min, min + span);
          expect(points).toBeGreaterThanOrEqual(0);
          expect(points).toBeLessThanOrEqual(100);
        },
      ),
    );
  });
});

describe('csatTopTwoBoxShare', () => {
  it('is the percentage of answered top-two-box answers', () => {
    expect(csatTopTwoBoxShare([5, 4, 3, 1])).toBe(50);
    expect(csatTopTwoBoxShare([5, null, 2])).toBe(50);
    expect(csatTopTwoBoxShare([])).toBeNull();
  });
});
