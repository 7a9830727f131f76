/** Target totals per variable and level, e.g. { tier: { gold: 120, silver: 380 }, region: { … } }. */
export type Margins = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** One respondent's level on each raking variable, e.g. { tier: 'gold', region: 'north' }. */
export type RakingUnit = Readonly<Record<string, string>>;

/** Options of `rakeWeights`. */
export interface RakingOptions {
  /** Starting (design) weights, one per unit; default 1 each. */
  readonly baseWeights?: readonly number[];
  /** Stop when every weighted margin is within tolerance × total of its target; default 1e-10. */
  readonly tolerance?: number;
  /** Give up after this many passes over all variables; default 1000. */
  readonly maxIterations?: number;
}

/** Raking weights and how they were reached. */
export interface RakingResult {
  /** One weight per unit, in input order; they sum to the targets' total. */
  readonly weights: number[];
  /** Passes over all variables performed. */
  readonly iterations: number;
  readonly converged: boolean;
  /** Largest |weighted margin − target| / total at the end. */
  readonly maxMarginError: number;
}

/**
 * Unit-level raking weights: weights that make the sample's weighted margins match known totals
 * on several variables at once (e.g. tier and region), without needing the joint table.
 *
 * Formula: iterative proportional fitting on the units: for each variable v and level ℓ in turn,
 * multiply the weights of the units at ℓ by target(v, ℓ) / Σ_{units at ℓ} w; repeat passes until
 * every weighted margin is within tolerance (Deming & Stephan 1940). Targets may be counts or
 * shares; every variable's targets must have the same total, and the weights end up summing to it
 * (as the `balance` package does). Pass shares × sample size to get weights that average 1.
 *
 * @param units each unit's level on every raking variable
 * @param targets target total per variable and level
 * @param options base weights, tolerance (1e-10) and maxIterations (1000)
 * @returns the weights, iterations and convergence
 * @example rakeWeights([{ tier: 'a' }, { tier: 'b' }], { tier: { a: 3, b: 1 } }).weights // [3, 1]
 */
export function rakeWeights(
  units: readonly RakingUnit[],
  targets: Margins,
  options: RakingOptions = {},
): RakingResult {
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 1000;
  const variables = Object.keys(targets);
  if (units.length === 0) throw new RangeError('raking needs at least one unit');
  if (variables.length === 0) throw new RangeError('raking needs at least one variable with targets');
  const weights = options.baseWeights ? [...options.baseWeights] : new Array<number>(units.length).fill(1);
  if (weights.length !== units.length) {
    throw new RangeError(`got ${weights.length} base weights for ${units.length} units`);
  }
  weights.forEach((weight, i) => {
    if (!(weight > 0) || !Number.isFinite(weight))
      throw new RangeError(`base weight ${i} must be positive, got ${weight}`);
  });

  const total = totalOfTargets(targets, variables[0]);
  // For each variable: each unit's level index, and the level targets in the same order.
  const plans = variables.map((variable) => {
    const levelTargets = targets[variable];
    const levels = Object.keys(levelTargets);
    const variableTotal = totalOfTargets(targets, variable);
    if (Math.abs(variableTotal - total) > 1e-9 * total) {
      throw new RangeError(
        `targets for '${variable}' sum to ${variableTotal} but '${variables[0]}' sum to ${total}`,
      );
    }
    const levelIndex = units.map((unit, i) => {
      const level = unit[variable];
      const index = levels.indexOf(level);
      if (index < 0)
        throw new RangeError(`unit ${i} has level '${level}' on '${variable}', which has no target`);
      return index;
    });
    const present = new Array<boolean>(levels.length).fill(false);
    for (const index of levelIndex) present[index] = true;
    levels.forEach((level, index) => {
      if (!present[index] && levelTargets[level] > 0) {
        throw new RangeError(`no unit has level '${level}' on '${variable}', so its target cannot be met`);
      }
    });
    return { levelIndex, levelTargetValues: levels.map((level) => levelTargets[level]) };
  });

  const weightedTotals = (plan: (typeof plans)[number]): number[] => {
    const sums = new Array<number>(plan.levelTargetValues.length).fill(0);
    plan.levelIndex.forEach((index, unit) => {
      sums[index] += weights[unit];
    });
    return sums;
  };
  const marginError = (): number => {
    let worst = 0;
    for (const plan of plans) {
      const sums = weightedTotals(plan);
      sums.forEach((sum, index) => {
        worst = Math.max(worst, Math.abs(sum - plan.levelTargetValues[index]));
      });
    }
    return worst / total;
  };

  let iterations = 0;
  let error = marginError();
  while (error > tolerance && iterations < maxIterations) {
    for (const plan of plans) {
      const sums = weightedTotals(plan);
      const factors = sums.map((sum, index) => (sum > 0 ? plan.levelTargetValues[index] / sum : 0));
      plan.levelIndex.forEach((index, unit) => {
        weights[unit] *= factors[index];
      });
    }
    iterations++;
    error = marginError();
  }
  return { weights, iterations, converged: error <= tolerance, maxMarginError: error };
}

/**
 * Weighted level totals of a population (or reference sample) on the given variables: the targets
 * to rake a survey sample to.
 *
 * Formula: target(v, ℓ) = Σ_{units with level ℓ on v} wᵢ (wᵢ = 1 when no weights are given).
 *
 * @param units each unit's levels
 * @param variables the raking variables
 * @param weights optional unit weights
 * @returns margins for `rakeWeights`
 * @example marginsOf([{ tier: 'a' }, { tier: 'a' }, { tier: 'b' }], ['tier']) // { tier: { a: 2, b: 1 } }
 */
export function marginsOf(
  units: readonly RakingUnit[],
  variables: readonly string[],
  weights?: readonly number[],
): Margins {
  if (weights && weights.length !== units.length)
    throw new RangeError(`got ${weights.length} weights for ${units.length} units`);
  const margins: Record<string, Record<string, number>> = {};
  for (const variable of variables) {
    const totals: Record<string, number> = {};
    units.forEach((unit, i) => {
      const level = unit[variable];
      if (level === undefined) throw new RangeError(`unit ${i} has no level on '${variable}'`);
      totals[level] = (totals[level] ?? 0) + (weights ? weights[i] : 1);
    });
    margins[variable] = totals;
  }
  return margins;
}

function totalOfTargets(targets: Margins, variable: string): number {
  let sum = 0;
  for (const [level, value] of Object.entries(targets[variable])) {
    if (!(value >= 0) || !Number.isFinite(value))
      throw new RangeError(`target for '${variable}' = '${level}' must be non-negative, got ${value}`);
    sum += value;
  }
  if (!(sum > 0)) throw new RangeError(`targets for '${variable}' must have a positive total`);
  return sum;
}
