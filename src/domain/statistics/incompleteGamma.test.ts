import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { regularizedLowerGamma, regularizedUpperGamma } from './incompleteGamma.ts';

// For integer a: Q(a, x) = e^−x Σ_{k<a} x^k / k! (Poisson tail), an independent closed form.
const upperIntegerGamma = (a: number, x: number): number => {
  let term = 1;
  let sum = 1;
  for (let k = 1; k < a; k++) {
    term *= x / k;
    sum += term;
  }
  return Math.exp(-x) * sum;
};

describe('regularized incomplete gamma', () => {
  it('matches the Poisson closed form for integer shapes, relatively, also deep in the tail', () => {
    for (const a of [1, 2, 5, 10]) {
      for (const x of [0.1, 1, 3, 10, 40, 100]) {
        const expected = upperIntegerGamma(a, x);
        expect(Math.abs(regularizedUpperGamma(a, x) - expected) / expected).toBeLessThan(1e-12);
      }
    }
  });

  it('has P + Q = 1 and P increasing in x', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 80, noNaN: true }),
        (a, x) => {
          expect(regularizedLowerGamma(a, x) + regularizedUpperGamma(a, x)).toBeCloseTo(1, 12);
          expect(regularizedLowerGamma(a, x + 0.5)).toBeGreaterThanOrEqual(
            regularizedLowerGamma(a, x) - 1e-15,
          );
        },
      ),
    );
  });

  it('handles the end points and rejects bad arguments', () => {
    expect(regularizedUpperGamma(2, 0)).toBe(1);
    expect(regularizedLowerGamma(2, 0)).toBe(0);
    expect(regularizedUpperGamma(2, Number.POSITIVE_INFINITY)).toBe(0);
    expect(() => regularizedUpperGamma(0, 1)).toThrow(RangeError);
    expect(() => regularizedUpperGamma(1, -1)).toThrow(RangeError);
  });
});
