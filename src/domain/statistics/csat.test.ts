import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csatFromCounts, mergeTopTwoBoxCounts, topTwoBoxCountsOf } from './csat.ts';
import { wilsonInterval } from './proportionInterval.ts';

describe('CSAT top-two-box', () => {
  it('counts the two highest scale points', () => {
    expect(topTwoBoxCountsOf([5, 4, 3, 1])).toEqual({ topTwoBox: 2, n: 4 });
    expect(topTwoBoxCountsOf([7, 6, 5, 1], 7)).toEqual({ topTwoBox: 2, n: 4 });
  });

  it('merged rollups equal the rollup of the concatenated answers', () => {
    const answers = fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 30 });
    fc.assert(
      fc.property(answers, answers, (a, b) => {
        expect(mergeTopTwoBoxCounts(topTwoBoxCountsOf(a), topTwoBoxCountsOf(b))).toEqual(
          topTwoBoxCountsOf([...a, ...b]),
        );
      }),
    );
  });

  it('reports the percentage with the Wilson interval in percent', () => {
    const result = csatFromCounts({ topTwoBox: 30, n: 100 });
    const wilson = wilsonInterval(30, 100);
    expect(result.percent).toBe(30);
    expect(result.lower).toBeCloseTo(100 * wilson.lower, 12);
    expect(result.upper).toBeCloseTo(100 * wilson.upper, 12);
    expect(result.lower).toBeLessThan(30);
    expect(result.upper).toBeGreaterThan(30);
  });

  it('rejects answers off the scale', () => {
    expect(() => topTwoBoxCountsOf([6])).toThrow(RangeError);
    expect(() => topTwoBoxCountsOf([1], 2)).toThrow(RangeError);
  });
});
