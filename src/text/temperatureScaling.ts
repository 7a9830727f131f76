/**
 * Temperature scaling: the one-parameter calibration that turns classifier scores into probabilities
 * that mean what they say (of the comments given 0.8, about 80% are right).
 */
import { logSoftmaxInPlace } from './softmaxRegression.ts';

/**
 * Mean negative log-likelihood of the true labels under softmax(scores / T).
 *
 * @param scores - one score vector per item.
 * @param truth - the true label index of each item.
 * @param temperature - T > 0.
 * @returns −(1/n) Σ log softmax(scores_i / T)[truth_i].
 * @example meanNegativeLogLikelihood([Float64Array.of(0, 0)], [0], 1) // log 2 = 0.693…
 */
export function meanNegativeLogLikelihood(
  scores: readonly Float64Array[],
  truth: readonly number[],
  temperature: number,
): number {
  let total = 0;
  scores.forEach((row, i) => {
    total -= logSoftmaxInPlace(row.map((s) => s / temperature))[truth[i]];
  });
  return total / Math.max(1, scores.length);
}

/**
 * The temperature that minimises the mean negative log-likelihood, by golden-section search on
 * log T over [1/20, 20] (the likelihood is unimodal in T), rounded to 4 significant digits.
 *
 * @param scores - out-of-fold score vectors.
 * @param truth - their true label indices.
 * @returns the fitted temperature.
 * @example fitTemperature([Float64Array.of(4, 0), Float64Array.of(0, 4), Float64Array.of(4, 0)], [0, 1, 1]) > 1 // true: over-confident scores are softened
 */
export function fitTemperature(scores: readonly Float64Array[], truth: readonly number[]): number {
  const loss = (logT: number) => meanNegativeLogLikelihood(scores, truth, Math.exp(logT));
  const ratio = (Math.sqrt(5) - 1) / 2;
  let low = Math.log(1 / 20);
  let high = Math.log(20);
  let a = high - ratio * (high - low);
  let b = low + ratio * (high - low);
  let lossA = loss(a);
  let lossB = loss(b);
  for (let i = 0; i < 60; i++) {
    if (lossA <= lossB) {
      high = b;
      b = a;
      lossB = lossA;
      a = high - ratio * (high - low);
      lossA = loss(a);
    } else {
      low = a;
      a = b;
      lossA = lossB;
      b = low + ratio * (high - low);
      lossB = loss(b);
    }
  }
  return Number(Math.exp((low + high) / 2).toPrecision(4));
}
