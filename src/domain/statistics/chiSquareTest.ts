import { chiSquareSurvival } from './chiSquareDistribution.ts';

/** Result of a Pearson chi-square test. */
export interface ChiSquareTestResult {
  /** X² = Σ (O − E)² / E (with Yates' correction when requested on a 2×2 table). */
  readonly statistic: number;
  readonly degreesOfFreedom: number;
  readonly pValue: number;
  /** Expected counts under the null, same shape as the observed counts. */
  readonly expected: number[][];
}

/** Options of `chiSquareIndependence`. */
export interface ChiSquareIndependenceOptions {
  /**
   * Yates' continuity correction on 2×2 tables (R's chisq.test default): each |O − E| is reduced
   * by min(½, |O − E|). Ignored on larger tables. Default false.
   */
  readonly continuityCorrection?: boolean;
}

/**
 * Pearson's chi-square test of independence for an r × c contingency table (e.g. relationship
 * segment by region).
 *
 * Formula: Eᵢⱼ = rowᵢ · colⱼ / N; X² = Σᵢⱼ (Oᵢⱼ − Eᵢⱼ)² / Eᵢⱼ; df = (r − 1)(c − 1);
 * p = P(χ²_df ≥ X²). As R's chisq.test(table, correct = FALSE) (or correct = TRUE on 2×2 with the
 * option).
 *
 * @param table counts, at least 2 × 2, with no empty row or column
 * @param options continuity correction for 2×2 tables (default off)
 * @returns statistic, degrees of freedom, p-value and expected counts
 * @example chiSquareIndependence([[10, 10, 20], [20, 20, 20]]).statistic // 2.7777777777777777
 */
export function chiSquareIndependence(
  table: readonly (readonly number[])[],
  options: ChiSquareIndependenceOptions = {},
): ChiSquareTestResult {
  const rows = table.length;
  const columns = rows > 0 ? table[0].length : 0;
  if (rows < 2 || columns < 2)
    throw new RangeError(`a contingency table needs at least 2 × 2 cells, got ${rows} × ${columns}`);
  const rowTotals = new Array<number>(rows).fill(0);
  const columnTotals = new Array<number>(columns).fill(0);
  let total = 0;
  table.forEach((row, i) => {
    if (row.length !== columns) throw new RangeError(`row ${i} has ${row.length} cells, expected ${columns}`);
    row.forEach((count, j) => {
      if (!(count >= 0) || !Number.isFinite(count))
        throw new RangeError(`cell [${i}][${j}] must be a non-negative count, got ${count}`);
      rowTotals[i] += count;
      columnTotals[j] += count;
      total += count;
    });
  });
  rowTotals.forEach((value, i) => {
    if (value === 0) throw new RangeError(`row ${i} is empty: expected counts would be zero`);
  });
  columnTotals.forEach((value, j) => {
    if (value === 0) throw new RangeError(`column ${j} is empty: expected counts would be zero`);
  });
  const expected = rowTotals.map((rowTotal) =>
    columnTotals.map((columnTotal) => (rowTotal * columnTotal) / total),
  );
  let yates = 0;
  if (options.continuityCorrection && rows === 2 && columns === 2) {
    yates = 0.5;
    table.forEach((row, i) => {
      row.forEach((count, j) => {
        yates = Math.min(yates, Math.abs(count - expected[i][j]));
      });
    });
  }
  let statistic = 0;
  table.forEach((row, i) => {
    row.forEach((count, j) => {
      const deviation = Math.abs(count - expected[i][j]) - yates;
      statistic += (deviation * deviation) / expected[i][j];
    });
  });
  const degreesOfFreedom = (rows - 1) * (columns - 1);
  return { statistic, degreesOfFreedom, pValue: chiSquareSurvival(statistic, degreesOfFreedom), expected };
}

/**
 * Pearson's chi-square goodness-of-fit test of observed counts against expected proportions (e.g.
 * the achieved sample's mix by tier against the customer base).
 *
 * Formula: Eᵢ = N · πᵢ; X² = Σ (Oᵢ − Eᵢ)² / Eᵢ; df = k − 1; p = P(χ²_df ≥ X²). As R's
 * chisq.test(x, p = π).
 *
 * @param observed counts in k ≥ 2 categories
 * @param proportions expected proportions, positive and summing to 1 (default: equal)
 * @returns statistic, degrees of freedom, p-value and expected counts (one row)
 * @example chiSquareGoodnessOfFit([20, 15, 25]).statistic // 2.5
 */
export function chiSquareGoodnessOfFit(
  observed: readonly number[],
  proportions?: readonly number[],
): ChiSquareTestResult {
  const k = observed.length;
  if (k < 2) throw new RangeError(`goodness of fit needs at least 2 categories, got ${k}`);
  const shares = proportions ?? new Array<number>(k).fill(1 / k);
  if (shares.length !== k) throw new RangeError(`got ${k} observed counts but ${shares.length} proportions`);
  if (shares.some((share) => !(share > 0))) throw new RangeError('expected proportions must all be positive');
  const shareTotal = shares.reduce((sum, share) => sum + share, 0);
  if (Math.abs(shareTotal - 1) > 1e-8)
    throw new RangeError(`expected proportions must sum to 1, got ${shareTotal}`);
  observed.forEach((count, i) => {
    if (!(count >= 0) || !Number.isFinite(count))
      throw new RangeError(`count ${i} must be non-negative, got ${count}`);
  });
  const total = observed.reduce((sum, count) => sum + count, 0);
  if (total === 0) throw new RangeError('goodness of fit needs at least one observation');
  const expected = shares.map((share) => total * share);
  let statistic = 0;
  observed.forEach((count, i) => {
    statistic += (count - expected[i]) ** 2 / expected[i];
  });
  const degreesOfFreedom = k - 1;
  return {
    statistic,
    degreesOfFreedom,
    pValue: chiSquareSurvival(statistic, degreesOfFreedom),
    expected: [expected],
  };
}
