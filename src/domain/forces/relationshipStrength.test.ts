import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { relationshipSegment } from './relationshipSegment.ts';
import {
  DEFAULT_LOCK_IN_RULES,
  DEFAULT_STRENGTH_WEIGHTS,
  isLockedIn,
  type LockInInput,
  OUTCOME_KEYS,
  outcomePoints,
  type RelationshipOutcomes,
  relationshipStrength,
} from './relationshipStrength.ts';

const example: RelationshipOutcomes = {
  continueLikelihood: 8,
  shareOfSpend: 40,
  preferenceRank: 2,
  rankedAmong: 3,
  recommend: 10,
  buyMore: null,
};

const empty: RelationshipOutcomes = {
  continueLikelihood: null,
  shareOfSpend: null,
  preferenceRank: null,
  rankedAmong: null,
  recommend: null,
  buyMore: null,
};

describe('outcomePoints', () => {
  it('rescales each outcome to 0..100', () => {
    expect(outcomePoints(example)).toEqual({
      continueLikelihood: 80,
      shareOfSpend: 40,
      preference: 50,
      recommend: 100,
      buyMore: null,
    });
  });

  it('gives rank 1 → 100 and the last rank → 0', () => {
    expect(outcomePoints({ ...empty, preferenceRank: 1, rankedAmong: 4 }).preference).toBe(100);
    expect(outcomePoints({ ...empty, preferenceRank: 4, rankedAmong: 4 }).preference).toBe(0);
    expect(outcomePoints({ ...empty, preferenceRank: 2, rankedAmong: 4 }).preference).toBeCloseTo(66.667, 3);
  });

  it('rejects values out of range and a rank without its base', () => {
    expect(() => outcomePoints({ ...empty, continueLikelihood: 11 })).toThrow(RangeError);
    expect(() => outcomePoints({ ...empty, shareOfSpend: 120 })).toThrow(RangeError);
    expect(() => outcomePoints({ ...empty, recommend: -1 })).toThrow(RangeError);
    expect(() => outcomePoints({ ...empty, buyMore: Number.NaN })).toThrow(RangeError);
    expect(() => outcomePoints({ ...empty, preferenceRank: 2 })).toThrow(RangeError);
    expect(() => outcomePoints({ ...empty, preferenceRank: 4, rankedAmong: 3 })).toThrow(RangeError);
    expect(() => outcomePoints({ ...empty, preferenceRank: 1.5, rankedAmong: 3 })).toThrow(RangeError);
    expect(() => outcomePoints({ ...empty, preferenceRank: 1, rankedAmong: 1 })).toThrow(RangeError);
  });
});

