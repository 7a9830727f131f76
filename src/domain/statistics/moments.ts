/**
 * Sufficient statistics of a numeric sample: count, sum and sum of squares. Two rollups merge by
 * adding their fields, so a dashboard can combine stored per-day or per-unit rollups without
 * revisiting the rows.
 */
export interface Moments {
  readonly n: number;
  readonly sum: number;
  readonly sumSq: number;
}

/** The moments of an empty sample (the identity of `mergeMoments`). */
export const emptyMoments: Moments = { n: 0, sum: 0, sumSq: 0 };

/**
 * Moments of a list of values: n, Σx and Σx².
 *
 * @param values finite numbers
 * @returns their moments
 * @example momentsOf([1, 2, 3]) // { n: 3, sum: 6, sumSq: 14 }
 */
export function momentsOf(values: readonly number[]): Moments {
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (!Number.isFinite(value)) throw new RangeError(`moments need finite values; value ${i} is ${value}`);
    sum += value;
    sumSq += value * value;
  }
  return { n: values.length, sum, sumSq };
}

/**
 * Moments of the union of two samples: fields add up.
 *
 * @param a moments of one sample
 * @param b moments of another
 * @returns moments of both together
 * @example mergeMoments({ n: 2, sum: 3, sumSq: 5 }, { n: 1, sum: 3, sumSq: 9 }) // { n: 3, sum: 6, sumSq: 14 }
 */
export function mergeMoments(a: Moments, b: Moments): Moments {
  return { n: a.n + b.n, sum: a.sum + b.sum, sumSq: a.sumSq + b.sumSq };
}

/**
 * Arithmetic mean, Σx / n.
 *
 * @param moments moments of a non-empty sample
 * @returns the mean
 * @example meanOf({ n: 3, sum: 6, sumSq: 14 }) // 2
 */
export function meanOf(moments: Moments): number {
  if (moments.n < 1) throw new RangeError('the mean needs at least one value (n = 0)');
  return moments.sum / moments.n;
}

/**
 * Sample variance (denominator n − 1), (Σx² − (Σx)²/n) / (n − 1).
 *
 * Clamped at 0: with constant data the subtraction can round to a tiny negative number.
 *
 * @param moments moments of a sample with n ≥ 2
 * @returns the unbiased sample variance
 * @example varianceOf({ n: 3, sum: 6, sumSq: 14 }) // 1
 */
export function varianceOf(moments: Moments): number {
  if (moments.n < 2) throw new RangeError(`the sample variance needs at least two values (n = ${moments.n})`);
  const centredSumSq = moments.sumSq - (moments.sum * moments.sum) / moments.n;
  return Math.max(0, centredSumSq / (moments.n - 1));
}
