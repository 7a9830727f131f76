import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mtcarsColumns } from '../../../test/fixtures/reference/mtcars.ts';
import { expectPrinted } from '../../../test/fixtures/reference/printedPrecision.ts';
import reference from '../../../test/fixtures/reference/relimp_expected.json' with { type: 'json' };
import { correlationFrom, covarianceFrom, crossProductsOf } from './crossProducts.ts';
import { lmg } from './lmg.ts';
import { rSquaredFromCorrelation } from './rSquared.ts';
import { simulatedDriverRows } from './simulatedDrivers.ts';

const expected = reference.A_domir_mtcars_lmg;
type Predictor = keyof typeof expected.lmg_general_dominance;
const predictors = expected.predictors as Predictor[];
const variables = [expected.response, ...predictors];
const mtcars = crossProductsOf(variables, mtcarsColumns(variables));

// Random data sets: n rows of p correlated predictors (shared factor) and an outcome.
const dataSet = fc
  .record({
    seed: fc.integer(),
    p: fc.integer({ min: 2, max: 5 }),
    coefficients: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 5, maxLength: 5 }),
  })
  .map(({ seed, p, coefficients }) => {
    const rows = simulatedDriverRows(40, coefficients.slice(0, p), seed).map((row) => {
      const shared = row[1];
      return row.map((value, k) => (k > 1 ? value + 0.5 * shared : value));
    });
    const names = ['y', ...coefficients.slice(0, p).map((_, k) => `x${k + 1}`)];
    return { rows, names };
  });

