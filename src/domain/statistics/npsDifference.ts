import { normalTwoSidedPValue } from './normalDistribution.ts';
import type { NpsResult } from './nps.ts';

/** The change between two independent NPS measurements and whether it is significant. */
export interface NpsDifference {
  /** score₁ − score₂, on the −100…100 scale. */
  readonly difference: number;
  /** √(SE₁² + SE₂²) */
  readonly standardError: number;
  readonly z: number;
  /** Two-sided p-value of the normal approximation. */
  readonly pValue: number;
}

/**
 * Difference of two NPS from independent samples (e.g. this quarter against the last): each score's
 * variance is that of the per-respondent +1/0/−1 score over n, so the difference has variance
 * SE₁² + SE₂² and z = (NPS₁ − NPS₂) / √(SE₁² + SE₂²).
 *
 * @param a the NPS now
 * @param b the NPS it is compared with
 * @returns the difference, its standard error, z and the two-sided p-value
 * @example npsDifference(npsFromCounts({ promoters: 60, passives: 20, detractors: 20 }), npsFromCounts({ promoters: 40, passives: 30, detractors: 30 })).difference // 30
 */
export function npsDifference(a: NpsResult, b: NpsResult): NpsDifference {
  const difference = a.score - b.score;
  const standardError = Math.sqrt(a.standardError ** 2 + b.standardError ** 2);
  if (standardError === 0)
    return {
      difference,
      standardError,
      z: difference === 0 ? 0 : Number.POSITIVE_INFINITY,
      pValue: difference === 0 ? 1 : 0,
    };
  const z = difference / standardError;
  return { difference, standardError, z, pValue: normalTwoSidedPValue(z) };
}
