import { normalTwoSidedPValue } from './normalDistribution.ts';
import { wilsonIntervalWithCorrection } from './proportionInterval.ts';
import { assertBinomial } from './twoProportionZTest.ts';

/** Options of `oneProportionZTest`. */
export interface OneProportionZTestOptions {
  /** Yates' continuity correction, as prop.test's default; default false. */
  readonly continuityCorrection?: boolean;
  /** Level of the Wilson interval; default 0.95. */
  readonly confidence?: number;
}

/** Result of a two-sided test of p = p₀. */
export interface OneProportionZTestResult {
  readonly proportion: number;
  readonly nullProportion: number;
  readonly z: number;
  /** z², the X-squared prop.test prints. */
  readonly chiSquare: number;
  readonly pValue: number;
  readonly confidence: number;
  /** Wilson score interval (continuity-corrected when the test is), as prop.test. */
  readonly lower: number;
  readonly upper: number;
}

/**
 * Two-sided score test of one proportion against a target p₀ (e.g. a CSAT share against a goal).
 *
 * Formula: z = (x − n·p₀ ∓ YATES) / √(n·p₀(1−p₀)), YATES = min(½, |x − n·p₀|) with the correction
 * and 0 without; X² = z², p = P(|Z| ≥ |z|). The interval is the Wilson interval with the same
 * correction, exactly as R's prop.test(x, n, p = p₀).
 *
 * @param x successes
 * @param n trials
 * @param nullProportion p₀ in (0, 1)
 * @param options continuityCorrection (default false), confidence (default 0.95)
 * @returns z, X², p-value and interval
 * @example oneProportionZTest(30, 100, 0.5).chiSquare // 16
 */
export function oneProportionZTest(
  x: number,
  n: number,
  nullProportion: number,
  options: OneProportionZTestOptions = {},
): OneProportionZTestResult {
  assertBinomial(x, n, 'sample');
  if (!(nullProportion > 0 && nullProportion < 1)) {
    throw new RangeError(`the null proportion must lie strictly between 0 and 1, got ${nullProportion}`);
  }
  const confidence = options.confidence ?? 0.95;
  const expected = n * nullProportion;
  const yates = options.continuityCorrection ? Math.min(0.5, Math.abs(x - expected)) : 0;
  const deviation = x - expected;
  const z =
    (Math.sign(deviation) * (Math.abs(deviation) - yates)) / Math.sqrt(expected * (1 - nullProportion)) || 0;
  const interval = wilsonIntervalWithCorrection(x, n, confidence, yates);
  return {
    proportion: x / n,
    nullProportion,
    z,
    chiSquare: z * z,
    pValue: normalTwoSidedPValue(z),
    confidence,
    lower: interval.lower,
    upper: interval.upper,
  };
}
