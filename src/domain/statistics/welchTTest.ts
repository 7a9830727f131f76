import type { Moments } from './moments.ts';
import { meanOf, varianceOf } from './moments.ts';
import { studentTCriticalValue, studentTTwoSidedPValue } from './studentTDistribution.ts';

/** Result of Welch's two-sample t-test of equal means. */
export interface WelchTTestResult {
  readonly mean1: number;
  readonly mean2: number;
  /** x̄₁ − x̄₂ */
  readonly difference: number;
  /** √(s₁²/n₁ + s₂²/n₂) */
  readonly standardError: number;
  readonly t: number;
  /** Welch–Satterthwaite degrees of freedom (fractional). */
  readonly degreesOfFreedom: number;
  /** Two-sided p-value. */
  readonly pValue: number;
  readonly confidence: number;
  /** Interval of x̄₁ − x̄₂. */
  readonly lower: number;
  readonly upper: number;
}

/**
 * Welch's t-test for the difference of two means with unequal variances, from stored moments (so
 * it runs on dashboard rollups).
 *
 * Formula: t = (x̄₁ − x̄₂) / √(v₁ + v₂), vᵢ = sᵢ²/nᵢ; df = (v₁ + v₂)² / (v₁²/(n₁−1) + v₂²/(n₂−1))
 * (Welch–Satterthwaite); p = P(|T_df| ≥ |t|); interval (x̄₁ − x̄₂) ± t_{(1+c)/2, df} √(v₁ + v₂).
 * Same as R's t.test(a, b) and scipy.stats.ttest_ind(a, b, equal_var=False).
 *
 * @param a moments of group 1 (n ≥ 2)
 * @param b moments of group 2 (n ≥ 2)
 * @param confidence interval level, default 0.95
 * @returns difference, t, df, p-value and interval
 * @example welchTTest({ n: 3, sum: 6, sumSq: 14 }, { n: 3, sum: 8.2, sumSq: 27.26 }).t // -0.6864951273557257
 */
export function welchTTest(a: Moments, b: Moments, confidence = 0.95): WelchTTestResult {
  const mean1 = meanOf(a);
  const mean2 = meanOf(b);
  const v1 = varianceOf(a) / a.n;
  const v2 = varianceOf(b) / b.n;
  const variance = v1 + v2;
  if (variance === 0) throw new RangeError('the t-test is undefined when both groups have zero variance');
  const standardError = Math.sqrt(variance);
  const difference = mean1 - mean2;
  const t = difference / standardError;
  const degreesOfFreedom = (variance * variance) / ((v1 * v1) / (a.n - 1) + (v2 * v2) / (b.n - 1));
  const halfWidth = studentTCriticalValue(confidence, degreesOfFreedom) * standardError;
  return {
    mean1,
    mean2,
    difference,
    standardError,
    t,
    degreesOfFreedom,
    pValue: studentTTwoSidedPValue(t, degreesOfFreedom),
    confidence,
    lower: difference - halfWidth,
    upper: difference + halfWidth,
  };
}
