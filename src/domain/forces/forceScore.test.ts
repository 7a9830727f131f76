import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agreementToPoints, type ForceItem, forceScore, forceTopBox } from './forceScore.ts';

/** A scale with finite bounds min < max, and an answer within it. */
const scaleAndValue = fc
  .tuple(fc.integer({ min: -10, max: 10 }), fc.integer({ min: 1, max: 20 }))
  .chain(([min, span]) =>
    fc.record({
      scale: fc.constant({ min, max: min + span }),
      value: fc.double({ min, max: min + span, noNaN: true }),
    }),
  );

const keying = fc.constantFrom('fulfilled' as const, 'tension' as const);

describe('agreementToPoints', () => {
  it('rescales a 1–5 agreement answer', () => {
    expect([1, 2, 3, 4, 5].map((v) => agreementToPoints(v))).toEqual([0, 25, 50, 75, 100]);
  });

  it('reverse-keys tension items', () => {
    expect([1, 2, 3, 4, 5].map((v) => agreementToPoints(v, undefined, 'tension'))).toEqual([
      100, 75, 50, 25, 0,
    ]);
  });

  it('handles other scales', () => {
    expect(agreementToPoints(4, { min: 1, max: 7 })).toBe(50);
    expect(agreementToPoints(2, { min: 0, max: 10 }, 'tension')).toBe(80);
  });

  it('rejects answers outside the scale and broken scales', () => {
    expect(() => agreementToPoints(0)).toThrow(RangeError);
    expect(() => agreementToPoints(6)).toThrow(RangeError);
    expect(() => agreementToPoints(Number.NaN)).toThrow(RangeError);
    expect(() => agreementToPoints(3, { min: 5, max: 1 })).toThrow(RangeError);
    expect(() => agreementToPoints(3, { min: 3, max: 3 })).toThrow(RangeError);
    expect(() => agreementToPoints(0, { min: -Infinity, max: 5 })).toThrow(RangeError);
  });

  it('stays within 0..100 for any valid answer (property)', () => {
    fc.assert(
      fc.property(scaleAndValue, keying, ({ scale, value }, k) => {
        const points = agreementToPoints(value, scale, k);
        expect(points).toBeGreaterThanOrEqual(0);
        expect(points).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('is symmetric: fulfilled(v) = tension(min + max − v) and fulfilled(v) + tension(v) = 100 (property)', () => {
    fc.assert(
      fc.property(scaleAndValue, ({ scale, value }) => {
        const mirrored = Math.min(scale.max, Math.max(scale.min, scale.min + scale.max - value));
        expect(agreementToPoints(value, scale, 'fulfilled')).toBeCloseTo(
          agreementToPoints(mirrored, scale, 'tension'),
          9,
        );
        expect(
          agreementToPoints(value, scale, 'fulfilled') + agreementToPoints(value, scale, 'tension'),
        ).toBeCloseTo(100, 9);
      }),
    );
  });

  it('is exactly symmetric on integer Likert answers (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), (v) => {
        expect(agreementToPoints(v, undefined, 'fulfilled')).toBe(
          agreementToPoints(6 - v, undefined, 'tension'),
        );
        expect(
          agreementToPoints(v, undefined, 'fulfilled') + agreementToPoints(v, undefined, 'tension'),
        ).toBe(100);
      }),
    );
  });
});

describe('forceScore', () => {
  it('averages the rescaled answered items, reverse-keying tension items', () => {
    const items: ForceItem[] = [
      { value: 5, keying: 'fulfilled' },
      { value: 2, keying: 'tension' },
    ];
    expect(forceScore(items)).toBe(87.5);
  });

  it('skips unanswered items', () => {
    const items: ForceItem[] = [
      { value: 4, keying: 'fulfilled' },
      { value: null, keying: 'tension' },
      { value: 3, keying: 'tension' },
    ];
    expect(forceScore(items)).toBe(62.5);
  });

  it('returns null when fewer than minAnswered items are answered', () => {
    const items: ForceItem[] = [
      { value: 4, keying: 'fulfilled' },
      { value: null, keying: 'tension' },
    ];
    expect(forceScore(items, undefined, 2)).toBeNull();
    expect(forceScore(items, undefined, 1)).toBe(75);
    expect(forceScore([])).toBeNull();
  });

  it('uses the given scale', () => {
    expect(
      forceScore(
        [
          { value: 7, keying: 'fulfilled' },
          { value: 7, keying: 'tension' },
        ],
        { min: 1, max: 7 },
      ),
    ).toBe(50);
  });

  it('rejects out-of-scale answers and invalid minAnswered', () => {
    expect(() => forceScore([{ value: 6, keying: 'fulfilled' }])).toThrow(RangeError);
    expect(() => forceScore([{ value: 3, keying: 'fulfilled' }], undefined, 0)).toThrow(RangeError);
    expect(() => forceScore([{ value: 3, keying: 'fulfilled' }], undefined, 1.5)).toThrow(RangeError);
  });

  it('stays within 0..100 for any valid items (property)', () => {
    const items = fc.array(
      fc.record({ value: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }), keying }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(items, (xs) => {
        const score = forceScore(xs);
        const answered = xs.filter((x) => x.value !== null).length;
        if (answered === 0) {
          expect(score).toBeNull();
        } else {
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(100);
        }
      }),
    );
  });
});

describe('forceTopBox', () => {
  it('is true from the threshold (default 75) up', () => {
    expect(forceTopBox(75)).toBe(true);
    expect(forceTopBox(74.9)).toBe(false);
    expect(forceTopBox(60, 60)).toBe(true);
  });

  it('passes a missing score through as null', () => {
    expect(forceTopBox(null)).toBeNull();
  });

  it('rejects scores and thresholds outside 0..100', () => {
    expect(() => forceTopBox(101)).toThrow(RangeError);
    expect(() => forceTopBox(50, -1)).toThrow(RangeError);
  });
});
