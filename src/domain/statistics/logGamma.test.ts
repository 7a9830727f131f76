import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logBeta, logGamma } from './logGamma.ts';

const logFactorial = (n: number): number => {
  let sum = 0;
  for (let k = 2; k <= n; k++) sum += Math.log(k);
  return sum;
};

describe('logGamma', () => {
  it('equals ln((x − 1)!) at integers', () => {
    for (const x of [1, 2, 3, 5, 10, 20, 100, 171]) {
      expect(logGamma(x)).toBeCloseTo(logFactorial(x - 1), 11);
    }
  });

  it('gives Γ(½) = √π and Γ(¼) = 3.625609908221908 (through the reflection formula)', () => {
    expect(Math.exp(logGamma(0.5))).toBeCloseTo(Math.sqrt(Math.PI), 14);
    expect(Math.exp(logGamma(0.25))).toBeCloseTo(3.625609908221908, 13);
  });

  it('satisfies Γ(x + 1) = x Γ(x)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 300, noNaN: true }), (x) => {
        expect(logGamma(x + 1) - logGamma(x)).toBeCloseTo(Math.log(x), 9);
      }),
    );
  });

  it('rejects non-positive arguments', () => {
    expect(() => logGamma(0)).toThrow(RangeError);
    expect(() => logGamma(-1)).toThrow(RangeError);
  });
});

describe('logBeta', () => {
  it('is ln(a! b! / (a + b + 1)!) for integers, and ln π at (½, ½)', () => {
    expect(logBeta(3, 4)).toBeCloseTo(logFactorial(2) + logFactorial(3) - logFactorial(6), 13);
    expect(logBeta(0.5, 0.5)).toBeCloseTo(Math.log(Math.PI), 14);
  });
});
