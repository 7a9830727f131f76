import { regularizedUpperGamma } from './incompleteGamma.ts';

/**
 * Upper tail of the chi-square distribution, P(χ²_df ≥ x): the p-value of a chi-square statistic.
 *
 * Formula: P(χ²_df ≥ x) = Q(df/2, x/2), the regularized upper incomplete gamma function.
 *
 * @param x the statistic (≥ 0)
 * @param degreesOfFreedom positive degrees of freedom
 * @returns the upper-tail probability in [0, 1]
 * @example chiSquareSurvival(2, 2) // 0.36787944117144167 (e^−1 = 0.36787944117144233)
 */
export function chiSquareSurvival(x: number, degreesOfFreedom: number): number {
  if (!(degreesOfFreedom > 0)) {
    throw new RangeError(`chi-square needs positive degrees of freedom, got ${degreesOfFreedom}`);
  }
  if (Number.isNaN(x)) throw new RangeError('chi-square p-value needs a number, got NaN');
  if (x <= 0) return 1;
  return regularizedUpperGamma(degreesOfFreedom / 2, x / 2);
}
