import { allSubsetsRSquared } from './allSubsetsRSquared.ts';
import type { CrossProducts } from './crossProducts.ts';
import type { DriverInput, PredictorSpec } from './driverInput.ts';
import { prepareDriverInput } from './driverInput.ts';

/** Most predictors an exact LMG decomposition accepts (2^15 = 32 768 models). */
export const MAX_LMG_PREDICTORS = 15;

/** One player's share of R². */
export interface LmgImportance {
  /** The predictor, or the group's name. */
  readonly name: string;
  readonly members: readonly string[];
  /** Raw importance: the player's Shapley value of R² (the importances sum to R²). */
  readonly importance: number;
  /** importance / R² (the shares sum to 1). */
  readonly share: number;
  /**
   * Conditional dominance: entry k−1 is the average R² increase from adding this player to the
   * models with k−1 other players (model size k = 1…number of players).
   */
  readonly conditionalDominance: readonly number[];
}

/** LMG / Shapley decomposition of R². */
export interface LmgResult {
  readonly outcome: string;
  readonly n: number;
  /** R² of the full model. */
  readonly rSquared: number;
  readonly players: readonly LmgImportance[];
  /**
   * Per predictor: entry k−1 is its average coefficient (outcome units per predictor unit) over the
   * models with k players that include it, as relaimpo's "average coefficients for different model
   * sizes".
   */
  readonly averageCoefficients: Readonly<Record<string, readonly number[]>>;
}

/**
 * LMG relative importance (Lindeman, Merenda & Gold 1980), i.e. the Shapley value of R² over the
 * predictors (or over groups of predictors treated as one player), from stored cross-products.
 *
 * Formula: with N the players and R²(S) the R² of the model on the players in S,
 * LMG_j = Σ_{S ⊆ N∖{j}} |S|!(|N|−|S|−1)!/|N|! · (R²(S ∪ {j}) − R²(S))
 *       = (1/|N|) Σ_{k=1}^{|N|} C_j(k), with C_j(k) the mean increase over the C(|N|−1, k−1) models of
 * size k − 1 without j (conditional dominance, Azen & Budescu 2003). Exact over all 2^|N| models,
 * each R² computed once (see `allSubsetsRSquared`). The importances add up to the full R² and do not
 * depend on the predictors' order or units. Matches R's relaimpo::calc.relimp(type = 'lmg') and
 * domir's general dominance.
 *
 * @param cp cross-products over (at least) the outcome and the predictors
 * @param outcome the outcome (e.g. likelihood to recommend)
 * @param predictors up to 15 predictors, or named groups of them (up to 15 predictors in all)
 * @returns R², per-player importance, share and conditional dominance, and average coefficients
 * @throws DriverInputError for too few rows, a constant column or collinear predictors
 * @example lmg(crossProductsOf(['y', 'x'], [[1, 1], [2, 3], [4, 4]]), 'y', ['x']).rSquared // 0.8622448979591831
 */
export function lmg(cp: CrossProducts, outcome: string, predictors: PredictorSpec): LmgResult {
  return lmgFromInput(prepareDriverInput(cp, outcome, predictors));
}

/**
 * LMG decomposition from an already validated input (see `lmg` for the formula); the bootstrap
 * uses it on each resample after validating it.
 *
 * @param input output of `prepareDriverInput`
 * @returns as `lmg`
 * @example lmgFromInput(prepareDriverInput(crossProductsOf(['y', 'x'], [[1, 1], [2, 3], [4, 4]]), 'y', ['x'])).rSquared // 0.8622448979591831
 */
export function lmgFromInput(input: DriverInput): LmgResult {
  const { players, predictors, correlation, standardDeviations } = input;
  if (predictors.length > MAX_LMG_PREDICTORS) {
    throw new RangeError(
      `exact LMG supports up to ${MAX_LMG_PREDICTORS} predictors, got ${predictors.length}`,
    );
  }
  const g = players.length;
  const p = predictors.length;
  const memberPositions = players.map((player) => player.members.map((name) => predictors.indexOf(name)));
  const playerOfPredictor = new Array<number>(p);
  memberPositions.forEach((positions, player) => {
    for (const position of positions) playerOfPredictor[position] = player;
  });

  // Sum of each predictor's standardized coefficient per model size, read from the swept matrix.
  const coefficientSums = Array.from({ length: p }, () => new Float64Array(g));
  const rSquared = allSubsetsRSquared(correlation, memberPositions, predictors, (mask, swept, q) => {
    const size = popCount(mask);
    for (let position = 0; position < p; position++) {
      if (mask & (1 << playerOfPredictor[position]))
        coefficientSums[position][size - 1] += swept[position * q + p];
    }
  });

  const full = (1 << g) - 1;
  const total = rSquared[full];
  const binomials = binomialRow(g - 1);
  const result = players.map((player, j) => {
    const bit = 1 << j;
    const dominance = new Array<number>(g).fill(0);
    for (let mask = 0; mask <= full; mask++) {
      if (mask & bit) continue;
      dominance[popCount(mask)] += rSquared[mask | bit] - rSquared[mask];
    }
    for (let size = 0; size < g; size++) dominance[size] /= binomials[size];
    const importance = dominance.reduce((sum, value) => sum + value, 0) / g;
    return {
      name: player.name,
      members: player.members,
      importance,
      share: importance / total,
      conditionalDominance: dominance,
    };
  });

  const averageCoefficients: Record<string, number[]> = {};
  predictors.forEach((name, position) => {
    // Models of size k containing this predictor's player: C(g − 1, k − 1).
    const scale = standardDeviations[0] / standardDeviations[position + 1];
    averageCoefficients[name] = Array.from(
      coefficientSums[position],
      (sum, k) => (sum / binomials[k]) * scale,
    );
  });

  return { outcome: input.outcome, n: input.n, rSquared: total, players: result, averageCoefficients };
}

function popCount(mask: number): number {
  let count = 0;
  for (let m = mask; m !== 0; m &= m - 1) count++;
  return count;
}

/** C(n, 0…n). */
function binomialRow(n: number): number[] {
  const row = [1];
  for (let k = 1; k <= n; k++) row.push((row[k - 1] * (n - k + 1)) / k);
  return row;
}
