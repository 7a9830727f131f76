/** Outcome of the Benjamini–Hochberg procedure at a false discovery rate q. */
export interface BenjaminiHochbergResult {
  /** BH-adjusted p-values, in the input order. */
  readonly adjusted: number[];
  /** Whether each hypothesis is rejected (adjusted p ≤ q), in the input order. */
  readonly rejected: boolean[];
  readonly rejectedCount: number;
  readonly q: number;
}

/**
 * Benjamini–Hochberg adjusted p-values ("q-values"), as R's p.adjust(p, method = "BH").
 *
 * Formula: sort p ascending, p₍₁₎ ≤ … ≤ p₍ₘ₎; adjusted p₍ᵢ₎ = min(1, min_{k ≥ i} m·p₍ₖ₎ / k). The
 * running minimum from the largest p downwards makes the adjusted values monotone in p.
 * Benjamini & Hochberg (1995), J. R. Statist. Soc. B 57(1), 289–300.
 *
 * @param pValues p-values in [0, 1]
 * @returns adjusted p-values in the input order
 * @example benjaminiHochbergAdjust([0.01, 0.04, 0.03]) // [0.03, 0.04, 0.04]
 */
export function benjaminiHochbergAdjust(pValues: readonly number[]): number[] {
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-value ${i} must lie in [0, 1], got ${p}`);
  });
  const m = pValues.length;
  // Indices by decreasing p; a stable sort keeps ties in input order, as R's order().
  const order = pValues.map((_, i) => i).sort((i, j) => pValues[j] - pValues[i]);
  const adjusted = new Array<number>(m);
  let runningMinimum = 1;
  order.forEach((index, position) => {
    const rank = m - position;
    runningMinimum = Math.min(runningMinimum, (m / rank) * pValues[index]);
    adjusted[index] = runningMinimum;
  });
  return adjusted;
}

/**
 * The Benjamini–Hochberg step-up procedure: which hypotheses to reject while keeping the expected
 * share of false discoveries at or below q (used when a dashboard flags many differences at once).
 *
 * Formula: reject H₍₁₎…H₍ₖ₎ with k the largest i such that p₍ᵢ₎ ≤ i·q/m; equivalently, reject
 * every hypothesis whose adjusted p-value is ≤ q.
 *
 * @param pValues p-values in [0, 1]
 * @param q false discovery rate in (0, 1), default 0.05
 * @returns adjusted p-values and the rejected set
 * @example benjaminiHochberg([0.01, 0.04, 0.03], 0.05).rejected // [true, true, true]
 */
export function benjaminiHochberg(pValues: readonly number[], q = 0.05): BenjaminiHochbergResult {
  if (!(q > 0 && q < 1)) throw new RangeError(`the false discovery rate q must lie in (0, 1), got ${q}`);
  const adjusted = benjaminiHochbergAdjust(pValues);
  const rejected = adjusted.map((value) => value <= q);
  return { adjusted, rejected, rejectedCount: rejected.filter(Boolean).length, q };
}
