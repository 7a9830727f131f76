import type { CrossProducts } from './crossProducts.ts';
import { crossProductsOf } from './crossProducts.ts';
import type { PredictorSpec } from './driverInput.ts';
import { prepareDriverInput } from './driverInput.ts';
import { DriverInputError } from './driverInputError.ts';
import { lmgFromInput } from './lmg.ts';
import { relativeWeightsFromInput } from './relativeWeights.ts';
import { mulberry32, randomIndex } from './seededRandom.ts';

/** Importance measure to bootstrap. */
export type ImportanceMethod = 'lmg' | 'relative_weights';

/** Options of `bootstrapImportance`. */
export interface BootstrapOptions {
  readonly outcome: string;
  /** Predictors, or named groups of them (groups only with 'lmg'). */
  readonly predictors: PredictorSpec;
  /** Seed of the resampling stream; the same seed gives the same intervals. */
  readonly seed: number;
  /** Number of resamples; default 1000. */
  readonly replicates?: number;
  /** Interval level; default 0.95. */
  readonly confidence?: number;
  /** Default 'lmg'. */
  readonly method?: ImportanceMethod;
}

/** A point estimate with its bootstrap percentile interval. */
export interface BootstrapInterval {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

/** Bootstrap intervals of one player's importance. */
export interface PlayerInterval {
  readonly name: string;
  /** Raw importance (part of R²). */
  readonly importance: BootstrapInterval;
  /** Share of R² (0–1). */
  readonly share: BootstrapInterval;
}

/** Result of `bootstrapImportance`. */
export interface BootstrapResult {
  readonly method: ImportanceMethod;
  readonly confidence: number;
  /** Resamples that produced an estimate. */
  readonly replicates: number;
  /**
   * Resamples skipped because the analysis could not run on them (e.g. a predictor constant in
   * that resample); a large number means the cells are too few or too thin.
   */
  readonly failedReplicates: number;
  readonly rSquared: BootstrapInterval;
  readonly players: readonly PlayerInterval[];
}

/**
 * Seeded bootstrap 95 % percentile intervals for driver importances (LMG or relative weights).
 *
 * Design: the bootstrap resamples *cells*, not rows. A cell is a stored CrossProducts rollup (one
 * per day, per account, …); each resample draws as many cells as there are, with replacement, and
 * merges their cross-products, so the dashboard never loops over respondents. Resampling whole
 * cells is the cluster (block) bootstrap: it keeps the dependence between answers from the same
 * account or day, so it is the right unit when cells are accounts. For the classic row bootstrap,
 * pass one cell per row (`cellsFromRows`). Intervals are percentiles (type 7, as R's quantile())
 * of the resampled estimates; the point estimate is the importance on all cells merged.
 *
 * @param cells cross-products rollups over the same variables (at least 2)
 * @param options outcome, predictors, seed, replicates (1000), confidence (0.95), method ('lmg')
 * @returns intervals for R² and for each player's importance and share
 * @throws DriverInputError when the full data cannot be analysed
 * @example
 * const rows = [[10, 80, 70], [6, 40, 65], [8, 70, 40], [9, 75, 90], [3, 20, 30], [7, 60, 50], [9, 85, 60], [5, 35, 55]];
 * const cells = cellsFromRows(['nps', 'certainty', 'control'], rows);
 * bootstrapImportance(cells, { outcome: 'nps', predictors: ['certainty', 'control'], seed: 7, replicates: 200 }).players[0].share
 * // { estimate: 0.7734947138132546, lower: 0.591642108564531, upper: 0.9721606774362332 }
 */
export function bootstrapImportance(
  cells: readonly CrossProducts[],
  options: BootstrapOptions,
): BootstrapResult {
  const replicates = options.replicates ?? 1000;
  const confidence = options.confidence ?? 0.95;
  const method = options.method ?? 'lmg';
  if (cells.length < 2) throw new RangeError(`the bootstrap needs at least 2 cells, got ${cells.length}`);
  if (!Number.isInteger(replicates) || replicates < 1)
    throw new RangeError(`replicates must be a positive integer, got ${replicates}`);
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`confidence must lie in (0, 1), got ${confidence}`);
  if (method === 'relative_weights' && !Array.isArray(options.predictors)) {
    throw new DriverInputError(
      'invalid_specification',
      'relative weights take a list of predictors, not groups',
    );
  }
  const variables = cells[0].variables;
  for (const cell of cells) {
    if (
      cell.variables.length !== variables.length ||
      cell.variables.some((name, i) => name !== variables[i])
    ) {
      throw new DriverInputError(
        'mismatched_variables',
        'all cells must cover the same variables in the same order',
        [...variables],
      );
    }
  }

