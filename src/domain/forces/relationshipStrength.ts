/**
 * Relationship strength: how much of their business a customer gives, and will keep giving, to us.
 * A strong relationship shows in continuing, a larger share of spend, buying more, preferring us
 * over the alternatives and recommending us. Customers who stay without preferring us or feeling
 * attached are "locked in" (no real choice): they leave the day a real alternative appears.
 */

import { assertPoints } from './points.ts';
import { DEFAULT_SEGMENT_RULES } from './relationshipSegment.ts';

/** A respondent's answers to the relationship outcome items (`null` = not answered). */
export type RelationshipOutcomes = {
  /** Likelihood to continue as a customer, 0–10. */
  continueLikelihood: number | null;
  /** Share of the category spend given to us, 0–100 %. */
  shareOfSpend: number | null;
  /** Our rank among the suppliers the respondent compared: 1 = preferred. */
  preferenceRank: number | null;
  /** n: how many suppliers the respondent ranked, this one included (integer ≥ 2). */
  rankedAmong: number | null;
  /** Likelihood to recommend (the NPS item), 0–10. */
  recommend: number | null;
  /** Intent to buy more products or services from us, 0–10. */
  buyMore: number | null;
};

/** The five outcomes that make up the strength index, in display order. */
export const OUTCOME_KEYS = [
  'continueLikelihood',
  'shareOfSpend',
  'preference',
  'recommend',
  'buyMore',
] as const;

/** One outcome of the strength index. */
export type OutcomeKey = (typeof OUTCOME_KEYS)[number];

/** Relative weight of each outcome in the index (≥ 0; only their ratios matter). */
export type StrengthWeights = Record<OutcomeKey, number>;

/**
 * Equal weights: without an organisation's own evidence there is no reason to favour one outcome,
 * and equal weights keep the index easy to explain. An organisation can calibrate its own weights,
 * e.g. from a driver analysis against its retention data.
 */
export const DEFAULT_STRENGTH_WEIGHTS: StrengthWeights = {
  continueLikelihood: 1,
  shareOfSpend: 1,
  preference: 1,
  recommend: 1,
  buyMore: 1,
};

/** By default an index needs 3 of the 5 outcomes: a majority, so no single item decides it. */
export const DEFAULT_MIN_OUTCOMES = 3;

/**
 * Rescales each relationship outcome to 0–100 points.
 *
 * Formulas: continueLikelihood, recommend, buyMore (0–10) → 10 · v; shareOfSpend (%) → v;
 * preference → 100 · (n − rank) / (n − 1), so rank 1 → 100 and rank n (last) → 0.
 *
 * @param outcomes - the answers.
 * @returns points per outcome, `null` where not answered.
 * @throws RangeError on a value out of its range, a rank that is not an integer within 1..n, or a
 *   rank without n.
 * @example
 * outcomePoints({ continueLikelihood: 8, shareOfSpend: 40, preferenceRank: 2, rankedAmong: 3, recommend: 10, buyMore: null })
 * // { continueLikelihood: 80, shareOfSpend: 40, preference: 50, recommend: 100, buyMore: null }
 */
export function outcomePoints(outcomes: RelationshipOutcomes): Record<OutcomeKey, number | null> {
  return {
    continueLikelihood: elevenPointToPoints(outcomes.continueLikelihood, 'continueLikelihood'),
    shareOfSpend: percentToPoints(outcomes.shareOfSpend),
    preference: rankToPoints(outcomes.preferenceRank, outcomes.rankedAmong),
    recommend: elevenPointToPoints(outcomes.recommend, 'recommend'),
    buyMore: elevenPointToPoints(outcomes.buyMore, 'buyMore'),
  };
}

/**
 * The relationship-strength index: the weighted mean of the answered outcomes on 0–100.
 *
 * Formula: strength = Σ wᵢ · pᵢ / Σ wᵢ over the outcomes i that are answered and have wᵢ > 0,
 * with pᵢ from {@link outcomePoints}. Missing outcomes are skipped, not counted as 0.
 *
 * @param outcomes - the answers.
 * @param weights - relative weights (finite, ≥ 0, at least one > 0); defaults to equal weights.
 * @param minPresent - fewest answered (positively weighted) outcomes for an index, integer 1–5;
 *   defaults to {@link DEFAULT_MIN_OUTCOMES} (3).
 * @returns the index 0–100, or `null` when fewer than `minPresent` outcomes are answered.
 * @throws RangeError on invalid answers, weights or `minPresent`.
 * @example
 * relationshipStrength({ continueLikelihood: 8, shareOfSpend: 40, preferenceRank: 2, rankedAmong: 3, recommend: 10, buyMore: null })
 * // (80 + 40 + 50 + 100) / 4 = 67.5
 */
