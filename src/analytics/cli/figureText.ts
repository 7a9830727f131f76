/**
 * A number rounded for a report, without a "-0" when it rounds to zero; "–" for a missing figure.
 *
 * @param value the number, or null
 * @param digits decimals
 * @returns the text
 * @example figureText(-0.004, 2) // '0.00'
 */
export function figureText(value: number | null, digits: number): string {
  if (value === null || !Number.isFinite(value)) return '–';
  const text = value.toFixed(digits);
  return Number(text) === 0 ? (0).toFixed(digits) : text;
}

/**
 * A 0–1 share as a percentage with one decimal.
 *
 * @param share the share, or null
 * @returns e.g. '45.0%'
 * @example percentText(0.45) // '45.0%'
 */
export function percentText(share: number | null): string {
  return share === null ? '–' : `${figureText(100 * share, 1)}%`;
}

/**
 * An interval as "[lower, upper]".
 *
 * @param lower lower bound
 * @param upper upper bound
 * @param digits decimals
 * @returns the text
 * @example intervalText(-25.23, 55.18, 1) // '[-25.2, 55.2]'
 */
export function intervalText(lower: number, upper: number, digits: number): string {
  return `[${figureText(lower, digits)}, ${figureText(upper, digits)}]`;
}
