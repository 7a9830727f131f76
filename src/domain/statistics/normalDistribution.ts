import jStat from 'jstat';
import { regularizedUpperGamma } from './incompleteGamma.ts';

/**
 * Quantile of the standard normal distribution, Φ⁻¹(p).
 *
 * Formula: jstat's inverse, good to ~1 ulp for p ≥ 0.005 (every usual confidence level). Further
 * out it drifts (~1e-9 relative at p = 1e-8), so there it is refined by Newton steps
 * z ← z − (Φ(z) − p) / φ(z) on the tail Φ(z) = Q(½, z²/2) / 2. For p > ½, Φ⁻¹(p) = −Φ⁻¹(1 − p)
 * (1 − p is exact there).
 *
 * @param p probability in (0, 1)
 * @returns z with Φ(z) = p
 * @example normalQuantile(0.975) // 1.9599639845400545
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normal quantile needs p in (0, 1), got ${p}`);
  if (p > 0.5) return -normalQuantile(1 - p);
  if (p === 0.5) return 0;
  let z = jStat.normal.inv(p, 0, 1);
  if (p >= 0.005) return z;
  for (let step = 0; step < 20; step++) {
    const lowerTail = regularizedUpperGamma(0.5, (z * z) / 2) / 2;
    const density = Math.exp(-(z * z) / 2) / Math.sqrt(2 * Math.PI);
    const change = (lowerTail - p) / density;
    z -= change;
    if (Math.abs(change) <= 4 * Number.EPSILON * Math.abs(z)) break;
  }
  return z;
}

/**
 * Two-sided p-value of a standard normal statistic, P(|Z| ≥ |z|).
 *
 * Formula: P(|Z| ≥ |z|) = P(χ²₁ ≥ z²) = Q(½, z²/2), the regularized upper incomplete gamma
 * function, which keeps its relative accuracy far into the tail (1 − erf would not).
 *
 * @param z the statistic
 * @returns the two-sided p-value in [0, 1]
 * @example normalTwoSidedPValue(1.959963984540054) // 0.05000000000000011
 */
export function normalTwoSidedPValue(z: number): number {
  if (Number.isNaN(z)) throw new RangeError('normal p-value needs a number, got NaN');
  return regularizedUpperGamma(0.5, (z * z) / 2);
}

/**
 * Critical value z_{(1+c)/2} for a two-sided interval at confidence level c.
 *
 * @param confidence level in (0, 1), e.g. 0.95
 * @returns the normal quantile at (1 + confidence) / 2
 * @example normalCriticalValue(0.95) // 1.9599639845400545
 */
export function normalCriticalValue(confidence: number): number {
  assertConfidence(confidence);
  return normalQuantile((1 + confidence) / 2);
}

/**
 * Throws a RangeError unless `confidence` is a level strictly between 0 and 1.
 *
 * @example assertConfidence(1) // throws RangeError: confidence must be between 0 and 1 (exclusive), got 1
 */
export function assertConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be between 0 and 1 (exclusive), got ${confidence}`);
  }
}
