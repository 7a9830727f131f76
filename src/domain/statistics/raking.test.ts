import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectPrinted } from '../../../test/fixtures/reference/printedPrecision.ts';
import reference from '../../../test/fixtures/reference/raking_expected.json' with { type: 'json' };
import type { RakingUnit } from './raking.ts';
import { marginsOf, rakeWeights } from './raking.ts';

const balance = reference.balance_rake_unit_weights;
const unitsOf = (columns: { a: string[]; b: string[] }): RakingUnit[] =>
  columns.a.map((a, i) => ({ a, b: columns.b[i] }));

describe('rakeWeights', () => {
  it('matches balance test_rake_weights (unweighted target)', () => {
    const result = rakeWeights(unitsOf(balance.sample), marginsOf(unitsOf(balance.target), ['a', 'b']));
    expect(result.converged).toBe(true);
    result.weights.forEach((weight, i) => {
      expectPrinted(weight, balance.expected_weights_round2_unweighted_target[i]);
    });
    expect(result.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(12, 10);
  });

  it('matches balance test_rake_weights_with_weighted_input (weighted target)', () => {
    const targets = marginsOf(unitsOf(balance.target), ['a', 'b'], balance.target_weights_case2);
    const result = rakeWeights(unitsOf(balance.sample), targets);
    result.weights.forEach((weight, i) => {
      expectPrinted(weight, balance.expected_weights_round2_weighted_target[i]);
    });
    expect(result.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(9, 10);
  });

  it('meets every margin of tier × region on random samples', () => {
    const tiers = ['gold', 'silver', 'bronze'];
    const regions = ['north', 'south'];
    const unit = fc.record({ tier: fc.constantFrom(...tiers), region: fc.constantFrom(...regions) });
    fc.assert(
      fc.property(fc.array(unit, { minLength: 12, maxLength: 60 }), (units) => {
        // Every tier × region cell populated, so the margins are attainable.
        fc.pre(tiers.every((t) => regions.every((r) => units.some((u) => u.tier === t && u.region === r))));
        const targets = { tier: { gold: 0.2, silver: 0.3, bronze: 0.5 }, region: { north: 0.6, south: 0.4 } };
        const { weights, converged } = rakeWeights(units, targets, { tolerance: 1e-12, maxIterations: 5000 });
        expect(converged).toBe(true);
        const achieved = marginsOf(units, ['tier', 'region'], weights);
        for (const [variable, levels] of Object.entries(targets)) {
          for (const [level, target] of Object.entries(levels)) {
            expect(achieved[variable][level]).toBeCloseTo(target, 9);
          }
        }
      }),
    );
  });

  it('starts from base weights and reports non-convergence when stopped early', () => {
    const units = [{ t: 'a' }, { t: 'a' }, { t: 'b' }];
    expect(rakeWeights(units, { t: { a: 2, b: 2 } }, { baseWeights: [1, 3, 1] }).weights).toEqual([
      0.5, 1.5, 2,
    ]);
    const stopped = rakeWeights(unitsOf(balance.sample), marginsOf(unitsOf(balance.target), ['a', 'b']), {
      maxIterations: 0,
    });
    expect(stopped.converged).toBe(false);
  });

  it('reports non-convergence when the margins cannot be met together', () => {
    // Every gold unit is north and every north unit is gold, yet gold should be 20 % and north 60 %.
    const units = [
      { tier: 'gold', region: 'north' },
      { tier: 'silver', region: 'south' },
      { tier: 'silver', region: 'south' },
    ];
    const result = rakeWeights(units, {
      tier: { gold: 0.2, silver: 0.8 },
      region: { north: 0.6, south: 0.4 },
    });
    expect(result.converged).toBe(false);
    expect(result.maxMarginError).toBeGreaterThan(0.1);
  });

  it('names the problem in its errors', () => {
    expect(() => rakeWeights([{ t: 'c' }], { t: { a: 1 } })).toThrow(/level 'c'/);
    expect(() => rakeWeights([{ t: 'a' }], { t: { a: 1, b: 1 } })).toThrow(/no unit has level 'b'/);
    expect(() => rakeWeights([{ t: 'a', r: 'x' }], { t: { a: 1 }, r: { x: 2 } })).toThrow(/sum to/);
  });
});
