import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH_SETTINGS, type HealthSettings, healthScore, ragOf } from './healthScore.ts';

const settings = (weights: Partial<HealthSettings['weights']>): HealthSettings => ({
  ...DEFAULT_HEALTH_SETTINGS,
  weights: { strength: 0, nps: 0, coverage: 0, openCases: 0, ...weights },
});

describe('Customer Health Score', () => {
  it('mixes the signals by weight on one 0–100 scale', () => {
    // strength 80 (w 3), NPS 20 → 60 (w 1): (240 + 60) / 4 = 75
    const result = healthScore(
      { strength: 80, nps: 20, coverage: null, openCases: null },
      settings({ strength: 3, nps: 1 }),
    );
    expect(result.score).toBeCloseTo(75, 10);
    expect(result.rag).toBe('green');
  });

  it('renormalises over the signals the account has, and counts open cases against it', () => {
    const s = settings({ strength: 1, nps: 1, openCases: 2 });
    // NPS missing: strength 60 (w 1) and two open cases at 25 points each → 50 (w 2): 160 / 3
    const result = healthScore({ strength: 60, nps: null, coverage: 0.5, openCases: 2 }, s);
    expect(result.score).toBeCloseTo(160 / 3, 10);
    expect(result.rag).toBe('amber');
    expect(healthScore({ strength: 60, nps: null, coverage: null, openCases: 9 }, s).score).toBeCloseTo(
      20,
      10,
    );
  });

  it('is unknown without a survey signal of how the customer feels', () => {
    expect(
      healthScore({ strength: null, nps: null, coverage: 1, openCases: 0 }, DEFAULT_HEALTH_SETTINGS),
    ).toEqual({ score: null, rag: 'unknown' });
    expect(
      healthScore({ strength: 90, nps: null, coverage: null, openCases: null }, settings({ nps: 1 })),
    ).toEqual({
      score: null,
      rag: 'unknown',
    });
  });

  it('reads thresholds as "at or above"', () => {
    expect(ragOf(49.99, { amber: 50, green: 70 })).toBe('red');
    expect(ragOf(50, { amber: 50, green: 70 })).toBe('amber');
    expect(ragOf(70, { amber: 50, green: 70 })).toBe('green');
  });

  it('stays between its signals with a vanishingly small weight (no underflow)', () => {
    const s2 = settings({ strength: 5e-324, nps: 0 });
    expect(healthScore({ strength: 1e-9, nps: null, coverage: null, openCases: null }, s2).score).toBe(1e-9);
  });

  it('stays between its lowest and highest signal, and never falls when a signal rises', () => {
    const value = fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null });
    const weight = fc.double({ min: 0, max: 10, noNaN: true });
    fc.assert(
      fc.property(
        value,
        value,
        weight,
        weight,
        fc.double({ min: 0, max: 50, noNaN: true }),
        (s, n, ws, wn, bump) => {
          const s2 = settings({ strength: ws, nps: wn });
          const nps = n === null ? null : n * 2 - 100;
          const { score } = healthScore({ strength: s, nps, coverage: null, openCases: null }, s2);
          const present = [ws > 0 ? s : null, wn > 0 ? n : null].filter((x): x is number => x !== null);
          if (present.length === 0) {
            expect(score).toBeNull();
            return;
          }
          expect(score!).toBeGreaterThanOrEqual(Math.min(...present) - 1e-9);
          expect(score!).toBeLessThanOrEqual(Math.max(...present) + 1e-9);
          if (s !== null) {
            const higher = healthScore(
              { strength: Math.min(100, s + bump), nps, coverage: null, openCases: null },
              s2,
            ).score!;
            expect(higher).toBeGreaterThanOrEqual(score! - 1e-9);
          }
        },
      ),
    );
  });
});
