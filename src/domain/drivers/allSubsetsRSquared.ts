import { DriverInputError } from './driverInputError.ts';

// Pivot (residual variance of a predictor given those already in the model) below which the
// predictor is taken as a linear combination of the others.
const PIVOT_TOLERANCE = 1e-12;

/** Called once per model with the swept matrix, to read coefficients without re-solving. */
export type ModelVisitor = (mask: number, swept: Float64Array, size: number) => void;

/**
 * R² of the outcome on every subset of players (a player is one predictor or a group of them), for
 * the Shapley / LMG decomposition.
 *
 * Method: the sweep operator on the correlation matrix (Goodnight 1979, The American Statistician
 * 33(3)). Sweeping a predictor's pivot turns the matrix into the regression on the swept set:
 * afterwards the outcome's diagonal cell holds 1 − R² and the outcome's column holds the
 * standardized coefficients. Subsets are visited depth-first, each child adding one player to its
 * parent, so every model costs one sweep per member, O(q²), instead of a fresh O(q³) solve: all
 * 2^12 models of 12 predictors take a few million floating-point operations.
 *
 * Layout: the matrix is [predictors..., outcome] flattened row-major, size q = p + 1; the outcome
 * is the last row. Bit k of a mask is player k.
 *
 * @param correlation correlation matrix over [outcome, ...predictors] (outcome first, as `prepareDriverInput`)
 * @param playerMembers for each player, the positions of its predictors in 0…p−1
 * @param predictorNames names for error messages
 * @param visit optional callback per model, to read coefficients from the swept matrix
 * @returns R² per subset mask, length 2^players
 * @example allSubsetsRSquared([[1, 0.5], [0.5, 1]], [[0]], ['x']) // Float64Array [0, 0.25]
 */
export function allSubsetsRSquared(
  correlation: readonly (readonly number[])[],
  playerMembers: readonly (readonly number[])[],
  predictorNames: readonly string[],
  visit?: ModelVisitor,
): Float64Array {
  const p = correlation.length - 1;
  const q = p + 1;
  const players = playerMembers.length;
  if (players > 20) throw new RangeError(`exact decomposition over ${players} players is too large (max 20)`);
  // Reorder to [predictors..., outcome] so that predictor k sits at row k.
  const base = new Float64Array(q * q);
  for (let i = 0; i < q; i++) {
    const from = i === p ? 0 : i + 1;
    for (let j = 0; j < q; j++) base[i * q + j] = correlation[from][j === p ? 0 : j + 1];
  }
  const outcomeCell = p * q + p;
  const rSquared = new Float64Array(2 ** players);
  // One scratch matrix per depth: a child copies its parent's and sweeps one more player.
  const levels = Array.from({ length: players + 1 }, (_, depth) =>
    depth === 0 ? base : new Float64Array(q * q),
  );

  const explore = (mask: number, depth: number, nextPlayer: number): void => {
    const matrix = levels[depth];
    rSquared[mask] = 1 - matrix[outcomeCell];
    visit?.(mask, matrix, q);
    for (let player = nextPlayer; player < players; player++) {
      const child = levels[depth + 1];
      child.set(matrix);
      for (const pivot of playerMembers[player]) sweep(child, q, pivot, predictorNames);
      explore(mask | (1 << player), depth + 1, player + 1);
    }
  };
  explore(0, 0, 0);
  return rSquared;
}

/**
 * Sweeps a symmetric matrix (flattened, size q) on one pivot, in place.
 *
 * Formula (Goodnight's reversible sweep, d = a_kk): a_ij ← a_ij − a_ik·a_kj / d for i, j ≠ k;
 * a_ik ← a_ik / d and a_kj ← a_kj / d; a_kk ← −1 / d.
 */
function sweep(matrix: Float64Array, q: number, k: number, names: readonly string[]): void {
  const d = matrix[k * q + k];
  if (!(d > PIVOT_TOLERANCE)) {
    throw new DriverInputError(
      'collinear_predictors',
      `predictor '${names[k]}' is a linear combination of other predictors in the model`,
      [names[k]],
    );
  }
  for (let i = 0; i < q; i++) {
    if (i === k) continue;
    const aik = matrix[i * q + k];
    if (aik === 0) continue;
    const factor = aik / d;
    for (let j = 0; j < q; j++) {
      if (j === k) continue;
      matrix[i * q + j] -= factor * matrix[k * q + j];
    }
  }
  for (let i = 0; i < q; i++) {
    if (i === k) continue;
    matrix[i * q + k] /= d;
    matrix[k * q + i] /= d;
  }
  matrix[k * q + k] = -1 / d;
}