  const estimateOf = (cp: CrossProducts) => importancesOf(cp, options.outcome, options.predictors, method);
  const full = estimateOf(
    sumCells(
      cells,
      cells.map((_, i) => i),
    ),
  );
  const random = mulberry32(options.seed);
  const rSquaredDraws: number[] = [];
  const importanceDraws: number[][] = full.importances.map(() => []);
  const shareDraws: number[][] = full.importances.map(() => []);
  let failedReplicates = 0;
  const picks = new Array<number>(cells.length);
  for (let r = 0; r < replicates; r++) {
    for (let k = 0; k < cells.length; k++) picks[k] = randomIndex(random, cells.length);
    let estimate: ReturnType<typeof estimateOf>;
    try {
      estimate = estimateOf(sumCells(cells, picks));
    } catch (error) {
      if (error instanceof DriverInputError) {
        failedReplicates++;
        continue;
      }
      throw error;
    }
    rSquaredDraws.push(estimate.rSquared);
    estimate.importances.forEach((value, j) => {
      importanceDraws[j].push(value);
      shareDraws[j].push(value / estimate.rSquared);
    });
  }
  if (rSquaredDraws.length === 0)
    throw new RangeError('no bootstrap resample could be analysed; the cells are too few or too thin');

  const tail = (1 - confidence) / 2;
  const interval = (estimate: number, draws: number[]): BootstrapInterval => {
    const sorted = [...draws].sort((a, b) => a - b);
    return { estimate, lower: quantileOfSorted(sorted, tail), upper: quantileOfSorted(sorted, 1 - tail) };
  };
  return {
    method,
    confidence,
    replicates: rSquaredDraws.length,
    failedReplicates,
    rSquared: interval(full.rSquared, rSquaredDraws),
    players: full.names.map((name, j) => ({
      name,
      importance: interval(full.importances[j], importanceDraws[j]),
      share: interval(full.importances[j] / full.rSquared, shareDraws[j]),
    })),
  };
}

/**
 * One cell per row, for the classic respondent-level bootstrap.
 *
 * @param variables column names
 * @param rows one array of numbers per respondent
 * @returns one CrossProducts of n = 1 per row
 * @example cellsFromRows(['x', 'y'], [[1, 2], [3, 4]]).length // 2
 */
export function cellsFromRows(
  variables: readonly string[],
  rows: readonly (readonly number[])[],
): CrossProducts[] {
  return rows.map((row) => crossProductsOf(variables, [row]));
}

/**
 * Quantile of sorted values by linear interpolation between order statistics (R's type 7):
 * h = (m − 1)·prob, value = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
 *
 * @example quantileOfSorted([1, 2, 3, 4], 0.5) // 2.5
 */
export function quantileOfSorted(sorted: readonly number[], probability: number): number {
  if (sorted.length === 0) throw new RangeError('a quantile needs at least one value');
  const h = (sorted.length - 1) * probability;
  const low = Math.floor(h);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
}

function importancesOf(
  cp: CrossProducts,
  outcome: string,
  predictors: PredictorSpec,
  method: ImportanceMethod,
) {
  const input = prepareDriverInput(cp, outcome, predictors);
  if (method === 'relative_weights') {
    const result = relativeWeightsFromInput(input);
    return {
      rSquared: result.rSquared,
      names: result.weights.map((w) => w.name),
      importances: result.weights.map((w) => w.rawWeight),
    };
  }
  const result = lmgFromInput(input);
  return {
    rSquared: result.rSquared,
    names: result.players.map((p) => p.name),
    importances: result.players.map((p) => p.importance),
  };
}

/** Merges the chosen cells (with repeats) into one CrossProducts, accumulating in flat buffers. */
function sumCells(cells: readonly CrossProducts[], picks: readonly number[]): CrossProducts {
  const variables = cells[0].variables;
  const p = variables.length;
  let n = 0;
  const sums = new Float64Array(p);
  const products = new Float64Array(p * p);
  for (const pick of picks) {
    const cell = cells[pick];
    n += cell.n;
    for (let i = 0; i < p; i++) {
      sums[i] += cell.sums[i];
      const row = cell.sumsOfProducts[i];
      for (let j = 0; j < p; j++) products[i * p + j] += row[j];
    }
  }
  return {
    variables,
    n,
    sums: Array.from(sums),
    sumsOfProducts: Array.from({ length: p }, (_, i) => Array.from(products.subarray(i * p, (i + 1) * p))),
  };
}
