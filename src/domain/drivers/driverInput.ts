import { EigenvalueDecomposition } from 'ml-matrix';
import type { CrossProducts } from './crossProducts.ts';
import { correlationFrom, covarianceFrom } from './crossProducts.ts';
import { DriverInputError } from './driverInputError.ts';

/**
 * Predictors of a driver analysis: a list of variables, each its own player, or named groups of
 * variables that act as one player (e.g. { emotional: ['certainty', 'control'], functional: ['csat'] }).
 */
export type PredictorSpec = readonly string[] | Readonly<Record<string, readonly string[]>>;

/** A player in the decomposition: one predictor, or a named group of predictors. */
export interface Player {
  readonly name: string;
  readonly members: readonly string[];
}

/** Validated input of a driver analysis, reduced to the variables it uses. */
export interface DriverInput {
  readonly outcome: string;
  readonly players: readonly Player[];
  /** All predictors, players' members in order. */
  readonly predictors: readonly string[];
  /** Correlation matrix over [outcome, ...predictors]. */
  readonly correlation: number[][];
  /** Standard deviations over [outcome, ...predictors]. */
  readonly standardDeviations: number[];
  readonly n: number;
}

// Smallest eigenvalue of the predictors' correlation matrix below which they count as collinear.
const COLLINEARITY_EIGENVALUE = 1e-9;
// Loading above which a predictor is named as part of a (near-)linear dependency.
const DEPENDENCY_LOADING = 0.05;

/**
 * Players of a predictor specification: each listed predictor alone, or each named group.
 *
 * @param spec a list of predictors or a record of groups
 * @returns the players
 * @example playersOf({ emotional: ['certainty', 'control'], functional: ['csat'] })[0] // { name: 'emotional', members: ['certainty', 'control'] }
 */
export function playersOf(spec: PredictorSpec): Player[] {
  if (isPredictorList(spec)) return spec.map((name) => ({ name, members: [name] }));
  return Object.entries(spec).map(([name, members]) => ({ name, members: [...members] }));
}

/**
 * Checks a driver analysis can run and extracts its correlation matrix: known variables, each used
 * once; more rows than predictors + 1; no constant column; no collinear predictors.
 *
 * Collinearity test: the predictors' correlation matrix is (numerically) singular when its smallest
 * eigenvalue is below 1e-9; the predictors loading on such eigenvectors form the dependency and are
 * named in the error.
 *
 * @param cp cross-products over (at least) the outcome and predictors
 * @param outcome the outcome variable (e.g. likelihood to recommend)
 * @param spec predictors or groups of predictors
 * @returns the validated input
 * @throws DriverInputError naming the variables at fault
 * @example
 * const cp = crossProductsOf(['nps', 'certainty', 'control'], [[10, 80, 70], [6, 40, 65], [8, 70, 40], [9, 75, 90], [3, 20, 30]]);
 * prepareDriverInput(cp, 'nps', ['certainty', 'control']).correlation[0][1] // 0.9850168965503228
 */
export function prepareDriverInput(cp: CrossProducts, outcome: string, spec: PredictorSpec): DriverInput {
  const players = playersOf(spec);
  const predictors = players.flatMap((player) => [...player.members]);
  assertSpecification(cp, outcome, players, predictors);
  const p = predictors.length;
  if (cp.n <= p + 1) {
    throw new DriverInputError(
      'too_few_rows',
      `a driver analysis with ${p} predictor${p === 1 ? '' : 's'} needs more than ${p + 1} rows, got ${cp.n}`,
      predictors,
    );
  }
  const variables = [outcome, ...predictors];
  const indices = variables.map((name) => cp.variables.indexOf(name));
  const subset: CrossProducts = {
    variables,
    n: cp.n,
    sums: indices.map((i) => cp.sums[i]),
    sumsOfProducts: indices.map((i) => indices.map((j) => cp.sumsOfProducts[i][j])),
  };
  const correlation = correlationFrom(subset);
  const standardDeviations = covarianceFrom(subset).map((row, i) => Math.sqrt(row[i]));
  assertNotCollinear(correlation, predictors);
  return { outcome, players, predictors, correlation, standardDeviations, n: cp.n };
}

function assertSpecification(
  cp: CrossProducts,
  outcome: string,
  players: readonly Player[],
  predictors: readonly string[],
): void {
  if (players.length === 0)
    throw new DriverInputError('invalid_specification', 'a driver analysis needs at least one predictor');
  const empty = players.filter((player) => player.members.length === 0).map((player) => player.name);
  if (empty.length > 0) {
    throw new DriverInputError(
      'invalid_specification',
      `group ${empty.map((n) => `'${n}'`).join(', ')} has no predictors`,
      empty,
    );
  }
  const unknown = [outcome, ...predictors].filter((name) => !cp.variables.includes(name));
  if (unknown.length > 0) {
    throw new DriverInputError(
      'unknown_variable',
      `unknown variable ${unknown.map((name) => `'${name}'`).join(', ')}; the data has ${cp.variables.join(', ')}`,
      unknown,
    );
  }
  if (predictors.includes(outcome)) {
    throw new DriverInputError(
      'invalid_specification',
      `'${outcome}' is the outcome and cannot also be a predictor`,
      [outcome],
    );
  }
  const repeated = predictors.filter((name, i) => predictors.indexOf(name) !== i);
  if (repeated.length > 0) {
    throw new DriverInputError(
      'invalid_specification',
      `predictor ${[...new Set(repeated)].map((name) => `'${name}'`).join(', ')} is listed more than once`,
      [...new Set(repeated)],
    );
  }
}

function assertNotCollinear(
  correlation: readonly (readonly number[])[],
  predictors: readonly string[],
): void {
  const p = predictors.length;
  if (p < 2) return;
  const predictorBlock = correlation.slice(1).map((row) => row.slice(1));
  const decomposition = new EigenvalueDecomposition(predictorBlock, { assumeSymmetric: true });
  const eigenvalues = decomposition.realEigenvalues;
  const vectors = decomposition.eigenvectorMatrix;
  const involved = new Set<number>();
  eigenvalues.forEach((value, k) => {
    if (value >= COLLINEARITY_EIGENVALUE) return;
    for (let i = 0; i < p; i++) if (Math.abs(vectors.get(i, k)) > DEPENDENCY_LOADING) involved.add(i);
  });
  if (involved.size === 0) return;
  const names = predictors.filter((_, i) => involved.has(i));
  throw new DriverInputError(
    'collinear_predictors',
    `predictors ${names.map((name) => `'${name}'`).join(', ')} are collinear (one is a linear combination of the others); drop or combine them`,
    names,
  );
}

function isPredictorList(spec: PredictorSpec): spec is readonly string[] {
  return Array.isArray(spec);
}
