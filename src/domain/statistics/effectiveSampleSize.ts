/**
 * Kish's effective sample size of a weighted sample: the number of unweighted respondents that
 * would give the same precision. Report it as the base of weighted figures.
 *
 * Formula: n_eff = (Σw)² / Σw² (Kish 1965, Survey Sampling); equal weights give n_eff = n.
 *
 * @param weights non-negative weights, not all zero
 * @returns the effective sample size
 * @example effectiveSampleSize([1, 1, 2]) // 2.6666666666666665
 */
export function effectiveSampleSize(weights: readonly number[]): number {
  let sum = 0;
  let sumSq = 0;
  weights.forEach((weight, i) => {
    if (!(weight >= 0) || !Number.isFinite(weight))
      throw new RangeError(`weight ${i} must be non-negative, got ${weight}`);
    sum += weight;
    sumSq += weight * weight;
  });
  if (sum === 0) throw new RangeError('the effective sample size needs at least one positive weight');
  return (sum * sum) / sumSq;
}
