import { normalCriticalValue, normalTwoSidedPValue } from './normalDistribution.ts';

/** Options of `twoProportionZTest`. */
export interface TwoProportionZTestOptions {
  /** Pooled standard error under H₀ (p₁ = p₂), as prop.test and the chi-square test; default true. */
  readonly pooled?: boolean;
  /** Yates' continuity correction, as prop.test's default; default false. */
  readonly continuityCorrection?: boolean;
  /** Level of the interval for p₁ − p₂; default 0.95. */
  readonly confidence?: number;
}

/** Result of a two-sided test of p₁ = p₂. */
export interface TwoProportionZTestResult {
  readonly proportion1: number;
  readonly proportion2: number;
  /** p₁ − p₂ */
  readonly difference: number;
  /** Standard error used by the statistic (pooled or unpooled). */
  readonly standardError: number;
  readonly z: number;
  /** z², the X-squared prop.test prints. */
  readonly chiSquare: number;
  readonly pValue: number;
  readonly confidence: number;
  /** Wald interval of p₁ − p₂ with unpooled SE, widened by the correction when applied (as prop.test). */
  readonly lower: number;
  readonly upper: number;
}

/**
 * Two-sided z-test for the difference of two independent proportions (e.g. a segment's top-two-box
 * share against another's).
 *
 * Formula: z = (p̂₁ − p̂₂ ∓ cc) / SE, with
 * - pooled SE = √(p̄(1−p̄)(1/n₁ + 1/n₂)), p̄ = (x₁+x₂)/(n₁+n₂); unpooled SE = √(p̂₁q̂₁/n₁ + p̂₂q̂₂/n₂);
 * - continuity correction cc = YATES·(1/n₁ + 1/n₂), YATES = min(½, |p̂₁−p̂₂| / (1/n₁ + 1/n₂)), which
 *   shrinks |p̂₁ − p̂₂| towards 0 and never past it (R's prop.test).
 * p = P(|Z| ≥ |z|). The pooled test equals Pearson's chi-square on the 2×2 table: X² = z².
 * Interval (as prop.test, whatever the SE of the test): p̂₁ − p̂₂ ± (z_{(1+c)/2} · SE_unpooled + cc),
 * clipped to [−1, 1].
 *
 * @param x1 successes in group 1
 * @param n1 size of group 1
 * @param x2 successes in group 2
 * @param n2 size of group 2
 * @param options pooled (default true), continuityCorrection (default false), confidence (0.95)
 * @returns proportions, difference, z, X², p-value and interval
 * @example twoProportionZTest(30, 100, 50, 100).chiSquare // 8.333333333333336
 */
export function twoProportionZTest(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  options: TwoProportionZTestOptions = {},
): TwoProportionZTestResult {
  assertBinomial(x1, n1, 'group 1');
  assertBinomial(x2, n2, 'group 2');
  const pooled = options.pooled ?? true;
  const confidence = options.confidence ?? 0.95;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const difference = p1 - p2;
  const inverseSizes = 1 / n1 + 1 / n2;
  const yates = options.continuityCorrection ? Math.min(0.5, Math.abs(difference) / inverseSizes) : 0;
  const correction = yates * inverseSizes;
  const unpooledSe = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const pooledP = (x1 + x2) / (n1 + n2);
  const standardError = pooled ? Math.sqrt(pooledP * (1 - pooledP) * inverseSizes) : unpooledSe;
  if (standardError === 0) {
    throw new RangeError('the z-test is undefined when both groups are all successes or all failures');
  }
  // A correction that uses up the whole difference leaves z = 0 (not −0).
  const z = (Math.sign(difference) * (Math.abs(difference) - correction)) / standardError || 0;
  const halfWidth = normalCriticalValue(confidence) * unpooledSe + correction;
  return {
    proportion1: p1,
    proportion2: p2,
    difference,
    standardError,
    z,
    chiSquare: z * z,
    pValue: normalTwoSidedPValue(z),
    confidence,
    lower: Math.max(-1, difference - halfWidth),
    upper: Math.min(1, difference + halfWidth),
  };
}

/**
 * Throws a RangeError unless x is an integer count of successes among n > 0 trials.
 *
 * @example assertBinomial(11, 10, 'group 1') // throws RangeError: group 1: successes must be an integer from 0 to 10, got 11
 */
export function assertBinomial(x: number, n: number, label: string): void {
  if (!Number.isInteger(n) || n <= 0)
    throw new RangeError(`${label}: size must be a positive integer, got ${n}`);
  if (!Number.isInteger(x) || x < 0 || x > n) {
    throw new RangeError(`${label}: successes must be an integer from 0 to ${n}, got ${x}`);
  }
}
