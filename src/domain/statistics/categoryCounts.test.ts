import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categoryCountsOf, mergeCategoryCounts, npsCategoryOf, totalOf } from './categoryCounts.ts';

const answers = fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 30 });

describe('NPS category counts', () => {
  it('classifies 0–6 as detractors, 7–8 as passives, 9–10 as promoters', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsCategoryOf)).toEqual([
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
  });

  it('counts a list of answers', () => {
    expect(categoryCountsOf([10, 9, 8, 3])).toEqual({ promoters: 2, passives: 1, detractors: 1 });
  });

  it('merged counts equal the counts of the concatenated answers', () => {
    fc.assert(
      fc.property(answers, answers, (a, b) => {
        const merged = mergeCategoryCounts(categoryCountsOf(a), categoryCountsOf(b));
        expect(merged).toEqual(categoryCountsOf([...a, ...b]));
        expect(totalOf(merged)).toBe(a.length + b.length);
      }),
    );
  });

  it('rejects answers off the 0–10 scale', () => {
    expect(() => npsCategoryOf(11)).toThrow(RangeError);
    expect(() => npsCategoryOf(7.5)).toThrow(RangeError);
    expect(() => categoryCountsOf([5, -1])).toThrow(/-1/);
  });
});
