import { describe, expect, it } from 'vitest';
import reference from '../../../test/fixtures/reference/mulberry32_expected.json' with { type: 'json' };
import { mulberry32, randomIndex } from './seededRandom.ts';

describe('mulberry32', () => {
  it('reproduces the reference implementation exactly', () => {
    for (const [seed, sequence] of Object.entries(reference.sequences)) {
      const random = mulberry32(Number(seed));
      expect(sequence.map(() => random())).toEqual(sequence);
    }
  });

  it('is reproducible, stays in [0, 1) and is roughly uniform', () => {
    const a = mulberry32(2024);
    const b = mulberry32(2024);
    const draws = Array.from({ length: 20_000 }, () => a());
    expect(draws.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const mean = draws.reduce((s, v) => s + v, 0) / draws.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
  });

  it('draws every index of a range', () => {
    const random = mulberry32(5);
    const seen = new Set(Array.from({ length: 200 }, () => randomIndex(random, 7)));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});
