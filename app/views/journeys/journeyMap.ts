/**
 * A journey's touchpoints against the three experiences of the CX journey (see the domain notes,
 * "Journeys"). Pure: the view passes in the touchpoint breakdown of the period and the key-driver
 * analysis of relationship strength.
 *
 *   ideal    = the design target the CX team set for the touchpoint: the level each of its target
 *              Forces should reach (their mean), and a CSAT target (top-two-box %) when one is set
 *   actual   = what the touchpoint delivered in the period: the mean of its target Forces' measured
 *              scores, and its CSAT (suppressed figures left out)
 *   expected = what customers expected, in their own answers: the shares who found the experience
 *              worse than, as, or better than they expected, and net = % better − % worse
 *   gap      = actual − ideal over the target Forces (negative: the touchpoint falls short)
 *
 * A pain point is a touchpoint that falls short with some certainty: a target Force or CSAT whose
 * whole 95% interval lies under its ideal, or more customers finding it worse than expected than
 * better (the net's interval lies under zero).
 *
 * A moment of truth is a touchpoint whose experience moves the relationship most: its impact is
 * the share of relationship strength's explained variance (LMG) that its target Forces carry.
 * The moments are the strongest quarter of the programme's touchpoints by impact, each carrying
 * more than the same Forces would if all six mattered alike (k/6 for k target Forces); a shortfall
 * there costs the most.
 */
import type { Expectation, ForceKey, Mean, Nps, Share } from '../../api/types.ts';

export interface TouchpointPlan {
  touchpointId: string;
  targetForces: string[];
  ideal: { forces?: Record<string, number>; csat?: number } & Record<string, unknown>;
}
export interface TouchpointFigures {
  key: string;
  n: number;
  nps: Nps;
  forces: Record<ForceKey, Mean>;
  csat?: Share;
  expectation?: Expectation;
}
/** A player of the key-driver analysis: one Force (or a group) and its share of the explained variance. */
export interface DriverShare {
  members: string[];
  share: number;
}
export type Band = 'meets' | 'near' | 'below' | 'unknown';
/** Within this many points under the ideal a touchpoint is "near"; further under, "below". */
export const NEAR_POINTS = 5;
/** The six Forces: an equal share of the drivers is 1/6 each. */
const FORCE_COUNT = 6;

export interface ForceGap {
  force: string;
  actual: number | null;
  ideal: number | null;
  /** The whole 95% interval of the score lies under the ideal. */
  short: boolean;
}
export interface ExpectedExperience {
  n: number;
  worse: number;
  inLine: number;
  better: number;
  net: number;
  /** More customers found it worse than expected than better, beyond chance. */
  worseThanExpected: boolean;
}
export interface TouchpointGap {
  touchpointId: string;
  n: number;
  actual: number | null;
  ideal: number | null;
  gap: number | null;
  band: Band;
  /** Each target Force: its score in the period and its ideal. */
  forces: ForceGap[];
  /** CSAT top-two-box as a share (0–1) against the target (also 0–1), when either is known. */
  csat: { actual: number | null; ideal: number | null; short: boolean };
  /** Null when the touchpoint's customers were not asked, or too few answered. */
  expected: ExpectedExperience | null;
  painPoint: boolean;
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

export function bandOf(gap: number | null): Band {
  if (gap === null) return 'unknown';
  if (gap >= 0) return 'meets';
  return gap >= -NEAR_POINTS ? 'near' : 'below';
}

export function touchpointGap(plan: TouchpointPlan, figures: TouchpointFigures | undefined): TouchpointGap {
  const forces = plan.targetForces.map((force): ForceGap => {
    const figure = figures?.forces[force as ForceKey];
    const target = plan.ideal.forces?.[force];
    const ideal = typeof target === 'number' ? target : null;
    const shown = figure && !figure.suppressed ? figure : null;
    return {
      force,
      actual: shown ? shown.mean : null,
      ideal,
      short: shown !== null && ideal !== null && shown.upper < ideal,
    };
  });
  const actual = mean(forces.flatMap((f) => (f.actual === null ? [] : [f.actual])));
  const ideal = mean(forces.flatMap((f) => (f.ideal === null ? [] : [f.ideal])));
  const gap = actual === null || ideal === null ? null : actual - ideal;

  const csatFigure = figures?.csat && !figures.csat.suppressed ? figures.csat : null;
  const csatIdeal = typeof plan.ideal.csat === 'number' ? plan.ideal.csat / 100 : null;
  const csat = {
    actual: csatFigure ? csatFigure.share : null,
    ideal: csatIdeal,
    short: csatFigure !== null && csatIdeal !== null && csatFigure.upper < csatIdeal,
  };

  const said = figures?.expectation && !figures.expectation.suppressed ? figures.expectation : null;
  const expected = said
    ? {
        n: said.n,
        worse: said.worse,
        inLine: said.inLine,
        better: said.better,
        net: said.net,
        worseThanExpected: said.upper < 0,
      }
    : null;

  return {
    touchpointId: plan.touchpointId,
    n: figures?.n ?? 0,
    actual,
    ideal,
    gap,
    band: bandOf(gap),
    forces,
    csat,
    expected,
    painPoint: forces.some((f) => f.short) || csat.short || (expected?.worseThanExpected ?? false),
  };
}

/** Pain points: the largest shortfall against the ideal first, then the most "worse than expected". */
export function painPoints(gaps: TouchpointGap[]): TouchpointGap[] {
  return gaps
    .filter((g) => g.painPoint)
    .sort(
      (a, b) =>
        (a.gap ?? Number.POSITIVE_INFINITY) - (b.gap ?? Number.POSITIVE_INFINITY) ||
        (a.expected?.net ?? 0) - (b.expected?.net ?? 0),
    );
}

/** The share of the drivers' explained variance carried by a touchpoint's target Forces (null: no analysis). */
export function touchpointImpact(targetForces: string[], drivers: DriverShare[] | null): number | null {
  if (drivers === null || targetForces.length === 0) return null;
  let impact = 0;
  for (const player of drivers)
    if (player.members.length === 1 && targetForces.includes(player.members[0])) impact += player.share;
  return impact;
}

export interface MomentOfTruth {
  touchpointId: string;
  impact: number;
  /** What the same number of Forces would carry if all six mattered alike. */
  equalShare: number;
}

/**
 * Moments of truth across the programme: of the touchpoints whose target Forces carry more than an
 * equal share, the strongest quarter of all touchpoints (at least one; a tie at the cut is kept).
 */
export function momentsOfTruth(
  plans: Pick<TouchpointPlan, 'touchpointId' | 'targetForces'>[],
  drivers: DriverShare[] | null,
  fraction = 1 / 4,
): MomentOfTruth[] {
  const candidates = plans
    .flatMap((plan) => {
      const impact = touchpointImpact(plan.targetForces, drivers);
      const equalShare = plan.targetForces.length / FORCE_COUNT;
      return impact !== null && impact > equalShare
        ? [{ touchpointId: plan.touchpointId, impact, equalShare }]
        : [];
    })
    .sort((a, b) => b.impact - a.impact);
  const keep = Math.max(1, Math.ceil(plans.length * fraction));
  if (candidates.length <= keep) return candidates;
  const cut = candidates[keep - 1].impact;
  return candidates.filter((c) => c.impact >= cut - 1e-9);
}
