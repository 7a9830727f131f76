import { describe, expect, it } from 'vitest';
import type { Expectation, Mean, Nps, Share } from '../../api/types.ts';
import {
  bandOf,
  momentsOfTruth,
  painPoints,
  type TouchpointFigures,
  touchpointGap,
  touchpointImpact,
} from './journeyMap.ts';

const m = (mean: number | null, halfWidth = 2): Mean =>
  mean === null
    ? { suppressed: true, n: 3 }
    : { suppressed: false, mean, lower: mean - halfWidth, upper: mean + halfWidth, standardError: 1, n: 50 };
const NPS: Nps = { suppressed: true, n: 0 };
const share = (value: number, halfWidth = 0.05): Share => ({
  suppressed: false,
  share: value,
  lower: value - halfWidth,
  upper: value + halfWidth,
  n: 80,
});
/** From counts of worse, as expected and better (the interval is a stand-in: ±10 points). */
const expectation = (worse: number, inLine: number, better: number): Expectation => {
  const n = worse + inLine + better;
  const net = (100 * (better - worse)) / n;
  return {
    suppressed: false,
    n,
    net,
    lower: net - 10,
    upper: net + 10,
    standardError: 5,
    worse: worse / n,
    inLine: inLine / n,
    better: better / n,
  };
};
const row = (
  key: string,
  forces: Partial<Record<string, number | null>>,
  extra: Partial<TouchpointFigures> = {},
): TouchpointFigures => ({
  key,
  n: 50,
  nps: NPS,
  forces: Object.fromEntries(
    ['certainty', 'control', 'fairTreatment', 'belonging', 'status', 'enjoyment'].map((f) => [
      f,
      m(forces[f] ?? null),
    ]),
  ) as TouchpointFigures['forces'],
  ...extra,
});

describe('journey map: expected, actual, ideal', () => {
  const plan = {
    touchpointId: 'tp',
    targetForces: ['certainty', 'control'],
    ideal: { forces: { certainty: 80, control: 70 }, csat: 80 },
  };

  it('takes actual from the target Forces and CSAT, ideal from the targets set, expected from the answers', () => {
    const gap = touchpointGap(
      plan,
      row(
        'tp',
        { certainty: 60, control: 70, status: 10 },
        { csat: share(0.7), expectation: expectation(20, 50, 30) },
      ),
    );
    expect(gap).toMatchObject({ actual: 65, ideal: 75, gap: -10, band: 'below', n: 50 });
    expect(gap.forces).toEqual([
      { force: 'certainty', actual: 60, ideal: 80, short: true },
      { force: 'control', actual: 70, ideal: 70, short: false },
    ]);
    expect(gap.csat).toEqual({ actual: 0.7, ideal: 0.8, short: true });
    expect(gap.expected).toMatchObject({ n: 100, worse: 0.2, inLine: 0.5, better: 0.3, net: 10 });
    expect(gap.expected?.worseThanExpected).toBe(false);
    expect(gap.painPoint).toBe(true);
  });

  it('leaves out suppressed figures and says "unknown" when nothing is shown; no answers, no expected', () => {
    const partly = touchpointGap(plan, row('tp', { certainty: 78 }));
    expect(partly).toMatchObject({ actual: 78, gap: 3, expected: null });
    expect(partly.csat).toEqual({ actual: null, ideal: 0.8, short: false });
    expect(touchpointGap(plan, undefined)).toMatchObject({
      actual: null,
      gap: null,
      band: 'unknown',
      n: 0,
      painPoint: false,
    });
    const suppressed = touchpointGap(plan, row('tp', {}, { expectation: { suppressed: true, n: 4 } }));
    expect(suppressed.expected).toBeNull();
  });

  it('bands the gap: meets at or above, near within five points, below further down', () => {
    expect([bandOf(0), bandOf(-5), bandOf(-5.01), bandOf(null)]).toEqual([
      'meets',
      'near',
      'below',
      'unknown',
    ]);
  });

  it('calls a pain point only beyond chance: an interval wholly under the ideal, or worse than expected', () => {
    // Nine points under on average, but certainty's interval (±20) reaches its ideal: no pain point alone.
    const wide = touchpointGap(
      plan,
      row('a', { control: 70 }, { forces: { ...row('a', { control: 70 }).forces, certainty: m(62, 20) } }),
    );
    expect(wide.band).toBe('below');
    expect(wide.painPoint).toBe(false);
    // At the ideal, but more customers found it worse than expected than better, beyond chance.
    const disappointing = touchpointGap(
      { ...plan, touchpointId: 'b' },
      row('b', { certainty: 80, control: 70 }, { expectation: expectation(40, 50, 10) }),
    );
    expect(disappointing.expected?.worseThanExpected).toBe(true);
    expect(disappointing.painPoint).toBe(true);
    const far = touchpointGap({ ...plan, touchpointId: 'c' }, row('c', { certainty: 50, control: 50 }));
    const near = touchpointGap({ ...plan, touchpointId: 'd' }, row('d', { certainty: 74, control: 66 }));
    expect(painPoints([near, disappointing, wide, far]).map((g) => g.touchpointId)).toEqual(['c', 'd', 'b']);
  });
});

describe('journey map: moments of truth', () => {
  const drivers = [
    { members: ['belonging'], share: 0.3 },
    { members: ['certainty'], share: 0.25 },
    { members: ['status'], share: 0.15 },
    { members: ['enjoyment'], share: 0.14 },
    { members: ['fairTreatment'], share: 0.1 },
    { members: ['control'], share: 0.06 },
  ];

  it("sums the drivers' shares of a touchpoint's target Forces", () => {
    expect(touchpointImpact(['belonging', 'certainty'], drivers)).toBeCloseTo(0.55, 10);
    expect(touchpointImpact(['control'], drivers)).toBeCloseTo(0.06, 10);
    expect(touchpointImpact(['control'], null)).toBeNull();
    // A grouped player cannot be split between Forces: it counts for none.
    expect(touchpointImpact(['belonging'], [{ members: ['belonging', 'status'], share: 0.5 }])).toBe(0);
  });

  it("keeps the programme's strongest quarter of touchpoints, each above an equal share, ties at the cut kept", () => {
    const plans = [
      { touchpointId: 'kickoff', targetForces: ['belonging', 'certainty'] },
      { touchpointId: 'portal', targetForces: ['control', 'enjoyment'] },
      { touchpointId: 'review', targetForces: ['status', 'belonging'] },
      { touchpointId: 'invoice', targetForces: ['fairTreatment', 'certainty'] },
      { touchpointId: 'visit', targetForces: ['status', 'certainty'] },
      { touchpointId: 'order', targetForces: ['control', 'enjoyment'] },
      { touchpointId: 'setup', targetForces: ['certainty', 'belonging'] },
      { touchpointId: 'none', targetForces: [] },
    ];
    // Eight touchpoints: a quarter is two, and setup ties kickoff at 0.55.
    const moments = momentsOfTruth(plans, drivers);
    expect(moments.map((x) => x.touchpointId)).toEqual(['kickoff', 'setup']);
    expect(moments[0]).toEqual({
      touchpointId: 'kickoff',
      impact: expect.closeTo(0.55, 10),
      equalShare: 2 / 6,
    });
    // Asked for more, the list stops at an equal share: invoice (0.35) is in, portal (0.20) is not.
    expect(momentsOfTruth(plans, drivers, 1).map((x) => x.touchpointId)).toEqual([
      'kickoff',
      'setup',
      'review',
      'visit',
      'invoice',
    ]);
    expect(momentsOfTruth(plans, null)).toEqual([]);
  });
});
