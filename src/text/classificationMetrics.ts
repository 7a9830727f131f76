/**
 * Precision, recall and F1 of a classifier's predictions against the true labels.
 */

/** The scores of one label: counts, precision, recall and F1 (0 when undefined). */
export type LabelScores = {
  label: string;
  support: number;
  predicted: number;
  correct: number;
  precision: number;
  recall: number;
  f1: number;
};

/** Per-label scores, their macro average and the accuracy. */
export type ClassificationReport = {
  labels: LabelScores[];
  macroF1: number;
  accuracy: number;
  count: number;
};

/**
 * Scores predictions against truth for a fixed list of labels.
 *
 * Formulas, per label: precision = correct / predicted, recall = correct / support,
 * F1 = 2PR / (P + R) (0 when P + R = 0); macro-F1 = mean F1 over `labels`; accuracy = correct / n.
 * A prediction outside `labels` (e.g. null) counts as wrong for its true label.
 *
 * @param truth - the true label of each item.
 * @param predicted - the predicted label of each item (same order), or null for no prediction.
 * @param labels - the labels to report, in order.
 * @returns the report.
 * @example classificationReport(['a', 'b'], ['a', 'a'], ['a', 'b']).macroF1 // (2/3 + 0) / 2 = 0.333…
 */
export function classificationReport(
  truth: readonly string[],
  predicted: readonly (string | null)[],
  labels: readonly string[],
): ClassificationReport {
  if (truth.length !== predicted.length) throw new RangeError('truth and predictions differ in length');
  const support = new Map<string, number>();
  const predictedCount = new Map<string, number>();
  const correct = new Map<string, number>();
  let right = 0;
  truth.forEach((label, i) => {
    support.set(label, (support.get(label) ?? 0) + 1);
    const guess = predicted[i];
    if (guess !== null) predictedCount.set(guess, (predictedCount.get(guess) ?? 0) + 1);
    if (guess === label) {
      correct.set(label, (correct.get(label) ?? 0) + 1);
      right++;
    }
  });
  const scores = labels.map((label): LabelScores => {
    const s = support.get(label) ?? 0;
    const p = predictedCount.get(label) ?? 0;
    const c = correct.get(label) ?? 0;
    const precision = p > 0 ? c / p : 0;
    const recall = s > 0 ? c / s : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, support: s, predicted: p, correct: c, precision, recall, f1 };
  });
  const macroF1 = scores.length > 0 ? scores.reduce((sum, s) => sum + s.f1, 0) / scores.length : 0;
  return {
    labels: scores,
    macroF1,
    accuracy: truth.length > 0 ? right / truth.length : 0,
    count: truth.length,
  };
}
