import { type CleaningRules, DEFAULT_CLEANING_RULES } from './cleaningRules.ts';

/**
 * Whether a response was completed implausibly fast compared with the survey's other respondents.
 *
 * Formula: speeder ⇔ durationSeconds < speederShareOfMedian × medianSeconds (strictly: a response at
 * exactly a third of the median is not a speeder).
 *
 * With no usable median (null, unknown, zero or negative, e.g. for the first responses of a survey)
 * or no duration, there is not enough data to judge, so the answer is false: a response is never
 * flagged for lack of evidence. The caller decides how many responses a median needs.
 *
 * @param durationSeconds seconds from start to submit of this response; null/undefined when unknown
 * @param medianSeconds median duration of the survey's completed responses; null/undefined when unknown
 * @param rules `speederShareOfMedian` (default 0.33; 0 turns the check off)
 * @returns true when the response is a speeder
 * @example isSpeeder(60, 300) // true (60 < 0.33 × 300 = 99)
 */
export function isSpeeder(
  durationSeconds: number | null | undefined,
  medianSeconds: number | null | undefined,
  rules: Pick<CleaningRules, 'speederShareOfMedian'> = DEFAULT_CLEANING_RULES,
): boolean {
  if (durationSeconds == null || !Number.isFinite(durationSeconds)) return false;
  if (medianSeconds == null || !Number.isFinite(medianSeconds) || medianSeconds <= 0) return false;
  return durationSeconds < rules.speederShareOfMedian * medianSeconds;
}
