/**
 * The 0–100 points scale every rescaled score in this folder lives on (Force scores, rescaled
 * CSAT, attachment, relationship strength, thresholds).
 */

/**
 * Checks that a value is on the 0–100 points scale.
 *
 * Rule: finite and 0 ≤ value ≤ 100.
 *
 * @param value - the value to check.
 * @param name - what the value is, for the error message.
 * @throws RangeError when the value is not finite or outside 0–100.
 * @example assertPoints(75, 'score') // returns; assertPoints(101, 'score') // throws RangeError
 */
export function assertPoints(value: number, name: string): void {
  if (!Number.isFinite(value) || value < 0 || value > 100) {
    throw new RangeError(`${name} must be within 0..100, got ${value}`);
  }
}
