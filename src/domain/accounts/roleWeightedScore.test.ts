import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roleWeightedScore } from './roleWeightedScore.ts';

describe('roleWeightedScore', () => {
  it('weights roles, not respondents', () => {
    expect(
      roleWeightedScore([
        { role: 'decision_maker', mean: 80, n: 1 },
        { role: 'user', mean: 40, n: 5 },
      ]),
    ).toBe(70);
    expect(roleWeightedScore([{ role: 'user', mean: 40, n: 0 }])).toBeNull();
    expect(
      roleWeightedScore([
        { role: 'someone', mean: 50, n: 2 },
        { role: 'user', mean: 70, n: 2 },
      ]),
    ).toBe(60);
  });

  it('lies between the lowest and highest role mean (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            role: fc.constantFrom('decision_maker', 'user', 'finance', 'x'),
            mean: fc.double({ min: 0, max: 100, noNaN: true }),
            n: fc.integer({ min: 1, max: 9 }),
          }),
          { minLength: 1 },
        ),
        (roles) => {
          const score = roleWeightedScore(roles)!;
          expect(score).toBeGreaterThanOrEqual(Math.min(...roles.map((r) => r.mean)) - 1e-9);
          expect(score).toBeLessThanOrEqual(Math.max(...roles.map((r) => r.mean)) + 1e-9);
        },
      ),
    );
  });
});
