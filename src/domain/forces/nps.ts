/**
 * Net Promoter Score: "how likely are you to recommend us?" on an 11-point scale, 0–10.
 */

/** Where a 0–10 recommendation answer falls. */
export type NpsCategory = 'promoter' | 'passive' | 'detractor';

/**
 * Classifies one recommendation answer.
 *
 * Rule: 9–10 → promoter, 7–8 → passive, 0–6 → detractor.
 *
 * @param score - the answer, an integer 0–10.
 * @returns the respondent's category.
 * @throws RangeError when `score` is not an integer within 0–10.
 * @example npsCategory(9) // 'promoter'; npsCategory(6) // 'detractor'
 */
export function npsCategory(score: number): NpsCategory {
  if (!Number.isInteger(score) || score < 0 || score > 10) {
    throw new RangeError(`NPS answer must be an integer within 0..10, got ${score}`);
  }
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

/**
 * One answer's contribution to the NPS: the NPS is 100 times the mean of these points.
 *
 * Rule: promoter → 1, passive → 0, detractor → −1.
 *
 * @param score - the answer, an integer 0–10.
 * @returns 1, 0 or −1.
 * @throws RangeError when `score` is not an integer within 0–10.
 * @example npsPoints(10) // 1; npsPoints(8) // 0; npsPoints(0) // -1
 */
export function npsPoints(score: number): 1 | 0 | -1 {
  const category = npsCategory(score);
  if (category === 'promoter') return 1;
  if (category === 'passive') return 0;
  return -1;
}

/**
 * The Net Promoter Score of a group of answers.
 *
 * Formula: NPS = 100 · (promoters − detractors) / n, over the n non-null answers; range −100…100.
 *
 * @param scores - answers 0–10; `null` = not answered, left out of the base.
 * @returns the NPS, or `null` when nobody answered.
 * @throws RangeError on an answer that is not an integer within 0–10.
 * @example netPromoterScore([10, 9, 8, 3]) // 100 · (2 − 1) / 4 = 25
 */
export function netPromoterScore(scores: readonly (number | null)[]): number | null {
  let total = 0;
  let answered = 0;
  for (const score of scores) {
    if (score === null) continue;
    total += npsPoints(score);
    answered += 1;
  }
  return answered === 0 ? null : (100 * total) / answered;
}
