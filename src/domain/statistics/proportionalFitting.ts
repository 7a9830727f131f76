/** Options of iterative proportional fitting. */
export interface ProportionalFittingOptions {
  /** Stop when every margin is within tolerance × grand total of its target; default 1e-10. */
  readonly tolerance?: number;
  /** Give up after this many row-and-column sweeps; default 1000. */
  readonly maxIterations?: number;
}

/** A table fitted to margins. */
export interface ProportionalFittingResult {
  readonly fitted: number[][];
  /** Row-and-column sweeps performed. */
  readonly iterations: number;
  readonly converged: boolean;
  /** Largest |margin − target| / grand total at the end. */
  readonly maxMarginError: number;
}

/**
 * Iterative proportional fitting (raking) of a two-way table to target row and column totals, e.g.
 * a sample's tier × region counts to the customer base's known tier and region totals.
 *
 * Formula: repeat { xᵢⱼ ← xᵢⱼ · rᵢ / Σⱼxᵢⱼ ; xᵢⱼ ← xᵢⱼ · cⱼ / Σᵢxᵢⱼ } until every margin is within
 * tolerance (Deming & Stephan 1940). The fit keeps the seed's odds ratios (its interaction
 * structure) and only changes the margins.
 *
 * @param seed non-negative starting table (e.g. sample counts)
 * @param rowTargets target row totals
 * @param columnTargets target column totals (same grand total as the rows)
 * @param options tolerance (default 1e-10) and maxIterations (default 1000)
 * @returns the fitted table, iterations and convergence
 * @example fitTableToMargins([[1, 1], [1, 1]], [3, 1], [2, 2]).fitted // [[1.5, 1.5], [0.5, 0.5]]
 */
export function fitTableToMargins(
  seed: readonly (readonly number[])[],
  rowTargets: readonly number[],
  columnTargets: readonly number[],
  options: ProportionalFittingOptions = {},
): ProportionalFittingResult {
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 1000;
  const rows = rowTargets.length;
  const columns = columnTargets.length;
  if (seed.length !== rows)
    throw new RangeError(`the seed has ${seed.length} rows but there are ${rows} row targets`);
  seed.forEach((row, i) => {
    if (row.length !== columns)
      throw new RangeError(`seed row ${i} has ${row.length} cells, expected ${columns}`);
    row.forEach((cell, j) => {
      if (!(cell >= 0) || !Number.isFinite(cell))
        throw new RangeError(`seed cell [${i}][${j}] must be non-negative, got ${cell}`);
    });
  });
  [...rowTargets, ...columnTargets].forEach((target) => {
    if (!(target >= 0) || !Number.isFinite(target))
      throw new RangeError(`targets must be non-negative, got ${target}`);
  });
  const total = rowTargets.reduce((sum, value) => sum + value, 0);
  const columnTotal = columnTargets.reduce((sum, value) => sum + value, 0);
  if (!(total > 0) || Math.abs(total - columnTotal) > 1e-9 * total) {
    throw new RangeError(`row targets sum to ${total} but column targets sum to ${columnTotal}`);
  }
  const fitted = seed.map((row) => [...row]);
  const rowSum = (i: number) => fitted[i].reduce((sum, cell) => sum + cell, 0);
  const columnSum = (j: number) => fitted.reduce((sum, row) => sum + row[j], 0);
  for (let i = 0; i < rows; i++) {
    if (rowTargets[i] > 0 && rowSum(i) === 0)
      throw new RangeError(`row ${i} is empty in the seed but has a positive target`);
  }
  for (let j = 0; j < columns; j++) {
    if (columnTargets[j] > 0 && columnSum(j) === 0) {
      throw new RangeError(`column ${j} is empty in the seed but has a positive target`);
    }
  }
  const marginError = (): number => {
    let worst = 0;
    for (let i = 0; i < rows; i++) worst = Math.max(worst, Math.abs(rowSum(i) - rowTargets[i]));
    for (let j = 0; j < columns; j++) worst = Math.max(worst, Math.abs(columnSum(j) - columnTargets[j]));
    return worst / total;
  };
  let iterations = 0;
  let error = marginError();
  while (error > tolerance && iterations < maxIterations) {
    for (let i = 0; i < rows; i++) {
      const sum = rowSum(i);
      const factor = sum > 0 ? rowTargets[i] / sum : 0;
      for (let j = 0; j < columns; j++) fitted[i][j] *= factor;
    }
    for (let j = 0; j < columns; j++) {
      const sum = columnSum(j);
      const factor = sum > 0 ? columnTargets[j] / sum : 0;
      for (let i = 0; i < rows; i++) fitted[i][j] *= factor;
    }
    iterations++;
    error = marginError();
  }
  return { fitted, iterations, converged: error <= tolerance, maxMarginError: error };
}