describe('relationshipStrength', () => {
  it('averages the answered outcomes with equal default weights', () => {
    expect(relationshipStrength(example)).toBe(67.5);
  });

  it('applies custom weights', () => {
    const weights = { ...DEFAULT_STRENGTH_WEIGHTS, recommend: 2, shareOfSpend: 0 };
    // (80 + 50 + 2 · 100) / (1 + 1 + 2) = 82.5; share of spend weighs nothing.
    expect(relationshipStrength(example, weights)).toBe(82.5);
  });

  it('returns null when fewer than minPresent outcomes are answered', () => {
    const two = { ...empty, continueLikelihood: 10, recommend: 5 };
    expect(relationshipStrength(two)).toBeNull();
    expect(relationshipStrength(two, undefined, 2)).toBe(75);
    // A zero-weighted outcome does not count towards the minimum.
    expect(relationshipStrength(two, { ...DEFAULT_STRENGTH_WEIGHTS, recommend: 0 }, 2)).toBeNull();
  });

  it('rejects invalid weights and minPresent', () => {
    expect(() => relationshipStrength(example, { ...DEFAULT_STRENGTH_WEIGHTS, buyMore: -1 })).toThrow(
      RangeError,
    );
    expect(() => relationshipStrength(example, { ...DEFAULT_STRENGTH_WEIGHTS, buyMore: Infinity })).toThrow(
      RangeError,
    );
    const zero = Object.fromEntries(OUTCOME_KEYS.map((k) => [k, 0])) as typeof DEFAULT_STRENGTH_WEIGHTS;
    expect(() => relationshipStrength(example, zero)).toThrow(RangeError);
    expect(() => relationshipStrength(example, undefined, 0)).toThrow(RangeError);
    expect(() => relationshipStrength(example, undefined, 6)).toThrow(RangeError);
  });

  const tenPoint = fc.double({ min: 0, max: 10, noNaN: true });
  const ranking = fc
    .integer({ min: 2, max: 8 })
    .chain((n) => fc.record({ rank: fc.integer({ min: 1, max: n }), n: fc.constant(n) }));
  const fullOutcomes = fc.record({
    continueLikelihood: tenPoint,
    shareOfSpend: fc.double({ min: 0, max: 100, noNaN: true }),
    ranking,
    recommend: tenPoint,
    buyMore: tenPoint,
  });
  const weights = fc.record({
    continueLikelihood: fc.double({ min: 0.01, max: 10, noNaN: true }),
    shareOfSpend: fc.double({ min: 0, max: 10, noNaN: true }),
    preference: fc.double({ min: 0, max: 10, noNaN: true }),
    recommend: fc.double({ min: 0, max: 10, noNaN: true }),
    buyMore: fc.double({ min: 0, max: 10, noNaN: true }),
  });
  const present = fc.record({
    continueLikelihood: fc.boolean(),
    shareOfSpend: fc.boolean(),
    preference: fc.boolean(),
    recommend: fc.boolean(),
    buyMore: fc.boolean(),
  });
  type Full = {
    continueLikelihood: number;
    shareOfSpend: number;
    ranking: { rank: number; n: number };
    recommend: number;
    buyMore: number;
  };
  const toOutcomes = (o: Full, p: Record<(typeof OUTCOME_KEYS)[number], boolean>): RelationshipOutcomes => ({
    continueLikelihood: p.continueLikelihood ? o.continueLikelihood : null,
    shareOfSpend: p.shareOfSpend ? o.shareOfSpend : null,
    preferenceRank: p.preference ? o.ranking.rank : null,
    rankedAmong: o.ranking.n,
    recommend: p.recommend ? o.recommend : null,
    buyMore: p.buyMore ? o.buyMore : null,
  });

  it('stays within 0..100 for any valid input (property)', () => {
    fc.assert(
      fc.property(fullOutcomes, present, weights, (o, p, w) => {
        const index = relationshipStrength(toOutcomes(o, p), w, 1);
        if (index !== null) {
          expect(index).toBeGreaterThanOrEqual(0);
          expect(index).toBeLessThanOrEqual(100);
        }
      }),
    );
  });

  it('is monotone: a better outcome never lowers the index (property)', () => {
    fc.assert(
      fc.property(fullOutcomes, fullOutcomes, present, weights, (a, b, p, w) => {
        // c is a with one outcome improved towards b, for every outcome in turn.
        const better: Full[] = [
          { ...a, continueLikelihood: Math.max(a.continueLikelihood, b.continueLikelihood) },
          { ...a, shareOfSpend: Math.max(a.shareOfSpend, b.shareOfSpend) },
          {
            ...a,
            ranking: { rank: Math.max(1, a.ranking.rank - (b.ranking.rank % a.ranking.n)), n: a.ranking.n },
          },
          { ...a, recommend: Math.max(a.recommend, b.recommend) },
          { ...a, buyMore: Math.max(a.buyMore, b.buyMore) },
        ];
        const before = relationshipStrength(toOutcomes(a, p), w, 1);
        for (const c of better) {
          const after = relationshipStrength(toOutcomes(c, p), w, 1);
          if (before === null) expect(after).toBeNull();
          else expect(after).toBeGreaterThanOrEqual(before);
        }
      }),
    );
  });

  it('is strictly increasing in an outcome that carries weight when all are answered (property)', () => {
    const all = {
      continueLikelihood: true,
      shareOfSpend: true,
      preference: true,
      recommend: true,
      buyMore: true,
    };
    fc.assert(
      fc.property(fullOutcomes, (a) => {
        fc.pre(a.recommend <= 9);
        const before = relationshipStrength(toOutcomes(a, all))!;
        const after = relationshipStrength(toOutcomes({ ...a, recommend: a.recommend + 1 }, all))!;
        // +1 on a 0–10 item = +10 points, one fifth of it with equal weights.
        expect(after - before).toBeCloseTo(2, 9);
      }),
    );
  });
});

