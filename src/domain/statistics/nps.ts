import type { CategoryCounts } from './categoryCounts.ts';
import { totalOf } from './categoryCounts.ts';
import { normalCriticalValue } from './normalDistribution.ts';

/** Net Promoter Score with its sampling uncertainty. */
export interface NpsResult {
  /** Respondents. */
  readonly n: number;
  /** NPS on the −100…100 scale: 100 · (p − d). */
  readonly score: number;
  /** Shares of promoters, passives and detractors (0–1). */
  readonly promoterShare: number;
  readonly passiveShare: number;
  readonly detractorShare: number;
  /** Variance of one respondent's +1/0/−1 score: (p + d) − (p − d)². */
  readonly respondentVariance: number;
  /** Standard error of the score on the −100…100 scale: 100 · √(variance / n). */
  readonly standardError: number;
  /** Confidence level of `lower` / `upper`. */
  readonly confidence: number;
  /** Wald interval score ± z · SE, clipped to −100…100. */
  readonly lower: number;
  readonly upper: number;
}

/**
 * Net Promoter Score from category counts, with standard error and a normal (Wald) interval.
 *
 * Formula: each respondent scores +1 (promoter), 0 (passive) or −1 (detractor); NPS is 100 times
 * their mean, 100 · (p − d). The per-respondent variance is (p + d) − (p − d)², so
 * SE = 100 · √(((p + d) − (p − d)²) / n), equivalently 100 · √((p(1−p) + d(1−d) + 2pd) / n).
 * The variance divides by n (not n − 1), as in Rocks (2016, The American Statistician) and the
 * brendan-r/NPS R package. The interval is clipped to the scale's −100…100 range.
 *
 * @param counts promoters, passives and detractors (at least one respondent)
 * @param confidence interval level, default 0.95
 * @returns score, shares, n, standard error and interval
 * @example npsFromCounts({ promoters: 3, passives: 2, detractors: 1 }).score // 33.333333333333336
 */
export function npsFromCounts(counts: CategoryCounts, confidence = 0.95): NpsResult {
  for (const [name, value] of Object.entries(counts)) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a count, got ${value}`);
  }
  const n = totalOf(counts);
  if (n === 0) throw new RangeError('NPS needs at least one respondent (n = 0)');
  const p = counts.promoters / n;
  const d = counts.detractors / n;
  const net = p - d;
  const respondentVariance = Math.max(0, p + d - net * net);
  const standardError = 100 * Math.sqrt(respondentVariance / n);
  const score = 100 * net;
  const halfWidth = normalCriticalValue(confidence) * standardError;
  return {
    n,
    score,
    promoterShare: p,
    passiveShare: counts.passives / n,
    detractorShare: d,
    respondentVariance,
    standardError,
    confidence,
    lower: Math.max(-100, score - halfWidth),
    upper: Math.min(100, score + halfWidth),
  };
}
