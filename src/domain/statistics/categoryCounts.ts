/** NPS category of one answer on the 0–10 likelihood-to-recommend scale. */
export type NpsCategory = 'promoter' | 'passive' | 'detractor';

/**
 * Counts of NPS categories; a rollup that merges by adding fields (promoters score 9–10, passives
 * 7–8, detractors 0–6).
 */
export interface CategoryCounts {
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
}

/** Counts of an empty sample (the identity of `mergeCategoryCounts`). */
export const emptyCategoryCounts: CategoryCounts = { promoters: 0, passives: 0, detractors: 0 };

/**
 * NPS category of a 0–10 score: 9–10 promoter, 7–8 passive, 0–6 detractor.
 *
 * @param score an integer from 0 to 10
 * @returns its category
 * @example npsCategoryOf(8) // 'passive'
 */
export function npsCategoryOf(score: number): NpsCategory {
  if (!Number.isInteger(score) || score < 0 || score > 10) {
    throw new RangeError(`an NPS answer is an integer from 0 to 10, got ${score}`);
  }
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

/**
 * Counts promoters, passives and detractors in a list of 0–10 answers.
 *
 * @param scores integers from 0 to 10
 * @returns the category counts
 * @example categoryCountsOf([10, 9, 8, 3]) // { promoters: 2, passives: 1, detractors: 1 }
 */
export function categoryCountsOf(scores: readonly number[]): CategoryCounts {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const score of scores) {
    const category = npsCategoryOf(score);
    if (category === 'promoter') promoters++;
    else if (category === 'passive') passives++;
    else detractors++;
  }
  return { promoters, passives, detractors };
}

/**
 * Counts of the union of two samples: fields add up.
 *
 * @param a counts of one sample
 * @param b counts of another
 * @returns counts of both
 * @example mergeCategoryCounts({ promoters: 1, passives: 0, detractors: 2 }, { promoters: 3, passives: 1, detractors: 0 }) // { promoters: 4, passives: 1, detractors: 2 }
 */
export function mergeCategoryCounts(a: CategoryCounts, b: CategoryCounts): CategoryCounts {
  return {
    promoters: a.promoters + b.promoters,
    passives: a.passives + b.passives,
    detractors: a.detractors + b.detractors,
  };
}

/**
 * Number of respondents behind a set of counts: promoters + passives + detractors.
 *
 * @example totalOf({ promoters: 4, passives: 1, detractors: 2 }) // 7
 */
export function totalOf(counts: CategoryCounts): number {
  return counts.promoters + counts.passives + counts.detractors;
}
