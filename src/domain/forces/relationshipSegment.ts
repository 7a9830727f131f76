/**
 * Relationship segments: functional satisfaction crossed with emotional attachment.
 * Attached customers recommend, stay and forgive more than merely satisfied ones, which is why the
 * product reports every outcome by segment.
 */

import { assertPoints } from './points.ts';

/** The three relationship segments. */
export type RelationshipSegment = 'emotionally_attached' | 'functionally_satisfied' | 'unfulfilled';

/** A respondent's segment, or the explicit reason there is none. */
export type SegmentResult =
  | { segment: RelationshipSegment }
  | { segment: null; reason: 'not_enough_answers' };

/** What the segment is computed from, both on 0–100 (`null` = not answered). */
export type SegmentInput = {
  /** Overall satisfaction (CSAT) rescaled to 0–100, e.g. with `csatPoints`. */
  satisfaction: number | null;
  /** Emotional attachment 0–100: the rescaled mean agreement with the attachment statements. */
  attachment: number | null;
};

/** Thresholds (0–100, inclusive) that make a respondent satisfied and attached. */
export type SegmentRules = { satisfiedAtLeast: number; attachedAtLeast: number };

/**
 * Default thresholds, both 75.
 *
 * - satisfied ≥ 75: CSAT on 1–5 rescales as 1→0, 2→25, 3→50, 4→75, 5→100, so ≥ 75 is exactly the
 *   top-two box (satisfied or very satisfied), the usual CSAT cut.
 * - attached ≥ 75: on a 1–5 agreement scale 4 = agree → 75, so ≥ 75 means the respondent agrees
 *   with the attachment statements on average; a neutral or mixed answer is not attachment.
 */
export const DEFAULT_SEGMENT_RULES: SegmentRules = { satisfiedAtLeast: 75, attachedAtLeast: 75 };

/**
 * Puts a respondent in a relationship segment.
 *
 * Rules, in order:
 * 1. satisfaction missing → not_enough_answers;
 * 2. satisfaction < satisfiedAtLeast → unfulfilled (attachment does not matter);
 * 3. attachment missing → not_enough_answers;
 * 4. attachment ≥ attachedAtLeast → emotionally_attached, otherwise functionally_satisfied.
 *
 * @param input - satisfaction and attachment on 0–100, or `null`.
 * @param rules - thresholds on 0–100; defaults to {@link DEFAULT_SEGMENT_RULES}.
 * @returns exactly one segment, or `{ segment: null, reason: 'not_enough_answers' }`.
 * @throws RangeError when a score or a threshold is outside 0–100.
 * @example
 * relationshipSegment({ satisfaction: 100, attachment: 80 }) // { segment: 'emotionally_attached' }
 * relationshipSegment({ satisfaction: 50, attachment: null }) // { segment: 'unfulfilled' }
 */
export function relationshipSegment(
  input: SegmentInput,
  rules: SegmentRules = DEFAULT_SEGMENT_RULES,
): SegmentResult {
  assertPoints(rules.satisfiedAtLeast, 'satisfiedAtLeast');
  assertPoints(rules.attachedAtLeast, 'attachedAtLeast');
  const { satisfaction, attachment } = input;
  if (satisfaction !== null) assertPoints(satisfaction, 'satisfaction');
  if (attachment !== null) assertPoints(attachment, 'attachment');

  if (satisfaction === null) return { segment: null, reason: 'not_enough_answers' };
  if (satisfaction < rules.satisfiedAtLeast) return { segment: 'unfulfilled' };
  if (attachment === null) return { segment: null, reason: 'not_enough_answers' };
  return { segment: attachment >= rules.attachedAtLeast ? 'emotionally_attached' : 'functionally_satisfied' };
}
