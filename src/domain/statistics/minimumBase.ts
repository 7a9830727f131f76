/** Default minimum base: figures on fewer than 10 respondents are not shown. */
export const DEFAULT_MINIMUM_BASE = 10;

/** A figure that is either shown with its base, or suppressed because the base is too small. */
export type BaseChecked<T> =
  | { readonly suppressed: true; readonly n: number }
  | { readonly suppressed: false; readonly value: T; readonly n: number };

/**
 * Suppresses a figure whose base is below the minimum, so small groups are neither over-read nor
 * identifiable. The base n is always reported, so the reader sees why a cell is blank.
 *
 * Rule: shown when n ≥ minBase, suppressed when n < minBase.
 *
 * @param value the figure computed on the base
 * @param n the base (number of respondents)
 * @param minBase minimum base, default 10
 * @returns `{ suppressed: true, n }` or `{ suppressed: false, value, n }`
 * @example suppressBelowBase(42, 9) // { suppressed: true, n: 9 }
 */
export function suppressBelowBase<T>(value: T, n: number, minBase = DEFAULT_MINIMUM_BASE): BaseChecked<T> {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`a base must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(minBase) || minBase < 1)
    throw new RangeError(`the minimum base must be a positive integer, got ${minBase}`);
  if (n < minBase) return { suppressed: true, n };
  return { suppressed: false, value, n };
}
