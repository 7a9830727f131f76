/**
 * A journey's touchpoints against what they are meant to do. Pure: the view passes in the
 * touchpoint breakdowns of the period and of the comparison period.
 *
 * For each touchpoint, over the Forces it should dial up (its target Forces):
 *   actual   = mean of the period's Force scores (suppressed figures left out)
 *   expected = the same over the comparison period: what customers have come to expect here
 *   ideal    = mean of the levels the CX team set for those Forces
 *   gap      = actual − ideal (negative: the touchpoint falls short)
 */
import type { ForceKey, Mean, Nps } from '../../api/types.ts';

export interface TouchpointPlan {
  touchpointId: string;
  targetForces: string[];
  ideal: { forces?: Record<string, number> } & Record<string, unknown>;
}
export interface TouchpointFigures {
  key: string;
  n: number;
  nps: Nps;
  forces: Record<ForceKey, Mean>;
}
export type Band = 'meets' | 'near' | 'below' | 'unknown';
/** Within this many points under the ideal a touchpoint is "near"; further under, "below". */
export const NEAR_POINTS = 5;

export interface TouchpointGap {
  touchpointId: string;
  n: number;
  actual: number | null;
  expected: number | null;
  ideal: number | null;
  gap: number | null;
  band: Band;
  /** Each target Force: its score now and its ideal. */
  forces: { force: string; actual: number | null; ideal: number | null }[];
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
const shown = (figure: Mean | undefined) => (figure && !figure.suppressed ? figure.mean : null);

export function bandOf(gap: number | null): Band {
  if (gap === null) return 'unknown';
  if (gap >= 0) return 'meets';
  return gap >= -NEAR_POINTS ? 'near' : 'below';
}

export function touchpointGap(
  plan: TouchpointPlan,
  now: TouchpointFigures | undefined,
  before: TouchpointFigures | undefined,
): TouchpointGap {
  const targets = plan.targetForces as ForceKey[];
  const forces = targets.map((force) => ({
    force,
    actual: shown(now?.forces[force]),
    ideal: typeof plan.ideal.forces?.[force] === 'number' ? plan.ideal.forces[force] : null,
  }));
  const actual = mean(forces.flatMap((f) => (f.actual === null ? [] : [f.actual])));
  const expected = mean(targets.flatMap((force) => shown(before?.forces[force]) ?? []));
  const ideal = mean(forces.flatMap((f) => (f.ideal === null ? [] : [f.ideal])));
  const gap = actual === null || ideal === null ? null : actual - ideal;
  return {
    touchpointId: plan.touchpointId,
    n: now?.n ?? 0,
    actual,
    expected,
    ideal,
    gap,
    band: bandOf(gap),
    forces,
  };
}

/** Pain points: touchpoints below their ideal, the largest shortfall first. */
export function painPoints(gaps: TouchpointGap[]): TouchpointGap[] {
  return gaps.filter((g) => g.band === 'below').sort((a, b) => (a.gap ?? 0) - (b.gap ?? 0));
}

/**
 * Moments of truth: the touchpoints where loyalty swings furthest from the journey as a whole,
 * by the distance of their NPS from the journey's NPS (either way), at most `count`; none unless at
 * least two touchpoints have a shown NPS.
 */
export function momentsOfTruth(
  rows: TouchpointFigures[],
  journeyNps: number | null,
  count = 3,
): { key: string; nps: number; difference: number; n: number }[] {
  if (journeyNps === null) return [];
  const shown = rows.flatMap((row) =>
    row.nps.suppressed
      ? []
      : [{ key: row.key, nps: row.nps.score, difference: row.nps.score - journeyNps, n: row.n }],
  );
  // With one touchpoint heard there is nothing to compare it with.
  if (shown.length < 2) return [];
  return shown.sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference)).slice(0, count);
}

/** The journey's NPS from its touchpoints' counts (a base-weighted mean of their scores). */
export function journeyNpsOf(rows: TouchpointFigures[]): number | null {
  let weighted = 0;
  let n = 0;
  for (const row of rows)
    if (!row.nps.suppressed) {
      weighted += row.nps.score * row.n;
      n += row.n;
    }
  return n ? weighted / n : null;
}
