/**
 * Multinomial naive Bayes over sparse feature values, written as a linear model so it scores like
 * the softmax classifiers. Hand-written for the same reason as softmaxRegression.ts, and because
 * it must share that file's row numbering and storage.
 */
import type { LinearWeights } from './softmaxRegression.ts';
import type { RowVector } from './sparseRows.ts';

/**
 * Trains multinomial naive Bayes with additive smoothing α over R rows:
 * θ_kr = (n_kr + α) / (N_k + α·R), where n_kr sums feature values of row r over class k.
 * log P(k | x) ∝ log π_k + Σ_r x_r · log θ_kr, rewritten as
 * bias_k = log π_k, l1_k = log(α / (N_k + α·R)), weight_kr = log(1 + n_kr / α) (0 for unseen rows),
 * so unseen rows cost nothing to store.
 *
 * @param examples - the feature vectors over rows 0…rowCount−1 (non-negative values).
 * @param targets - the label index of each example, 0…K−1.
 * @param K - the number of labels.
 * @param rowCount - R, the number of rows.
 * @param alpha - the smoothing α > 0.
 * @returns the linear form (weights rows × K, bias, l1).
 * @example trainNaiveBayes([{ rows: Int32Array.of(0), values: Float64Array.of(1) }], [0], 2, 1, 1).weights[0] // log(2)
 */
export function trainNaiveBayes(
  examples: readonly RowVector[],
  targets: readonly number[],
  K: number,
  rowCount: number,
  alpha: number,
): LinearWeights {
  const counts = new Float64Array(rowCount * K);
  const totals = new Float64Array(K);
  const documents = new Float64Array(K);
  examples.forEach(({ rows, values }, e) => {
    const k = targets[e];
    documents[k]++;
    for (let i = 0; i < rows.length; i++) {
      counts[rows[i] * K + k] += values[i];
      totals[k] += values[i];
    }
  });
  const weights = new Float64Array(rowCount * K);
  for (let i = 0; i < counts.length; i++) weights[i] = Math.log1p(counts[i] / alpha);
  const bias = Float64Array.from(documents, (n) => Math.log((n + 1) / (examples.length + K)));
  const l1 = Float64Array.from(totals, (total) => Math.log(alpha / (total + alpha * rowCount)));
  return { weights, bias, l1 };
}
