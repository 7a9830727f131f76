import { logBeta } from './logGamma.ts';

const EPSILON = Number.EPSILON;
const TINY = 1e-300;
const MAX_ITERATIONS = 100_000;

/**
 * Regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b).
 *
 * Formula: I_x(a, b) = x^a (1−x)^b / (a B(a, b)) · CF(x; a, b), with the continued fraction CF
 * evaluated by the modified Lentz method (Press et al., Numerical Recipes §6.4); when
 * x > (a+1)/(a+b+2) the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) keeps the fraction fast. The
 * fraction runs to machine precision (jstat stops at 3e-7, too coarse for published p-values).
 *
 * @param x point in [0, 1]
 * @param a positive shape
 * @param b positive shape
 * @param complement 1 − x, when the caller knows it more precisely than 1 − x rounds to
 * @returns I_x(a, b) in [0, 1]
 * @example regularizedIncompleteBeta(0.5, 2, 3) // 0.6875000000000007 (exactly 11/16)
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number, complement = 1 - x): number {
  if (!(a > 0) || !(b > 0)) throw new RangeError(`incomplete beta needs positive shapes, got ${a}, ${b}`);
  if (!(x >= 0 && x <= 1)) throw new RangeError(`incomplete beta needs x in [0, 1], got ${x}`);
  if (x === 0) return 0;
  if (complement === 0) return 1;
  const logPrefix = a * Math.log(x) + b * Math.log(complement) - logBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logPrefix) * continuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(logPrefix) * continuedFraction(complement, b, a)) / b;
}

function continuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) return h;
  }
  throw new Error(`incomplete beta continued fraction did not converge for x=${x}, a=${a}, b=${b}`);
}
