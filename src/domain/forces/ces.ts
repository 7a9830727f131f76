/**
 * Customer Effort Score (CES).
 *
 * Convention used throughout Rapport: one agreement item, "The company made it easy for me to
 * handle my issue", on a 7-point scale, 1 = strongly disagree … 7 = strongly agree.
 * Higher = easier = less effort. (Older "how much effort did you have to put in?" items run the
 * other way; reverse them, min + max − v, before using these functions.)
 */

/** A CES rating scale from `min` (strongly disagree it was easy) to `max` (strongly agree). */
export type CesScale = { min: number; max: number };

/** The default CES scale, 1–7. */
export const DEFAULT_CES_SCALE: CesScale = { min: 1, max: 7 };

/**
 * Validates a CES answer and returns it unchanged (higher = easier).
 *
 * @param score - the answer, an integer within `scale`.
 * @param scale - integer bounds with at least 3 points; defaults to 1–7.
 * @returns `score`.
 * @throws RangeError on an invalid scale or an answer that is not an integer within it.
 * @example cesScore(6) // 6
 */
export function cesScore(score: number, scale: CesScale = DEFAULT_CES_SCALE): number {
  if (!Number.isInteger(scale.min) || !Number.isInteger(scale.max) || scale.max - scale.min < 2) {
    throw new RangeError(
      `CES scale needs integer bounds and at least 3 points, got ${scale.min}..${scale.max}`,
    );
  }
  // One answer on a labelled scale: a fraction means the data was mangled upstream.
  if (!Number.isInteger(score) || score < scale.min || score > scale.max) {
    throw new RangeError(`CES answer must be an integer within ${scale.min}..${scale.max}, got ${score}`);
  }
  return score;
}

/**
 * Whether the customer found it easy: the top two points of the scale (6 or 7 on 1–7,
 * agree or strongly agree that the company made it easy).
 *
 * Rule: score ≥ max − 1.
 *
 * @param score - the answer, an integer within `scale`.
 * @param scale - defaults to 1–7.
 * @returns `true` for a low-effort experience.
 * @throws RangeError like {@link cesScore}.
 * @example cesEasy(6) // true; cesEasy(5) // false
 */
export function cesEasy(score: number, scale: CesScale = DEFAULT_CES_SCALE): boolean {
  return cesScore(score, scale) >= scale.max - 1;
}

/**
 * The share of customers who found it easy.
 *
 * Formula: 100 · (answers with cesEasy) / n, over the n non-null answers.
 *
 * @param scores - answers; `null` = not answered, left out of the base.
 * @param scale - defaults to 1–7.
 * @returns a percentage 0–100, or `null` when nobody answered.
 * @throws RangeError like {@link cesScore}.
 * @example cesEasyShare([7, 6, 4, null]) // 100 · 2 / 3 ≈ 66.67
 */
export function cesEasyShare(
  scores: readonly (number | null)[],
  scale: CesScale = DEFAULT_CES_SCALE,
): number | null {
  let easy = 0;
  let answered = 0;
  for (const score of scores) {
    if (score === null) continue;
    if (cesEasy(score, scale)) easy += 1;
    answered += 1;
  }
  return answered === 0 ? null : (100 * easy) / answered;
}
