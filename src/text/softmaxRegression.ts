/**
 * Multinomial logistic (softmax) regression over sparse features, trained by stochastic gradient
 * descent. Hand-written: the npm packages (ml-logistic-regression and kin) train one-vs-rest over
 * dense matrices and are not seeded, which neither a hashed feature space nor byte-for-byte
 * reproducible training fits.
 */
import { mulberry32 } from '../domain/drivers/index.ts';
import type { RowVector } from './sparseRows.ts';

/** How a softmax classifier is trained. */
export type SoftmaxSettings = {
  /** Passes over the training examples. */
  epochs: number;
  /** L2 penalty λ per example (the loss is mean cross-entropy + λ/2 · ‖W‖²). */
  l2: number;
  /** Initial step size η₀; step t uses η₀ / (1 + η₀ · λ · t). */
  learningRate: number;
  /** Seed of the example order in each pass. */
  seed: number;
};

/** Linear class scores z_k = bias_k + Σ_r x_r · weights[r · K + k] (+ l1_k · Σ_r x_r when l1 is set). */
export type LinearWeights = { weights: Float64Array; bias: Float64Array; l1?: Float64Array };

/**
 * Trains a softmax regression by SGD with L2 weight decay (Bottou's scaled-weight form, so decay costs
 * O(1) per step): for each example x with label y, p = softmax(W·x + b), then
 * W ← (1 − ηλ)·W − η·(p − e_y)·xᵀ and b ← b − η·(p − e_y). The example order of each pass is a
 * seeded Fisher–Yates shuffle, so training is deterministic.
 *
 * @param examples - the feature vectors over rows 0…rowCount−1.
 * @param targets - the label index of each example, 0…K−1.
 * @param K - the number of labels.
 * @param rowCount - the number of rows.
 * @param settings - epochs, λ, η₀, seed.
 * @returns the weights (rowCount × K, row-major) and biases.
 * @example trainSoftmax([{ rows: Int32Array.of(0), values: Float64Array.of(1) }], [1], 2, 1, settings).weights[1] > 0 // true
 */
export function trainSoftmax(
  examples: readonly RowVector[],
  targets: readonly number[],
  K: number,
  rowCount: number,
  settings: SoftmaxSettings,
): LinearWeights {
  const weights = new Float64Array(rowCount * K);
  const bias = new Float64Array(K);
  const gradient = new Float64Array(K);
  const order = examples.map((_, i) => i);
  const random = mulberry32(settings.seed);
  const { l2, learningRate } = settings;
  let scale = 1;
  let step = 0;

  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    for (const e of order) {
      const { rows, values } = examples[e];
      const eta = learningRate / (1 + learningRate * l2 * step);
      step++;
      for (let k = 0; k < K; k++) gradient[k] = bias[k];
      for (let i = 0; i < rows.length; i++) {
        const base = rows[i] * K;
        const x = values[i] * scale;
        for (let k = 0; k < K; k++) gradient[k] += weights[base + k] * x;
      }
      softmaxInPlace(gradient);
      gradient[targets[e]] -= 1;
      scale *= 1 - eta * l2;
      const factor = eta / scale;
      for (let i = 0; i < rows.length; i++) {
        const base = rows[i] * K;
        const x = values[i] * factor;
        for (let k = 0; k < K; k++) weights[base + k] -= gradient[k] * x;
      }
      for (let k = 0; k < K; k++) bias[k] -= eta * gradient[k];
      if (scale < 1e-6) {
        for (let i = 0; i < weights.length; i++) weights[i] *= scale;
        scale = 1;
      }
    }
  }
  for (let i = 0; i < weights.length; i++) weights[i] *= scale;
  return { weights, bias };
}

/**
 * Turns scores into probabilities, in place: p_k = exp(z_k − max z) / Σ_j exp(z_j − max z).
 *
 * @param scores - the scores; overwritten with the probabilities.
 * @returns `scores`, now summing to 1.
 * @example softmaxInPlace(Float64Array.of(0, 0)) // [0.5, 0.5]
 */
export function softmaxInPlace(scores: Float64Array): Float64Array {
  let max = -Infinity;
  for (const score of scores) if (score > max) max = score;
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    scores[k] = Math.exp(scores[k] - max);
    sum += scores[k];
  }
  for (let k = 0; k < scores.length; k++) scores[k] /= sum;
  return scores;
}

/**
 * Log-probabilities from scores, in place: log p_k = z_k − max z − log Σ_j exp(z_j − max z).
 *
 * @param scores - the scores; overwritten.
 * @returns `scores`, now log-probabilities.
 * @example logSoftmaxInPlace(Float64Array.of(0, 0)) // [−0.693…, −0.693…]
 */
export function logSoftmaxInPlace(scores: Float64Array): Float64Array {
  let max = -Infinity;
  for (const score of scores) if (score > max) max = score;
  let sum = 0;
  for (const score of scores) sum += Math.exp(score - max);
  const log = max + Math.log(sum);
  for (let k = 0; k < scores.length; k++) scores[k] -= log;
  return scores;
}

/**
 * Class scores of a linear model: z_k = bias_k + l1_k · Σ_i x_i + Σ_i x_i · W[row_i, k].
 *
 * @param model - weights (rows × K), biases and optional per-class L1 coefficients.
 * @param vector - the features over rows.
 * @param out - where to write the K scores.
 * @returns `out`.
 * @example linearScores({ weights: Float64Array.of(1, -1), bias: Float64Array.of(0, 0) }, { rows: Int32Array.of(0), values: Float64Array.of(2) }, new Float64Array(2)) // [2, −2]
 */
export function linearScores(model: LinearWeights, vector: RowVector, out: Float64Array): Float64Array {
  const K = out.length;
  const { weights, bias, l1 } = model;
  for (let k = 0; k < K; k++) out[k] = bias[k];
  const { rows, values } = vector;
  let total = 0;
  for (let i = 0; i < rows.length; i++) {
    const base = rows[i] * K;
    const x = values[i];
    total += x;
    for (let k = 0; k < K; k++) out[k] += weights[base + k] * x;
  }
  if (l1) for (let k = 0; k < K; k++) out[k] += l1[k] * total;
  return out;
}
