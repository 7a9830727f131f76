import { DriverInputError } from './driverInputError.ts';

/**
 * Sufficient statistics for correlations over a list of variables: n, Σxᵢ and Σxᵢxⱼ. Stored per
 * cell (day, account, touchpoint…) and merged by adding, they give covariances and correlations of
 * any union of cells without touching the rows again.
 */
export interface CrossProducts {
  readonly variables: readonly string[];
  readonly n: number;
  readonly sums: readonly number[];
  /** Symmetric matrix of Σ xᵢ·xⱼ, in the order of `variables`. */
  readonly sumsOfProducts: readonly (readonly number[])[];
}

/**
 * Cross-products of an empty set of rows (the identity of `mergeCrossProducts`).
 *
 * @param variables the variable names
 * @returns n = 0 and zero sums
 * @example emptyCrossProducts(['x']).sumsOfProducts // [[0]]
 */
export function emptyCrossProducts(variables: readonly string[]): CrossProducts {
  const p = variables.length;
  return {
    variables: [...variables],
    n: 0,
    sums: new Array<number>(p).fill(0),
    sumsOfProducts: Array.from({ length: p }, () => new Array<number>(p).fill(0)),
  };
}

/**
 * Cross-products of rows of numbers aligned with `variables`.
 *
 * Formula: n = number of rows; sums[i] = Σ_r x_ri; sumsOfProducts[i][j] = Σ_r x_ri·x_rj.
 *
 * @param variables names of the columns, in row order
 * @param rows finite numbers, one array per respondent (complete cases)
 * @returns the cross-products
 * @example crossProductsOf(['x', 'y'], [[1, 2], [3, 4]]).sumsOfProducts // [[10, 14], [14, 20]]
 */
export function crossProductsOf(
  variables: readonly string[],
  rows: readonly (readonly number[])[],
): CrossProducts {
  const p = variables.length;
  const sums = new Array<number>(p).fill(0);
  const products = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  rows.forEach((row, r) => {
    if (row.length !== p)
      throw new RangeError(`row ${r} has ${row.length} values, expected ${p} (${variables.join(', ')})`);
    for (let i = 0; i < p; i++) {
      const xi = row[i];
      if (!Number.isFinite(xi))
        throw new RangeError(`row ${r}: '${variables[i]}' is ${xi}; drop or impute missing answers first`);
      sums[i] += xi;
      for (let j = 0; j <= i; j++) products[i][j] += xi * row[j];
    }
  });
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) products[j][i] = products[i][j];
  return { variables: [...variables], n: rows.length, sums, sumsOfProducts: products };
}

/**
 * Cross-products of the union of two sets of rows over the same variables: n, sums and sums of
 * products add up.
 *
 * @param a cross-products of some rows
 * @param b cross-products of other rows, same variables in the same order
 * @returns cross-products of both
 * @example mergeCrossProducts(crossProductsOf(['x'], [[1]]), crossProductsOf(['x'], [[2]])).sumsOfProducts // [[5]]
 */
export function mergeCrossProducts(a: CrossProducts, b: CrossProducts): CrossProducts {
  if (a.variables.length !== b.variables.length || a.variables.some((name, i) => name !== b.variables[i])) {
    throw new DriverInputError(
      'mismatched_variables',
      `cannot merge cross-products over different variables: [${a.variables.join(', ')}] and [${b.variables.join(', ')}]`,
      [...new Set([...a.variables, ...b.variables])],
    );
  }
  return {
    variables: a.variables,
    n: a.n + b.n,
    sums: a.sums.map((sum, i) => sum + b.sums[i]),
    sumsOfProducts: a.sumsOfProducts.map((row, i) => row.map((value, j) => value + b.sumsOfProducts[i][j])),
  };
}

/**
 * Sample covariance matrix (denominator n − 1).
 *
 * Formula: cov(i, j) = (Σxᵢxⱼ − ΣxᵢΣxⱼ / n) / (n − 1).
 *
 * @param cp cross-products with n ≥ 2
 * @returns the covariance matrix, in the order of `cp.variables`
 * @example covarianceFrom(crossProductsOf(['x', 'y'], [[1, 2], [3, 4]])) // [[2, 2], [2, 2]]
 */
export function covarianceFrom(cp: CrossProducts): number[][] {
  if (cp.n < 2) {
    throw new DriverInputError(
      'too_few_rows',
      `a covariance needs at least 2 rows, got ${cp.n}`,
      cp.variables,
    );
  }
  return cp.sumsOfProducts.map((row, i) =>
    row.map((value, j) => (value - (cp.sums[i] * cp.sums[j]) / cp.n) / (cp.n - 1)),
  );
}

/**
 * Pearson correlation matrix.
 *
 * Formula: r(i, j) = cov(i, j) / √(cov(i, i) · cov(j, j)), with 1 on the diagonal. A variable whose
 * variance is zero (or lost in rounding: below 1e-12 of its mean square) is constant, and has no
 * correlation.
 *
 * @param cp cross-products with n ≥ 2 and no constant variable
 * @returns the correlation matrix, in the order of `cp.variables`
 * @example correlationFrom(crossProductsOf(['x', 'y'], [[1, 3], [2, 2], [3, 1]])) // [[1, -1], [-1, 1]]
 */
export function correlationFrom(cp: CrossProducts): number[][] {
  const covariance = covarianceFrom(cp);
  const constant = cp.variables.filter((_, i) => isConstant(cp, covariance[i][i], i));
  if (constant.length > 0) {
    throw new DriverInputError(
      'constant_column',
      `no variation in ${constant.map((name) => `'${name}'`).join(', ')}: every respondent gave the same value, so it has no correlation`,
      constant,
    );
  }
  const sd = covariance.map((row, i) => Math.sqrt(row[i]));
  return covariance.map((row, i) =>
    row.map((value, j) => (i === j ? 1 : Math.max(-1, Math.min(1, value / (sd[i] * sd[j]))))),
  );
}

function isConstant(cp: CrossProducts, variance: number, i: number): boolean {
  const meanSquare = cp.sumsOfProducts[i][i] / cp.n;
  return !(variance > 1e-12 * meanSquare);
}
