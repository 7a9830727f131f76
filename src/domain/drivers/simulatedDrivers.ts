import type { RandomSource } from './seededRandom.ts';
import { mulberry32 } from './seededRandom.ts';

/**
 * Simulated survey rows for tests and benchmarks: p independent standard-normal predictors and an
 * outcome Σ coefficients[k]·x_k + noise·ε, all drawn from a seeded stream.
 *
 * Formula: normals by the Box–Muller transform, z = √(−2 ln u₁) · cos(2π u₂).
 *
 * @param rows number of rows
 * @param coefficients one coefficient per predictor
 * @param seed seed of the stream
 * @param noise standard deviation of ε, default 1
 * @returns rows [outcome, x1, …, xp]
 * @example simulatedDriverRows(2, [1], 7).length // 2
 */
export function simulatedDriverRows(
  rows: number,
  coefficients: readonly number[],
  seed: number,
  noise = 1,
): number[][] {
  const random = mulberry32(seed);
  return Array.from({ length: rows }, () => {
    const x = coefficients.map(() => standardNormal(random));
    const outcome =
      x.reduce((sum, value, k) => sum + coefficients[k] * value, 0) + noise * standardNormal(random);
    return [outcome, ...x];
  });
}

/**
 * One standard normal draw (Box–Muller).
 *
 * @example Math.abs(standardNormal(() => 0.5)) // 1.1774100225154747
 */
export function standardNormal(random: RandomSource): number {
  const u1 = 1 - random(); // in (0, 1]: the logarithm stays finite
  const u2 = random();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
