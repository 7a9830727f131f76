import { describe, expect, it } from 'vitest';
import { mulberry32 } from './seededRandom.ts';
import { simulatedDriverRows, standardNormal } from './simulatedDrivers.ts';

describe('simulatedDriverRows', () => {
  it('is reproducible and lays out [outcome, x1…xp]', () => {
    const a = simulatedDriverRows(5, [1, 2], 3);
    expect(a).toEqual(simulatedDriverRows(5, [1, 2], 3));
    expect(a[0].length).toBe(3);
  });

  it('draws standard normals (mean ≈ 0, variance ≈ 1)', () => {
    const random = mulberry32(99);
    const draws = Array.from({ length: 20_000 }, () => standardNormal(random));
    const mean = draws.reduce((s, v) => s + v, 0) / draws.length;
    const variance = draws.reduce((s, v) => s + (v - mean) ** 2, 0) / (draws.length - 1);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it('builds the outcome from the coefficients (no noise: exact)', () => {
    for (const [y, x1, x2] of simulatedDriverRows(10, [3, -2], 5, 0))
      expect(y).toBeCloseTo(3 * x1 - 2 * x2, 12);
  });
});
