/**
 * Force scores: agreement statements about a Force, rescaled to 0–100 points and averaged per
 * respondent. Tension statements ("I feel taken advantage of") are reverse-keyed so that a higher
 * score always means the Force is more fulfilled.
 */

import { assertPoints } from './points.ts';

/** Whether agreeing with a statement means the Force is fulfilled or in tension. */
export type Keying = 'fulfilled' | 'tension';

/** An agreement scale from `min` (strongly disagree) to `max` (strongly agree). */
export type AgreementScale = { min: number; max: number };

/** One answered (or skipped, `value: null`) agreement item of a Force. */
export type ForceItem = { value: number | null; keying: Keying };

/** The default agreement scale: 1 = strongly disagree … 5 = strongly agree. */
export const DEFAULT_AGREEMENT_SCALE: AgreementScale = { min: 1, max: 5 };

/**
 * Force score at or above which the Force counts as fulfilled ("top box"). On the 1–5 scale an
 * answer of 4 (agree) is worth 75 points, so a score ≥ 75 means the respondent agrees, on
 * average, that the Force is fulfilled.
 */
export const FORCE_TOP_BOX_THRESHOLD = 75;

/**
 * Rescales one agreement answer to 0–100 points, reverse-keying tension items.
 *
 * Formula: fulfilled → 100 · (v − min) / (max − min);
 * tension → 100 · (v′ − min) / (max − min) with v′ = min + max − v, i.e. 100 · (max − v) / (max − min).
 * Hence fulfilled(v) + tension(v) = 100.
 *
 * @param value - the answer, within `scale` (need not be an integer, e.g. for sliders).
 * @param scale - the agreement scale; defaults to 1–5.
 * @param keying - `'fulfilled'` (default) or `'tension'` (reverse-scored).
 * @returns points in 0–100.
 * @throws RangeError when the scale is not finite with min < max, or `value` lies outside it.
 * @example agreementToPoints(4) // 75; agreementToPoints(4, { min: 1, max: 5 }, 'tension') // 25
 */
export function agreementToPoints(
  value: number,
  scale: AgreementScale = DEFAULT_AGREEMENT_SCALE,
  keying: Keying = 'fulfilled',
): number {
  assertScale(scale);
  if (!Number.isFinite(value) || value < scale.min || value > scale.max) {
    throw new RangeError(`answer must be within ${scale.min}..${scale.max}, got ${value}`);
  }
  const span = scale.max - scale.min;
  // (max − v) rather than ((min + max) − v) − min, and 100 · (position / span) rather than
  // (100 · position) / span: same value, but floating-point rounding cannot leave 0..100.
  const position = keying === 'tension' ? scale.max - value : value - scale.min;
  return 100 * (position / span);
}

/**
 * A respondent's score on one Force: the mean of the rescaled answered items.
 *
 * Formula: score = (1 / k) · Σ agreementToPoints(vᵢ, scale, keyingᵢ) over the k items with a value.
 *
 * @param items - the Force's items; `value: null` = not answered (skipped or "don't know").
 * @param scale - the agreement scale; defaults to 1–5.
 * @param minAnswered - fewest answered items for a score (integer ≥ 1, default 1).
 * @returns the score 0–100, or `null` when fewer than `minAnswered` items were answered.
 * @throws RangeError on an answer outside the scale or an invalid `minAnswered`.
 * @example
 * forceScore([{ value: 5, keying: 'fulfilled' }, { value: 2, keying: 'tension' }]) // (100 + 75) / 2 = 87.5
 */
export function forceScore(
  items: readonly ForceItem[],
  scale: AgreementScale = DEFAULT_AGREEMENT_SCALE,
  minAnswered = 1,
): number | null {
  if (!Number.isInteger(minAnswered) || minAnswered < 1) {
    throw new RangeError(`minAnswered must be an integer ≥ 1, got ${minAnswered}`);
  }
  let total = 0;
  let answered = 0;
  for (const item of items) {
    if (item.value === null) continue;
    total += agreementToPoints(item.value, scale, item.keying);
    answered += 1;
  }
  return answered < minAnswered ? null : total / answered;
}

/**
 * Whether a Force score is in the top box, i.e. the Force is fulfilled on average.
 *
 * Formula: score ≥ threshold.
 *
 * @param score - a Force score 0–100, or `null` when there is none.
 * @param threshold - the top-box threshold 0–100; defaults to {@link FORCE_TOP_BOX_THRESHOLD} (75).
 * @returns `true`/`false`, or `null` when `score` is `null`.
 * @throws RangeError when `score` or `threshold` is outside 0–100.
 * @example forceTopBox(75) // true; forceTopBox(74.9) // false
 */
export function forceTopBox(score: number | null, threshold = FORCE_TOP_BOX_THRESHOLD): boolean | null {
  assertPoints(threshold, 'threshold');
  if (score === null) return null;
  assertPoints(score, 'score');
  return score >= threshold;
}

function assertScale(scale: AgreementScale): void {
  // The span must be finite too, or every answer would rescale to 0.
  if (!Number.isFinite(scale.max - scale.min) || scale.min >= scale.max) {
    throw new RangeError(`scale needs finite min < max, got ${scale.min}..${scale.max}`);
  }
}
