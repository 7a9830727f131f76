/** Where a Force sits on the impact × performance chart. */
export type Quadrant = 'fix_first' | 'keep' | 'watch' | 'over_served';

/** A Force's driver importance and its performance. */
export interface ForcePosition {
  readonly force: string;
  /** Impact, e.g. share of R² from LMG or relative weights. */
  readonly importance: number;
  /** Performance, e.g. mean Force score 0–100. */
  readonly performance: number;
}

/** Cut points splitting high from low. */
export interface QuadrantCuts {
  readonly importance: number;
  readonly performance: number;
}

/** A Force with its quadrant. */
export interface ForceQuadrant extends ForcePosition {
  readonly quadrant: Quadrant;
}

/** The chart: cut points used and each Force's quadrant. */
export interface QuadrantChart {
  readonly cuts: QuadrantCuts;
  readonly forces: readonly ForceQuadrant[];
}

/**
 * Impact × performance quadrants ("priority matrix"): what to fix first.
 *
 * Rule: impact is high when importance > importance cut, performance is high when performance >
 * performance cut (a value on the cut counts as low, so a borderline Force is not called fine):
 * - fix_first: high impact, low performance — the priority;
 * - keep: high impact, high performance — protect the strength;
 * - watch: low impact, low performance — monitor, act later;
 * - over_served: low impact, high performance — possibly over-invested.
 * By default each cut is the mean over the Forces given; pass cuts to use fixed ones (e.g. a
 * performance target of 70, or importance 1/6 for six Forces).
 *
 * @param forces each Force's importance and performance
 * @param cuts optional cut points (each defaults to the mean)
 * @returns the cuts used and each Force's quadrant
 * @example impactPerformanceQuadrants([{ force: 'certainty', importance: 0.4, performance: 55 }, { force: 'status', importance: 0.1, performance: 80 }]).forces[0].quadrant // 'fix_first'
 */
export function impactPerformanceQuadrants(
  forces: readonly ForcePosition[],
  cuts: Partial<QuadrantCuts> = {},
): QuadrantChart {
  forces.forEach(({ force, importance, performance }) => {
    if (!Number.isFinite(importance) || !Number.isFinite(performance)) {
      throw new RangeError(
        `'${force}' needs finite importance and performance, got ${importance} and ${performance}`,
      );
    }
  });
  const needsMean = cuts.importance === undefined || cuts.performance === undefined;
  if (needsMean && forces.length === 0) throw new RangeError('mean cut points need at least one Force');
  const mean = (pick: (f: ForcePosition) => number) =>
    forces.reduce((sum, f) => sum + pick(f), 0) / forces.length;
  const used: QuadrantCuts = {
    importance: cuts.importance ?? mean((f) => f.importance),
    performance: cuts.performance ?? mean((f) => f.performance),
  };
  return {
    cuts: used,
    forces: forces.map((position) => ({ ...position, quadrant: quadrantOf(position, used) })),
  };
}

/**
 * Quadrant of one Force against given cut points (see `impactPerformanceQuadrants`).
 *
 * @example quadrantOf({ force: 'control', importance: 0.3, performance: 40 }, { importance: 0.2, performance: 60 }) // 'fix_first'
 */
export function quadrantOf(position: ForcePosition, cuts: QuadrantCuts): Quadrant {
  const highImpact = position.importance > cuts.importance;
  const highPerformance = position.performance > cuts.performance;
  if (highImpact) return highPerformance ? 'keep' : 'fix_first';
  return highPerformance ? 'over_served' : 'watch';
}
