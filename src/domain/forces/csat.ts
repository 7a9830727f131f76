/**
 * Customer satisfaction (CSAT): "overall, how satisfied are you with …?" on a rating scale,
 * by default 1 (very dissatisfied) … 5 (very satisfied).
 */

/**
 * Whether a CSAT answer is in the top two points of its scale (e.g. 4 or 5 on 1–5).
 *
 * Rule: score ≥ scaleMax − 1.
 *
 * @param score - the answer, within scaleMin..scaleMax.
 * @param scaleMax - the top of the scale (default 5).
 * @param scaleMin - the bottom of the scale (default 1); the scale needs at least 3 points.
 * @returns `true` for the top two points.
 * @throws RangeError on a scale with fewer than 3 points or an answer outside it.
 * @example csatTopTwoBox(4) // true; csatTopTwoBox(3) // false; csatTopTwoBox(9, 10, 0) // true
 */
export function csatTopTwoBox(score: number, scaleMax = 5, scaleMin = 1): boolean {
  // On a 2-point scale "top two" would be every answer, which says nothing.
  assertScale(scaleMin, scaleMax, 2);
  assertAnswer(score, scaleMin, scaleMax);
  return score >= scaleMax - 1;
}

/**
 * Rescales a CSAT answer to 0–100 points (e.g. so it can be compared with Force scores).
 *
 * Formula: 100 · (score − min) / (max − min).
 *
 * @param score - the answer (or a respondent's mean over several satisfaction items), within min..max.
 * @param min - the bottom of the scale (default 1).
 * @param max - the top of the scale (default 5).
 * @returns points in 0–100.
 * @throws RangeError on a scale without min < max or an answer outside it.
 * @example csatPoints(4) // 75; csatPoints(7, 0, 10) // 70
 */
export function csatPoints(score: number, min = 1, max = 5): number {
  assertScale(min, max, 0);
  assertAnswer(score, min, max);
  return 100 * ((score - min) / (max - min));
}

/**
 * The CSAT of a group: the share of answers in the top two points.
 *
 * Formula: 100 · (answers with score ≥ scaleMax − 1) / n, over the n non-null answers.
 *
 * @param scores - answers; `null` = not answered, left out of the base.
 * @param scaleMax - the top of the scale (default 5).
 * @param scaleMin - the bottom of the scale (default 1).
 * @returns the top-two-box percentage 0–100, or `null` when nobody answered.
 * @throws RangeError like {@link csatTopTwoBox}.
 * @example csatTopTwoBoxShare([5, 4, 3, 1]) // 50
 */
export function csatTopTwoBoxShare(
  scores: readonly (number | null)[],
  scaleMax = 5,
  scaleMin = 1,
): number | null {
  let topTwo = 0;
  let answered = 0;
  for (const score of scores) {
    if (score === null) continue;
    if (csatTopTwoBox(score, scaleMax, scaleMin)) topTwo += 1;
    answered += 1;
  }
  return answered === 0 ? null : (100 * topTwo) / answered;
}

/** Throws unless max − min is finite, positive and at least minSpan. */
function assertScale(min: number, max: number, minSpan: number): void {
  const span = max - min;
  if (!Number.isFinite(span) || span <= 0 || span < minSpan) {
    throw new RangeError(`CSAT scale ${min}..${max} is not valid`);
  }
}

function assertAnswer(score: number, min: number, max: number): void {
  if (!Number.isFinite(score) || score < min || score > max) {
    throw new RangeError(`CSAT answer must be within ${min}..${max}, got ${score}`);
  }
}