describe('lmg', () => {
  it('matches relaimpo / domir on mpg ~ am + vs + cyl: R², importances, shares and conditional dominance', () => {
    const result = lmg(mtcars, 'mpg', predictors);
    expectPrinted(result.rSquared, expected.r2);
    expectPrinted(covarianceFrom(mtcars)[0][0], expected.total_response_variance);
    for (const player of result.players) {
      const name = player.name as Predictor;
      expectPrinted(player.importance, expected.lmg_general_dominance[name]);
      expectPrinted(player.share, expected.standardized[name]);
      player.conditionalDominance.forEach((value, k) => {
        expectPrinted(value, expected.conditional_dominance_by_model_size_1_2_3[name][k]);
      });
      result.averageCoefficients[name].forEach((value, k) => {
        expectPrinted(value, expected.relaimpo_avg_coefficients_1X_2Xs_3Xs[name][k]);
      });
    }
  });

  it('has importances that sum to R² and shares that sum to 1', () => {
    fc.assert(
      fc.property(dataSet, ({ rows, names }) => {
        const result = lmg(crossProductsOf(names, rows), 'y', names.slice(1));
        const total = result.players.reduce((s, p) => s + p.importance, 0);
        expect(total).toBeCloseTo(result.rSquared, 12);
        expect(result.players.reduce((s, p) => s + p.share, 0)).toBeCloseTo(1, 12);
        const correlation = correlationFrom(crossProductsOf(names, rows));
        expect(result.rSquared).toBeCloseTo(
          rSquaredFromCorrelation(
            correlation,
            0,
            names.slice(1).map((_, k) => k + 1),
          ),
          12,
        );
      }),
      { numRuns: 40 },
    );
  });

  it('does not depend on the order of the predictors', () => {
    fc.assert(
      fc.property(dataSet, fc.integer(), ({ rows, names }, shuffleSeed) => {
        const cp = crossProductsOf(names, rows);
        const order = names.slice(1);
        const shuffled = [...order].sort(
          (a, b) =>
            ((a.charCodeAt(1) * shuffleSeed) % 7) - ((b.charCodeAt(1) * shuffleSeed) % 7) ||
            b.localeCompare(a),
        );
        const byName = (r: ReturnType<typeof lmg>) =>
          Object.fromEntries(r.players.map((p) => [p.name, p.importance]));
        const a = byName(lmg(cp, 'y', order));
        const b = byName(lmg(cp, 'y', shuffled));
        for (const name of order) expect(b[name]).toBeCloseTo(a[name], 12);
      }),
      { numRuns: 30 },
    );
  });

  it('does not depend on the units of any variable (linear rescaling)', () => {
    fc.assert(
      fc.property(
        dataSet,
        fc.integer({ min: 0, max: 5 }),
        fc.double({ min: -20, max: 20, noNaN: true }).filter((a) => Math.abs(a) > 0.05),
        fc.double({ min: -100, max: 100, noNaN: true }),
        ({ rows, names }, column, scale, shift) => {
          const k = column % names.length;
          const rescaled = rows.map((row) =>
            row.map((value, j) => (j === k ? scale * value + shift : value)),
          );
          const a = lmg(crossProductsOf(names, rows), 'y', names.slice(1));
          const b = lmg(crossProductsOf(names, rescaled), 'y', names.slice(1));
          a.players.forEach((player, j) => {
            expect(b.players[j].importance).toBeCloseTo(player.importance, 9);
          });
        },
      ),
      { numRuns: 30 },
    );
  });

  it('recovers the ordering x1 > x2 > x3 when y = 3·x1 + 2·x2 + 1·x3 + noise', () => {
    const names = ['y', 'x1', 'x2', 'x3'];
    const result = lmg(crossProductsOf(names, simulatedDriverRows(500, [3, 2, 1], 20240601)), 'y', [
      'x3',
      'x1',
      'x2',
    ]);
    const importance = Object.fromEntries(result.players.map((p) => [p.name, p.importance]));
    expect(importance.x1).toBeGreaterThan(importance.x2);
    expect(importance.x2).toBeGreaterThan(importance.x3);
    // Independent predictors: each share ≈ β²/Σβ² of the explained part (9 : 4 : 1).
    expect(importance.x1 / importance.x3).toBeGreaterThan(5);
  });

  it('computes the Shapley value over groups of predictors', () => {
    const names = ['nps', 'certainty', 'control', 'status', 'csat'];
    const cp = crossProductsOf(names, simulatedDriverRows(300, [1, 0.8, 0.3, 1.5], 77));
    const grouped = lmg(cp, 'nps', { emotional: ['certainty', 'control', 'status'], functional: ['csat'] });
    const r2 = (members: string[]) => lmg(cp, 'nps', members).rSquared;
    // Two players: φ_A = ½ (R²(A) + R²(A ∪ B) − R²(B)).
    const emotional = 0.5 * (r2(['certainty', 'control', 'status']) + grouped.rSquared - r2(['csat']));
    expect(grouped.players[0].name).toBe('emotional');
    expect(grouped.players[0].importance).toBeCloseTo(emotional, 12);
    expect(grouped.players[0].importance + grouped.players[1].importance).toBeCloseTo(grouped.rSquared, 12);
    // Single-member groups are plain LMG.
    const singles = lmg(cp, 'nps', {
      certainty: ['certainty'],
      control: ['control'],
      status: ['status'],
      csat: ['csat'],
    });
    const plain = lmg(cp, 'nps', ['certainty', 'control', 'status', 'csat']);
    singles.players.forEach((player, j) => {
      expect(player.importance).toBeCloseTo(plain.players[j].importance, 12);
    });
  });

  // Speed is measured by `npm run bench -- analytics` (lmg6_ms, lmg12_ms), not by a timed test.
  it('decomposes 6 and 12 predictors, the shares summing to 1', () => {
    for (const p of [6, 12]) {
      const coefficients = Array.from({ length: p }, (_, k) => (k + 1) / p);
      const names = ['y', ...coefficients.map((_, k) => `x${k}`)];
      const cp = crossProductsOf(names, simulatedDriverRows(400, coefficients, p));
      const result = lmg(cp, 'y', names.slice(1));
      expect(result.players.length).toBe(p);
      expect(result.players.reduce((sum, player) => sum + player.share, 0)).toBeCloseTo(1, 9);
    }
  });

  it('refuses more than 15 predictors', () => {
    const coefficients = Array.from({ length: 16 }, () => 1);
    const names = ['y', ...coefficients.map((_, k) => `x${k}`)];
    const cp = crossProductsOf(names, simulatedDriverRows(100, coefficients, 1));
    expect(() => lmg(cp, 'y', names.slice(1))).toThrow(/up to 15/);
  });
});
