import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { CrossProducts } from './crossProducts.ts';
import type { DriverInput } from './driverInput.ts';
import { prepareDriverInput } from './driverInput.ts';

/** One predictor's relative weight. */
export interface RelativeWeight {
  readonly name: string;
  /** Raw relative weight ε_j (the weights sum to R²). */
  readonly rawWeight: number;
  /** 100 · ε_j / R². */
  readonly rescaledPercent: number;
  /** Direction of the predictor's orthogonal counterpart's coefficient, as R's rwa "Sign". */
  readonly sign: '+' | '-' | '0';
}

/** Johnson's relative weights. */
export interface RelativeWeightsResult {
  readonly outcome: string;
  readonly n: number;
  readonly rSquared: number;
  readonly weights: readonly RelativeWeight[];
}

/**
 * Johnson's relative weights (Johnson 2000, Multivariate Behavioral Research 35(1)): a fast
 * approximation of the Shapley decomposition, computed from one eigen-decomposition.
 *
 * Formula: R_xx = V Λ Vᵀ; Λ½ = V Λ^{1/2} Vᵀ holds the correlations between the predictors X and
 * their closest orthogonal counterparts Z; β = (Λ½)⁻¹ r_xy regresses the outcome on Z; then
 * ε_j = Σ_k (Λ½)²_jk β_k², R² = Σ β_k² = Σ ε_j, rescaled = 100 ε_j / R², sign = sign(β_j).
 * Matches R's rwa::rwa().
 *
 * @param cp cross-products over (at least) the outcome and the predictors
 * @param outcome the outcome
 * @param predictors the predictors (each its own weight)
 * @returns R² and per-predictor raw weight, rescaled percent and sign
 * @throws DriverInputError for too few rows, a constant column or collinear predictors
 * @example relativeWeights(crossProductsOf(['y', 'x'], [[1, 1], [2, 3], [4, 4]]), 'y', ['x']).rSquared // 0.8622448979591831
 */
export function relativeWeights(
  cp: CrossProducts,
  outcome: string,
  predictors: readonly string[],
): RelativeWeightsResult {
  return relativeWeightsFromInput(prepareDriverInput(cp, outcome, predictors));
}

/**
 * Relative weights from an already validated input (see `relativeWeights` for the formula).
 *
 * @param input output of `prepareDriverInput` (a list of predictors, no groups)
 * @returns as `relativeWeights`
 * @example relativeWeightsFromInput(prepareDriverInput(crossProductsOf(['y', 'x'], [[1, 1], [2, 3], [4, 4]]), 'y', ['x'])).rSquared // 0.8622448979591831
 */
export function relativeWeightsFromInput(input: DriverInput): RelativeWeightsResult {
  const { predictors, correlation } = input;
  const rxx = new Matrix(correlation.slice(1).map((row) => row.slice(1)));
  const rxy = Matrix.columnVector(correlation.slice(1).map((row) => row[0]));
  const decomposition = new EigenvalueDecomposition(rxx, { assumeSymmetric: true });
  const vectors = decomposition.eigenvectorMatrix;
  const roots = decomposition.realEigenvalues.map((value) => Math.sqrt(Math.max(0, value)));
  const lambda = vectors.mmul(Matrix.diag(roots)).mmul(vectors.transpose());
  // (Λ½)⁻¹ = V Λ^{-1/2} Vᵀ: no general inverse needed.
  const lambdaInverse = vectors.mmul(Matrix.diag(roots.map((root) => 1 / root))).mmul(vectors.transpose());
  const beta = lambdaInverse.mmul(rxy).getColumn(0);
  const betaSquared = beta.map((b) => b * b);
  const rSquared = betaSquared.reduce((sum, value) => sum + value, 0);
  const weights = predictors.map((name, j) => {
    let rawWeight = 0;
    for (let k = 0; k < predictors.length; k++) rawWeight += lambda.get(j, k) ** 2 * betaSquared[k];
    const sign: RelativeWeight['sign'] = beta[j] > 0 ? '+' : beta[j] < 0 ? '-' : '0';
    return { name, rawWeight, rescaledPercent: (100 * rawWeight) / rSquared, sign };
  });
  return { outcome: input.outcome, n: input.n, rSquared, weights };
}
