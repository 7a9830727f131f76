import type { Moments } from './moments.ts';
import { meanOf, varianceOf } from './moments.ts';
import { studentTCriticalValue } from './studentTDistribution.ts';

/** A mean with its t-based confidence interval. */
export interface MeanInterval {
  readonly n: number;
  readonly mean: number;
  readonly standardDeviation: number;
  /** s / √n */
  readonly standardError: number;
  /** n − 1 */
  readonly degreesOfFreedom: number;
  readonly confidence: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * Mean with a Student-t confidence interval, from stored moments.
 *
 * Formula: x̄ ± t_{(1+c)/2, n−1} · s / √n, with s the sample standard deviation (n − 1 denominator),
 * as R's t.test(x)$conf.int.
 *
 * @param moments moments of a sample with n ≥ 2
 * @param confidence interval level, default 0.95
 * @returns mean, standard error, degrees of freedom and interval
 * @example meanInterval({ n: 3, sum: 6, sumSq: 14 }).upper // 4.48413771175033 (2 + 4.3027 / √3)
 */
export function meanInterval(moments: Moments, confidence = 0.95): MeanInterval {
  const mean = meanOf(moments);
  const standardDeviation = Math.sqrt(varianceOf(moments));
  const standardError = standardDeviation / Math.sqrt(moments.n);
  const degreesOfFreedom = moments.n - 1;
  const halfWidth = studentTCriticalValue(confidence, degreesOfFreedom) * standardError;
  return {
    n: moments.n,
    mean,
    standardDeviation,
    standardError,
    degreesOfFreedom,
    confidence,
    lower: mean - halfWidth,
    upper: mean + halfWidth,
  };
}
