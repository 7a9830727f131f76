import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { DriverInputError } from './driverInputError.ts';

/**
 * R² of the regression of one variable on a subset of others, from a correlation matrix.
 *
 * Formula: with R_xx the predictors' correlations and r_xy their correlations with the outcome,
 * the standardized coefficients solve R_xx β = r_xy (normal equations) and R² = r_xyᵀ β. Solved by
 * Cholesky decomposition (R_xx is symmetric positive definite unless predictors are collinear).
 *
 * @param correlation full correlation matrix
 * @param outcomeIndex row of the outcome
 * @param predictorIndices rows of the predictors (empty gives 0)
 * @returns R² in [0, 1]
 * @example rSquaredFromCorrelation([[1, 0.5], [0.5, 1]], 0, [1]) // 0.25
 */
export function rSquaredFromCorrelation(
  correlation: readonly (readonly number[])[],
  outcomeIndex: number,
  predictorIndices: readonly number[],
): number {
  if (predictorIndices.length === 0) return 0;
  if (predictorIndices.includes(outcomeIndex))
    throw new RangeError('the outcome cannot be one of its own predictors');
  const rxx = new Matrix(predictorIndices.map((i) => predictorIndices.map((j) => correlation[i][j])));
  const rxy = Matrix.columnVector(predictorIndices.map((i) => correlation[i][outcomeIndex]));
  const cholesky = new CholeskyDecomposition(rxx);
  if (!cholesky.isPositiveDefinite()) {
    throw new DriverInputError(
      'collinear_predictors',
      `predictors at positions ${predictorIndices.join(', ')} are collinear`,
    );
  }
  const beta = cholesky.solve(rxy);
  let r2 = 0;
  for (let k = 0; k < predictorIndices.length; k++) r2 += rxy.get(k, 0) * beta.get(k, 0);
  return r2;
}
