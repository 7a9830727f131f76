import { describe, expect, it } from 'vitest';
import { impactPerformanceQuadrants, quadrantOf } from './quadrant.ts';

const forces = [
  { force: 'certainty', importance: 0.3, performance: 50 },
  { force: 'control', importance: 0.25, performance: 80 },
  { force: 'fairTreatment', importance: 0.1, performance: 45 },
  { force: 'status', importance: 0.05, performance: 85 },
];

describe('impactPerformanceQuadrants', () => {
  it('splits at the mean importance and mean performance by default', () => {
    const chart = impactPerformanceQuadrants(forces);
    expect(chart.cuts.importance).toBeCloseTo(0.175, 15);
    expect(chart.cuts.performance).toBe(65);
    expect(chart.forces.map((f) => [f.force, f.quadrant])).toEqual([
      ['certainty', 'fix_first'],
      ['control', 'keep'],
      ['fairTreatment', 'watch'],
      ['status', 'over_served'],
    ]);
  });

  it('uses given cut points, each falling back to the mean', () => {
    const chart = impactPerformanceQuadrants(forces, { performance: 82 });
    expect(chart.cuts.importance).toBeCloseTo(0.175, 15);
    expect(chart.forces[1].quadrant).toBe('fix_first');
  });

  it('counts a value on the cut as low', () => {
    expect(
      quadrantOf({ force: 'x', importance: 0.2, performance: 60 }, { importance: 0.2, performance: 60 }),
    ).toBe('watch');
    expect(
      quadrantOf({ force: 'x', importance: 0.21, performance: 60 }, { importance: 0.2, performance: 60 }),
    ).toBe('fix_first');
  });

  it('rejects missing numbers and an empty list without cuts', () => {
    expect(() =>
      impactPerformanceQuadrants([{ force: 'x', importance: Number.NaN, performance: 1 }]),
    ).toThrow(/'x'/);
    expect(() => impactPerformanceQuadrants([])).toThrow(RangeError);
    expect(impactPerformanceQuadrants([], { importance: 0.2, performance: 50 }).forces).toEqual([]);
  });
});