describe('isLockedIn', () => {
  it('flags customers who stay without preferring us or feeling attached', () => {
    expect(isLockedIn({ continueLikelihood: 9, preferenceRank: 3, attachment: 40 })).toBe(true);
    expect(isLockedIn({ continueLikelihood: 8, preferenceRank: 2, attachment: 74.9 })).toBe(true);
  });

  it('does not flag customers who would leave, prefer us or are attached', () => {
    expect(isLockedIn({ continueLikelihood: 7, preferenceRank: 3, attachment: 40 })).toBe(false);
    expect(isLockedIn({ continueLikelihood: 9, preferenceRank: 1, attachment: 40 })).toBe(false);
    expect(isLockedIn({ continueLikelihood: 9, preferenceRank: 3, attachment: 75 })).toBe(false);
  });

  it('answers false when a known condition fails and null when it cannot tell', () => {
    expect(isLockedIn({ continueLikelihood: 9, preferenceRank: 1, attachment: null })).toBe(false);
    expect(isLockedIn({ continueLikelihood: null, preferenceRank: 3, attachment: 10 })).toBeNull();
    expect(isLockedIn({ continueLikelihood: 10, preferenceRank: null, attachment: 10 })).toBeNull();
  });

  it('uses custom rules', () => {
    const rules = { continueAtLeast: 6, attachedAtLeast: 50 };
    expect(isLockedIn({ continueLikelihood: 6, preferenceRank: 2, attachment: 49 }, rules)).toBe(true);
    expect(isLockedIn({ continueLikelihood: 6, preferenceRank: 2, attachment: 49 })).toBe(false);
  });

  it('rejects values and rules out of range', () => {
    expect(() => isLockedIn({ continueLikelihood: 11, preferenceRank: 2, attachment: 10 })).toThrow(
      RangeError,
    );
    expect(() => isLockedIn({ continueLikelihood: 9, preferenceRank: 0, attachment: 10 })).toThrow(
      RangeError,
    );
    expect(() => isLockedIn({ continueLikelihood: 9, preferenceRank: 2, attachment: 101 })).toThrow(
      RangeError,
    );
    expect(() =>
      isLockedIn(
        { continueLikelihood: 9, preferenceRank: 2, attachment: 10 },
        { ...DEFAULT_LOCK_IN_RULES, continueAtLeast: 11 },
      ),
    ).toThrow(RangeError);
  });

  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
  const lockInput = fc.record({
    continueLikelihood: maybe(fc.integer({ min: 0, max: 10 })),
    preferenceRank: maybe(fc.integer({ min: 1, max: 5 })),
    attachment: maybe(fc.double({ min: 0, max: 100, noNaN: true })),
  });
  const complete = fc.record({
    continueLikelihood: fc.integer({ min: 0, max: 10 }),
    preferenceRank: fc.integer({ min: 1, max: 5 }),
    attachment: fc.double({ min: 0, max: 100, noNaN: true }),
  });

  it('gives a definite answer only when every completion of the missing answers agrees (property)', () => {
    fc.assert(
      fc.property(lockInput, complete, (partial, fill) => {
        const filled: LockInInput = {
          continueLikelihood: partial.continueLikelihood ?? fill.continueLikelihood,
          preferenceRank: partial.preferenceRank ?? fill.preferenceRank,
          attachment: partial.attachment ?? fill.attachment,
        };
        const verdict = isLockedIn(partial);
        if (verdict !== null) expect(isLockedIn(filled)).toBe(verdict);
      }),
    );
  });

  it('never flags a customer the segments call emotionally attached (property)', () => {
    fc.assert(
      fc.property(complete, fc.double({ min: 0, max: 100, noNaN: true }), (input, satisfaction) => {
        const segment = relationshipSegment({ satisfaction, attachment: input.attachment }).segment;
        if (isLockedIn(input)) expect(segment).not.toBe('emotionally_attached');
      }),
    );
  });
});
