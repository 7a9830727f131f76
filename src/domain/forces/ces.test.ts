import { describe, expect, it } from 'vitest';
import { cesEasy, cesEasyShare, cesScore } from './ces.ts';

describe('cesScore', () => {
  it('returns a valid answer unchanged', () => {
    expect(cesScore(6)).toBe(6);
    expect(cesScore(1)).toBe(1);
    expect(cesScore(5, { min: 1, max: 5 })).toBe(5);
  });

  it('rejects answers out of the scale or not whole, and bad scales', () => {
    for (const bad of [0, 8, 6.5, Number.NaN]) expect(() => cesScore(bad)).toThrow(RangeError);
    expect(() => cesScore(2, { min: 1, max: 2 })).toThrow(RangeError);
    expect(() => cesScore(2, { min: 1, max: 6.5 })).toThrow(RangeError);
  });
});

describe('cesEasy', () => {
  it('is true for the top two points (agree it was easy)', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((s) => cesEasy(s))).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
      true,
    ]);
    expect(cesEasy(4, { min: 1, max: 5 })).toBe(true);
  });

  it('rejects invalid answers', () => {
    expect(() => cesEasy(0)).toThrow(RangeError);
  });
});

describe('cesEasyShare', () => {
  it('is the percentage of answered easy answers', () => {
    expect(cesEasyShare([7, 6, 4, null])).toBeCloseTo(66.667, 3);
    expect(cesEasyShare([1, 7])).toBe(50);
    expect(cesEasyShare([null])).toBeNull();
  });
});
