/**
 * The effect of an improvement action (pure): the targeted measure in a window before the action
 * started against the same-length window after, from rollup sums. NPS is compared as NPS (normal
 * approximation on the +1/0/−1 scores); a Force, satisfaction or another mean measure by Welch's
 * t-test on its count, sum and sum of squares.
 */
import { npsDifference, npsFromCounts, welchTTest } from '../domain/statistics/index.ts';

/** Measures an action can target: NPS, the six Forces and the mean measures kept in rollups. */
export const EFFECT_MEASURES = [
  'nps',
  'certainty',
  'control',
  'fair_treatment',
  'belonging',
  'status',
  'enjoyment',
  'satisfaction',
  'attachment',
  'ces',
  'strength',
] as const;
export type EffectMeasure = (typeof EFFECT_MEASURES)[number];

/** The rollup columns a measure needs. */
export function effectColumns(measure: EffectMeasure): string[] {
  return measure === 'nps'
    ? ['promoters', 'passives', 'detractors']
    : [`${measure}_n`, `${measure}_sum`, `${measure}_sumsq`];
}

export interface PeriodValue {
  n: number;
  value: number | null;
}

export interface Effect {
  measure: EffectMeasure;
  before: PeriodValue;
  after: PeriodValue;
  /** after − before, when both periods have data. */
  difference: number | null;
  pValue: number | null;
  significant: boolean;
  /** Too few responses on a side to say anything (below the minimum base). */
  insufficient: boolean;
}

const get = (sums: Record<string, number>, key: string) => sums[key] ?? 0;

export function measureEffect(
  measure: EffectMeasure,
  before: Record<string, number>,
  after: Record<string, number>,
  options: { minimumBase?: number; alpha?: number } = {},
): Effect {
  const minimumBase = options.minimumBase ?? 30;
  const alpha = options.alpha ?? 0.05;
  if (measure === 'nps') {
    const counts = (sums: Record<string, number>) => ({
      promoters: get(sums, 'promoters'),
      passives: get(sums, 'passives'),
      detractors: get(sums, 'detractors'),
    });
    const a = counts(before);
    const b = counts(after);
    const nA = a.promoters + a.passives + a.detractors;
    const nB = b.promoters + b.passives + b.detractors;
    const scoreA = nA ? npsFromCounts(a) : null;
    const scoreB = nB ? npsFromCounts(b) : null;
    const insufficient = nA < minimumBase || nB < minimumBase;
    const test = scoreA && scoreB && !insufficient ? npsDifference(scoreB, scoreA) : null;
    return {
      measure,
      before: { n: nA, value: scoreA?.score ?? null },
      after: { n: nB, value: scoreB?.score ?? null },
      difference: scoreA && scoreB ? scoreB.score - scoreA.score : null,
      pValue: test?.pValue ?? null,
      significant: test !== null && test.pValue < alpha,
      insufficient,
    };
  }
  const moments = (sums: Record<string, number>) => ({
    n: get(sums, `${measure}_n`),
    sum: get(sums, `${measure}_sum`),
    sumSq: get(sums, `${measure}_sumsq`),
  });
  const a = moments(before);
  const b = moments(after);
  const insufficient = a.n < minimumBase || b.n < minimumBase;
  const meanA = a.n ? a.sum / a.n : null;
  const meanB = b.n ? b.sum / b.n : null;
  const test = !insufficient && a.n >= 2 && b.n >= 2 ? welchTTest(b, a) : null;
  return {
    measure,
    before: { n: a.n, value: meanA },
    after: { n: b.n, value: meanB },
    difference: meanA !== null && meanB !== null ? meanB - meanA : null,
    pValue: test && Number.isFinite(test.pValue) ? test.pValue : null,
    significant: test !== null && test.pValue < alpha,
    insufficient,
  };
}

/** The windows compared: `days` before the start day, and `days` from it (UTC days, `to` exclusive). */
export function effectWindows(
  startedOn: string,
  days: number,
): { before: { from: string; to: string }; after: { from: string; to: string } } {
  const start = Date.parse(`${startedOn}T00:00:00Z`);
  const day = (offset: number) => new Date(start + offset * 86_400_000).toISOString().slice(0, 10);
  return { before: { from: day(-days), to: day(0) }, after: { from: day(0), to: day(days) } };
}
