import { describe, expect, it } from 'vitest';
import type { Mean, Nps } from '../../api/types.ts';
import {
  bandOf,
  journeyNpsOf,
  momentsOfTruth,
  painPoints,
  type TouchpointFigures,
  touchpointGap,
} from './journeyMap.ts';

const m = (mean: number | null): Mean =>
  mean === null
    ? { suppressed: true, n: 3 }
    : { suppressed: false, mean, lower: mean - 2, upper: mean + 2, standardError: 1, n: 50 };
const nps = (score: number | null): Nps =>
  score === null
    ? { suppressed: true, n: 3 }
    : {
        suppressed: false,
        score,
        lower: 0,
        upper: 0,
        standardError: 1,
        promoters: 0,
        passives: 0,
        detractors: 0,
        n: 50,
      };
const row = (key: string, forces: Partial<Record<string, number | null>>, score: number | null = 0, n = 50) =>
  ({
    key,
    n,
    nps: nps(score),
    forces: Object.fromEntries(
      ['certainty', 'control', 'fairTreatment', 'belonging', 'status', 'enjoyment'].map((f) => [
        f,
        m(forces[f] ?? null),
      ]),
    ),
  }) as TouchpointFigures;

describe('journey map', () => {
  const plan = {
    touchpointId: 'tp',
    targetForces: ['certainty', 'control'],
    ideal: { forces: { certainty: 80, control: 70 } },
  };

  it('compares the target Forces now, before and against the ideal', () => {
    const gap = touchpointGap(
      plan,
      row('tp', { certainty: 60, control: 70, status: 10 }),
      row('tp', { certainty: 70, control: 80 }),
    );
    expect(gap).toMatchObject({ actual: 65, expected: 75, ideal: 75, gap: -10, band: 'below', n: 50 });
    expect(gap.forces).toEqual([
      { force: 'certainty', actual: 60, ideal: 80 },
      { force: 'control', actual: 70, ideal: 70 },
    ]);
  });

  it('leaves out suppressed Forces and says "unknown" when nothing is shown', () => {
    expect(touchpointGap(plan, row('tp', { certainty: 78 }), undefined)).toMatchObject({
      actual: 78,
      expected: null,
      gap: 3,
    });
    expect(touchpointGap(plan, undefined, undefined)).toMatchObject({
      actual: null,
      gap: null,
      band: 'unknown',
      n: 0,
    });
  });

  it('bands the gap: meets at or above, near within five points, below further down', () => {
    expect([bandOf(0), bandOf(-5), bandOf(-5.01), bandOf(null)]).toEqual([
      'meets',
      'near',
      'below',
      'unknown',
    ]);
  });

  it('ranks pain points by shortfall and moments of truth by distance from the journey NPS', () => {
    const gaps = [
      touchpointGap({ ...plan, touchpointId: 'a' }, row('a', { certainty: 50, control: 50 }), undefined),
      touchpointGap({ ...plan, touchpointId: 'b' }, row('b', { certainty: 80, control: 80 }), undefined),
      touchpointGap({ ...plan, touchpointId: 'c' }, row('c', { certainty: 65, control: 65 }), undefined),
    ];
    expect(painPoints(gaps).map((g) => g.touchpointId)).toEqual(['a', 'c']);
    const rows = [row('a', {}, 10, 100), row('b', {}, 40, 100), row('c', {}, -20, 50), row('d', {}, null)];
    const journey = journeyNpsOf(rows);
    expect(journey).toBeCloseTo((1000 + 4000 - 1000) / 250, 10);
    expect(momentsOfTruth(rows, journey, 2).map((x) => x.key)).toEqual(['c', 'b']);
    expect(momentsOfTruth([row('a', {}, 10)], 10)).toEqual([]);
  });
});