export function relationshipStrength(
  outcomes: RelationshipOutcomes,
  weights: StrengthWeights = DEFAULT_STRENGTH_WEIGHTS,
  minPresent = DEFAULT_MIN_OUTCOMES,
): number | null {
  if (!Number.isInteger(minPresent) || minPresent < 1 || minPresent > OUTCOME_KEYS.length) {
    throw new RangeError(`minPresent must be an integer within 1..${OUTCOME_KEYS.length}, got ${minPresent}`);
  }
  for (const key of OUTCOME_KEYS) {
    if (!Number.isFinite(weights[key]) || weights[key] < 0) {
      throw new RangeError(`weight of ${key} must be finite and ≥ 0, got ${weights[key]}`);
    }
  }
  if (OUTCOME_KEYS.every((key) => weights[key] === 0))
    throw new RangeError('at least one weight must be > 0');

  const points = outcomePoints(outcomes);
  let weighted = 0;
  let totalWeight = 0;
  let present = 0;
  for (const key of OUTCOME_KEYS) {
    const value = points[key];
    if (value === null || weights[key] === 0) continue;
    weighted += weights[key] * value;
    totalWeight += weights[key];
    present += 1;
  }
  if (present < minPresent) return null;
  // A weighted mean of values in 0..100 is in 0..100; the clamp only absorbs floating-point dust.
  return Math.min(100, Math.max(0, weighted / totalWeight));
}

/** What {@link isLockedIn} looks at (`null` = not answered). */
export type LockInInput = {
  /** Likelihood to continue, 0–10. */
  continueLikelihood: number | null;
  /** Our rank among the alternatives, integer ≥ 1 (1 = preferred). */
  preferenceRank: number | null;
  /** Emotional attachment, 0–100. */
  attachment: number | null;
};

/** Thresholds for {@link isLockedIn}. */
export type LockInRules = { continueAtLeast: number; attachedAtLeast: number };

/**
 * Defaults: continuing "likely" means 8 or more out of 10 (the top three points of the scale);
 * attachment uses the same threshold as the relationship segments, so a locked-in customer is
 * never one the segments call emotionally attached.
 */
export const DEFAULT_LOCK_IN_RULES: LockInRules = {
  continueAtLeast: 8,
  attachedAtLeast: DEFAULT_SEGMENT_RULES.attachedAtLeast,
};

/**
 * Whether a customer is locked in ("no real choice"): they intend to stay, yet do not prefer us
 * and are not attached, so switching costs or contracts, not the relationship, keep them.
 *
 * Rule: continueLikelihood ≥ continueAtLeast AND preferenceRank ≠ 1 AND attachment < attachedAtLeast.
 * With missing answers the rule is three-valued: `false` as soon as one known condition fails
 * (e.g. rank 1 alone rules lock-in out), `null` when the known conditions hold but some are unknown.
 *
 * @param input - continuance intent (0–10), preference rank (integer ≥ 1) and attachment (0–100).
 * @param rules - thresholds; defaults to {@link DEFAULT_LOCK_IN_RULES} (8 of 10, attachment 75).
 * @returns `true` locked in, `false` not, `null` cannot tell.
 * @throws RangeError on values or thresholds out of range.
 * @example
 * isLockedIn({ continueLikelihood: 9, preferenceRank: 3, attachment: 40 }) // true
 * isLockedIn({ continueLikelihood: 9, preferenceRank: 1, attachment: null }) // false
 */
export function isLockedIn(input: LockInInput, rules: LockInRules = DEFAULT_LOCK_IN_RULES): boolean | null {
  if (!Number.isFinite(rules.continueAtLeast) || rules.continueAtLeast < 0 || rules.continueAtLeast > 10) {
    throw new RangeError(`continueAtLeast must be within 0..10, got ${rules.continueAtLeast}`);
  }
  assertPoints(rules.attachedAtLeast, 'attachedAtLeast');
  const { continueLikelihood, preferenceRank, attachment } = input;
  if (continueLikelihood !== null) elevenPointToPoints(continueLikelihood, 'continueLikelihood');
  if (preferenceRank !== null && (!Number.isInteger(preferenceRank) || preferenceRank < 1)) {
    throw new RangeError(`preferenceRank must be an integer ≥ 1, got ${preferenceRank}`);
  }
  if (attachment !== null) assertPoints(attachment, 'attachment');

  const conditions = [
    continueLikelihood === null ? null : continueLikelihood >= rules.continueAtLeast,
    preferenceRank === null ? null : preferenceRank !== 1,
    attachment === null ? null : attachment < rules.attachedAtLeast,
  ];
  if (conditions.includes(false)) return false;
  if (conditions.includes(null)) return null;
  return true;
}

/** 0–10 likelihood item → 10 · v. */
function elevenPointToPoints(value: number | null, name: string): number | null {
  if (value === null) return null;
  if (!Number.isFinite(value) || value < 0 || value > 10) {
    throw new RangeError(`${name} must be within 0..10, got ${value}`);
  }
  return 10 * value;
}

function percentToPoints(value: number | null): number | null {
  if (value === null) return null;
  assertPoints(value, 'shareOfSpend');
  return value;
}

/** Rank r of n → 100 · (n − r) / (n − 1). */
function rankToPoints(rank: number | null, rankedAmong: number | null): number | null {
  if (rank === null) return null;
  if (rankedAmong === null || !Number.isInteger(rankedAmong) || rankedAmong < 2) {
    throw new RangeError(
      `rankedAmong must be an integer ≥ 2 when a preferenceRank is given, got ${rankedAmong}`,
    );
  }
  if (!Number.isInteger(rank) || rank < 1 || rank > rankedAmong) {
    throw new RangeError(`preferenceRank must be an integer within 1..${rankedAmong}, got ${rank}`);
  }
  return (100 * (rankedAmong - rank)) / (rankedAmong - 1);
}
