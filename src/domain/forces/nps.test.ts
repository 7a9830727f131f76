import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { netPromoterScore, npsCategory, npsPoints } from './nps.ts';

describe('npsCategory', () => {
  it('classifies every answer 0..10', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(npsCategory)).toEqual([
      ...Array(7).fill('detractor'),
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
  });

  it('rejects answers out of range or not whole', () => {
    for (const bad of [-1, 11, 8.5, Number.NaN, Infinity]) expect(() => npsCategory(bad)).toThrow(RangeError);
  });
});

describe('npsPoints', () => {
  it('gives 1 / 0 / −1', () => {
    expect(npsPoints(10)).toBe(1);
    expect(npsPoints(9)).toBe(1);
    expect(npsPoints(8)).toBe(0);
    expect(npsPoints(7)).toBe(0);
    expect(npsPoints(6)).toBe(-1);
    expect(npsPoints(0)).toBe(-1);
  });

  it('rejects invalid answers', () => {
    expect(() => npsPoints(10.1)).toThrow(RangeError);
  });
});

describe('netPromoterScore', () => {
  it('is 100 · (promoters − detractors) / answered', () => {
    expect(netPromoterScore([10, 9, 8, 3])).toBe(25);
    expect(netPromoterScore([0, 6, null, 7])).toBeCloseTo(-66.667, 3);
    expect(netPromoterScore([null])).toBeNull();
  });

  it('stays within −100..100 (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }), { maxLength: 30 }),
        (xs) => {
          const nps = netPromoterScore(xs);
          if (xs.every((x) => x === null)) expect(nps).toBeNull();
          else {
            expect(nps).toBeGreaterThanOrEqual(-100);
            expect(nps).toBeLessThanOrEqual(100);
          }
        },
      ),
    );
  });
});
