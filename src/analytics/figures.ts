import type { CrossProducts } from '../domain/drivers/index.ts';
import {
  meanInterval,
  npsFromCounts,
  suppressBelowBase,
  wilsonInterval,
} from '../domain/statistics/index.ts';
import { crossProductColumns, DRIVER_VARIABLES, MOMENT_MEASURES } from './rollupVariables.ts';

/** A figure with its base, or the explicit statement that the base is too small to show it. */
export type Figure<T> = ({ suppressed: false } & T & { n: number }) | { suppressed: true; n: number };

export interface MeanFigure {
  mean: number;
  lower: number;
  upper: number;
  standardError: number;
}

export interface ShareFigure {
  share: number;
  lower: number;
  upper: number;
}

export interface NpsFigure {
  score: number;
  lower: number;
  upper: number;
  standardError: number;
  promoters: number;
  passives: number;
  detractors: number;
}

type Sums = Record<string, number>;

/** A sum by name; a cell set with no rows has none, which is zero. */
const get = (sums: Sums, key: string) => sums[key] ?? 0;

function gate<T extends object>(n: number, minBase: number, make: () => T): Figure<T> {
  const checked = suppressBelowBase(null, n, minBase);
  return checked.suppressed ? { suppressed: true, n } : { suppressed: false, n, ...make() };
}

/** NPS with its standard error and 95% interval, from promoter/passive/detractor counts. */
export function npsFigure(sums: Sums, minBase: number): Figure<NpsFigure> {
  const counts = {
    promoters: get(sums, 'promoters'),
    passives: get(sums, 'passives'),
    detractors: get(sums, 'detractors'),
  };
  const n = counts.promoters + counts.passives + counts.detractors;
  return gate(n, minBase, () => {
    const result = npsFromCounts(counts);
    return {
      score: result.score,
      lower: result.lower,
      upper: result.upper,
      standardError: result.standardError,
      ...counts,
    };
  });
}

/**
 * Experience against expectation, from the answers to "compared with what you expected (or with
 * what we promised), was it worse, as expected, better?" (the responses' dissonance): each group's
 * share and the net score = % better − % worse (−100…100), whose standard error and interval
 * follow NPS's (better, as expected and worse stand where promoters, passives and detractors do).
 */
export interface ExpectationFigure {
  net: number;
  lower: number;
  upper: number;
  standardError: number;
  worse: number;
  inLine: number;
  better: number;
}

export function expectationFigure(sums: Sums, minBase: number): Figure<ExpectationFigure> {
  const counts = {
    worse: get(sums, 'dissonance_worse_n'),
    inLine: get(sums, 'dissonance_in_line_n'),
    better: get(sums, 'dissonance_better_n'),
  };
  const n = counts.worse + counts.inLine + counts.better;
  return gate(n, minBase, () => {
    const result = npsFromCounts({
      promoters: counts.better,
      passives: counts.inLine,
      detractors: counts.worse,
    });
    return {
      net: result.score,
      lower: result.lower,
      upper: result.upper,
      standardError: result.standardError,
      worse: counts.worse / n,
      inLine: counts.inLine / n,
      better: counts.better / n,
    };
  });
}

/** Mean of a measure with its t interval, from count, sum and sum of squares. */
export function meanFigure(sums: Sums, key: string, minBase: number): Figure<MeanFigure> {
  const n = get(sums, `${key}_n`);
  // A t interval needs two answers, whatever base the caller accepts: one answer is suppressed.
  return gate(n, Math.max(minBase, 2), () => {
    const interval = meanInterval({ n, sum: get(sums, `${key}_sum`), sumSq: get(sums, `${key}_sumsq`) });
    return {
      mean: interval.mean,
      lower: interval.lower,
      upper: interval.upper,
      standardError: interval.standardError,
    };
  });
}

/** A share with its Wilson interval. */
export function shareFigure(successes: number, n: number, minBase: number): Figure<ShareFigure> {
  return gate(n, minBase, () => {
    const interval = wilsonInterval(successes, n);
    return { share: interval.proportion, lower: interval.lower, upper: interval.upper };
  });
}

/** The six Force scores (mean and top-box share) from one set of sums. */
export function forceFigures(sums: Sums, minBase: number) {
  const forces = [
    ['certainty', 'certainty'],
    ['control', 'control'],
    ['fairTreatment', 'fair_treatment'],
    ['belonging', 'belonging'],
    ['status', 'status'],
    ['enjoyment', 'enjoyment'],
  ] as const;
  return Object.fromEntries(
    forces.map(([force, key]) => [
      force,
      {
        score: meanFigure(sums, key, minBase),
        topBox: shareFigure(get(sums, `${key}_topbox`), get(sums, `${key}_n`), minBase),
      },
    ]),
  );
}

/** Every measure's mean figure. */
export function measureFigures(sums: Sums, minBase: number) {
  return Object.fromEntries(MOMENT_MEASURES.map(([key]) => [key, meanFigure(sums, key, minBase)]));
}

/** The cross-product accumulators of a set of sums as the driver engine's CrossProducts. */
export function crossProductsFrom(sums: Sums): CrossProducts {
  const variables = DRIVER_VARIABLES.map(([name]) => name);
  const { sums: sumColumns, products } = crossProductColumns();
  const sumsOfProducts = variables.map(() => new Array<number>(variables.length).fill(0));
  for (const { i, j, column } of products) {
    sumsOfProducts[i][j] = get(sums, column);
    sumsOfProducts[j][i] = get(sums, column);
  }
  return { variables, n: get(sums, 'xp_n'), sums: sumColumns.map((c) => get(sums, c)), sumsOfProducts };
}
