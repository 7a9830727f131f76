import { normalCriticalValue } from './normalDistribution.ts';

/** A proportion with its confidence interval (all on the 0–1 scale). */
export interface ProportionInterval {
  readonly n: number;
  readonly proportion: number;
  readonly confidence: number;
  readonly lower: number;
  readonly upper: number;
}

/** Options of `wilsonInterval`. */
export interface WilsonOptions {
  /** Interval level, default 0.95. */
  readonly confidence?: number;
  /** Apply the continuity correction as R's prop.test(correct = TRUE) does; default false. */
  readonly continuityCorrection?: boolean;
}

/**
 * Wilson score interval for a binomial proportion.
 *
 * Why Wilson: the textbook Wald interval p̂ ± z√(p̂(1−p̂)/n) collapses to zero width at 0 % or
 * 100 % and under-covers for small bases, which are common per touchpoint. Wilson inverts the score
 * test instead, stays inside [0, 1] and keeps close to nominal coverage (Brown, Cai & DasGupta 2001,
 * Statistical Science 16(2)). It is the interval R's prop.test(x, n) reports.
 *
 * Formula: (p̂ + z²/2n ± z√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n). With the continuity correction
 * (prop.test's default) p̂ is first moved 0.5/n outwards for each bound (p̂ + 0.5/n for the upper,
 * p̂ − 0.5/n for the lower), and a bound is 0 or 1 when the moved p̂ leaves (0, 1).
 *
 * @param successes count of successes, 0 ≤ x ≤ n
 * @param n number of trials (> 0)
 * @param options confidence (default 0.95) and continuity correction (default off)
 * @returns the proportion and its interval
 * @example wilsonInterval(30, 100).lower // 0.21894885294932753
 */
export function wilsonInterval(
  successes: number,
  n: number,
  options: WilsonOptions = {},
): ProportionInterval {
  const confidence = options.confidence ?? 0.95;
  return wilsonIntervalWithCorrection(successes, n, confidence, options.continuityCorrection ? 0.5 : 0);
}

/**
 * Wilson interval with an explicit continuity correction `yates` (R's YATES, 0 for none; formula as
 * `wilsonInterval` with 0.5 replaced by `yates`); used by the one-sample test, which caps the
 * correction at |x − n·p₀| like prop.test.
 *
 * @param successes count of successes, 0 ≤ x ≤ n
 * @param n number of trials (> 0)
 * @param confidence interval level
 * @param yates continuity correction in counts (0 to 0.5)
 * @returns the proportion and its interval
 * @example wilsonIntervalWithCorrection(30, 100, 0.95, 0.5).lower // 0.21454256992906126
 */
export function wilsonIntervalWithCorrection(
  successes: number,
  n: number,
  confidence: number,
  yates: number,
): ProportionInterval {
  if (!Number.isInteger(n) || n <= 0)
    throw new RangeError(`a proportion needs a positive count of trials, got ${n}`);
  if (!(successes >= 0 && successes <= n)) {
    throw new RangeError(`successes must lie between 0 and n = ${n}, got ${successes}`);
  }
  const z = normalCriticalValue(confidence);
  const proportion = successes / n;
  const z22n = (z * z) / (2 * n);
  const bound = (shifted: number, sign: 1 | -1): number =>
    (shifted + z22n + sign * z * Math.sqrt((shifted * (1 - shifted)) / n + z22n / (2 * n))) / (1 + 2 * z22n);
  const upperShifted = proportion + yates / n;
  const lowerShifted = proportion - yates / n;
  return {
    n,
    proportion,
    confidence,
    lower: lowerShifted <= 0 ? 0 : bound(lowerShifted, -1),
    upper: upperShifted >= 1 ? 1 : bound(upperShifted, 1),
  };
}
