import jStat from 'jstat';
import { regularizedIncompleteBeta } from './incompleteBeta.ts';
import { logGamma } from './logGamma.ts';
import { assertConfidence } from './normalDistribution.ts';

/**
 * Two-sided p-value of a Student t statistic, P(|T_df| ≥ |t|), for any positive (also fractional) df.
 *
 * Formula: P(|T| ≥ |t|) = I_{df/(df+t²)}(df/2, ½), the regularized incomplete beta function
 * (computed here to machine precision: jstat's t CDF is good to ~1e-9 only).
 *
 * @param t the statistic
 * @param degreesOfFreedom positive degrees of freedom
 * @returns the two-sided p-value in [0, 1]
 * @example studentTTwoSidedPValue(2, 4) // 0.11611652351681585
 */
export function studentTTwoSidedPValue(t: number, degreesOfFreedom: number): number {
  assertDegreesOfFreedom(degreesOfFreedom);
  if (Number.isNaN(t)) throw new RangeError('t p-value needs a number, got NaN');
  if (!Number.isFinite(t)) return 0;
  const denominator = degreesOfFreedom + t * t;
  return regularizedIncompleteBeta(
    degreesOfFreedom / denominator,
    degreesOfFreedom / 2,
    0.5,
    (t * t) / denominator,
  );
}

/**
 * Cumulative distribution function of Student's t, P(T_df ≤ t).
 *
 * Formula: half the two-sided tail on the side of t (see `studentTTwoSidedPValue`).
 *
 * @param t the point
 * @param degreesOfFreedom positive degrees of freedom
 * @returns P(T ≤ t)
 * @example studentTCdf(0, 3) // 0.5
 */
export function studentTCdf(t: number, degreesOfFreedom: number): number {
  const tail = studentTTwoSidedPValue(t, degreesOfFreedom) / 2;
  return t < 0 ? tail : 1 - tail;
}

/**
 * Density of Student's t: Γ((ν+1)/2) / (√(νπ) Γ(ν/2)) · (1 + t²/ν)^(−(ν+1)/2).
 *
 * @param t the point
 * @param degreesOfFreedom ν > 0
 * @returns the density at t
 * @example studentTDensity(0, 1) // 0.31830988618379064 (1/π = 0.3183098861837907)
 */
export function studentTDensity(t: number, degreesOfFreedom: number): number {
  assertDegreesOfFreedom(degreesOfFreedom);
  const v = degreesOfFreedom;
  const logDensity =
    logGamma((v + 1) / 2) -
    logGamma(v / 2) -
    0.5 * Math.log(v * Math.PI) -
    ((v + 1) / 2) * Math.log1p((t * t) / v);
  return Math.exp(logDensity);
}

/**
 * Quantile of Student's t, the t with P(T_df ≤ t) = p.
 *
 * Formula: jstat's inverse (good to ~1e-9) refined by Newton steps t ← t − (F(t) − p) / f(t) on the
 * precise CDF above, so intervals agree with R's qt() to ~1e-14.
 *
 * @param p probability in (0, 1)
 * @param degreesOfFreedom positive degrees of freedom
 * @returns the quantile
 * @example studentTQuantile(0.975, 2) // 4.302652729749461
 */
export function studentTQuantile(p: number, degreesOfFreedom: number): number {
  assertDegreesOfFreedom(degreesOfFreedom);
  if (!(p > 0 && p < 1)) throw new RangeError(`t quantile needs p in (0, 1), got ${p}`);
  let t = jStat.studentt.inv(p, degreesOfFreedom);
  for (let step = 0; step < 50; step++) {
    const change = (studentTCdf(t, degreesOfFreedom) - p) / studentTDensity(t, degreesOfFreedom);
    t -= change;
    if (Math.abs(change) <= 4 * Number.EPSILON * Math.max(1, Math.abs(t))) break;
  }
  return t;
}

/**
 * Critical value t_{(1+c)/2, df} for a two-sided interval at confidence level c.
 *
 * @param confidence level in (0, 1), e.g. 0.95
 * @param degreesOfFreedom positive degrees of freedom
 * @returns the t quantile at (1 + confidence) / 2
 * @example studentTCriticalValue(0.95, 2) // 4.302652729749461
 */
export function studentTCriticalValue(confidence: number, degreesOfFreedom: number): number {
  assertConfidence(confidence);
  return studentTQuantile((1 + confidence) / 2, degreesOfFreedom);
}

function assertDegreesOfFreedom(degreesOfFreedom: number): void {
  if (!(degreesOfFreedom > 0)) {
    throw new RangeError(`Student t needs positive degrees of freedom, got ${degreesOfFreedom}`);
  }
}
