import { wilsonInterval } from './proportionInterval.ts';

/** Top-two-box rollup of a satisfaction question; merges by adding fields. */
export interface TopTwoBoxCounts {
  /** Answers in the two highest scale points. */
  readonly topTwoBox: number;
  /** All answers. */
  readonly n: number;
}

/** CSAT as a top-two-box percentage with a Wilson interval (percent scale, 0–100). */
export interface CsatResult {
  readonly n: number;
  readonly percent: number;
  readonly confidence: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * Counts answers in the top two points of a 1…`scalePoints` satisfaction scale.
 *
 * @param scores integer answers from 1 to scalePoints
 * @param scalePoints number of scale points, default 5 (so 4 and 5 are the top two box)
 * @returns the rollup
 * @example topTwoBoxCountsOf([5, 4, 3, 1], 5) // { topTwoBox: 2, n: 4 }
 */
export function topTwoBoxCountsOf(scores: readonly number[], scalePoints = 5): TopTwoBoxCounts {
  if (!Number.isInteger(scalePoints) || scalePoints < 3) {
    throw new RangeError(`a top-two-box scale needs at least 3 integer points, got ${scalePoints}`);
  }
  let topTwoBox = 0;
  for (const score of scores) {
    if (!Number.isInteger(score) || score < 1 || score > scalePoints) {
      throw new RangeError(`a satisfaction answer is an integer from 1 to ${scalePoints}, got ${score}`);
    }
    if (score >= scalePoints - 1) topTwoBox++;
  }
  return { topTwoBox, n: scores.length };
}

/**
 * Rollup of the union of two samples: fields add up.
 *
 * @example mergeTopTwoBoxCounts({ topTwoBox: 2, n: 4 }, { topTwoBox: 1, n: 1 }) // { topTwoBox: 3, n: 5 }
 */
export function mergeTopTwoBoxCounts(a: TopTwoBoxCounts, b: TopTwoBoxCounts): TopTwoBoxCounts {
  return { topTwoBox: a.topTwoBox + b.topTwoBox, n: a.n + b.n };
}

/**
 * CSAT: percentage of answers in the top two box, with a Wilson score interval.
 *
 * Formula: 100 · topTwoBox / n; the interval is `wilsonInterval` scaled to percent.
 *
 * @param counts the rollup (n > 0)
 * @param confidence interval level, default 0.95
 * @returns percent, base and interval
 * @example csatFromCounts({ topTwoBox: 30, n: 100 }).percent // 30
 */
export function csatFromCounts(counts: TopTwoBoxCounts, confidence = 0.95): CsatResult {
  const interval = wilsonInterval(counts.topTwoBox, counts.n, { confidence });
  return {
    n: counts.n,
    percent: 100 * interval.proportion,
    confidence,
    lower: 100 * interval.lower,
    upper: 100 * interval.upper,
  };
}
