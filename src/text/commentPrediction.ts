/**
 * The calibrated prediction for one comment, shared by the engine, training's calibration and the
 * cross-validation: Force × polarity probabilities, and the sentiment with its sentence-level rule.
 */

import type { FeatureTrace } from './commentFeatures.ts';
import { SENTIMENTS } from './corpus.ts';
import {
  calibratedProbabilities,
  type LanguageRuntime,
  scoreSentiment,
  scoreText,
  type TextScores,
} from './modelRuntime.ts';
import { type SentenceSpan, splitSentences } from './sentences.ts';
import type { Calibration } from './textModel.ts';

/** A comment's calibrated prediction. */
export type CommentPrediction = {
  scores: TextScores;
  /** P(Force × polarity), FORCE_LABELS order. */
  forceProbabilities: Float64Array;
  /** P(sentiment) of the whole comment, SENTIMENTS order. */
  sentimentProbabilities: Float64Array;
  sentences: SentenceSpan[];
  /** P(sentiment) of each sentence (the comment's own when it has one sentence). */
  sentenceProbabilities: Float64Array[];
  /** The decided sentiment, an index in SENTIMENTS ({@link decideSentiment}). */
  sentiment: number;
};

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/**
 * The comment's sentiment: argmax_k (log P_k + offset_k), except 'mixed' when at least two sentences
 * disagree, one positive and one negative, each with probability ≥ the calibrated threshold.
 *
 * @param probabilities - the comment's calibrated sentiment probabilities (SENTIMENTS order).
 * @param sentences - each sentence's calibrated probabilities (one entry = a single sentence).
 * @param calibration - the offsets and the threshold.
 * @returns an index in SENTIMENTS.
 * @example decideSentiment(Float64Array.of(0.6, 0.3, 0.05, 0.05), [Float64Array.of(0.9, 0.1, 0, 0), Float64Array.of(0.1, 0.9, 0, 0)], { sentimentOffsets: [0, 0, 0, 0], mixedSentenceThreshold: 0.8 }) // 2 (mixed)
 */
export function decideSentiment(
  probabilities: Float64Array,
  sentences: readonly Float64Array[],
  calibration: Pick<Calibration, 'sentimentOffsets' | 'mixedSentenceThreshold'>,
): number {
  const threshold = calibration.mixedSentenceThreshold;
  if (sentences.length > 1) {
    const positive = sentences.some((p) => p[0] >= threshold);
    const negative = sentences.some((p) => p[1] >= threshold);
    if (positive && negative) return SENTIMENTS.indexOf('mixed');
  }
  return argmax(Array.from(probabilities, (p, k) => Math.log(p) + calibration.sentimentOffsets[k]));
}

/**
 * Predicts one comment with a language model and its calibration.
 *
 * @param runtime - the language model.
 * @param text - the comment.
 * @param trace - when given, filled with where each feature came from (for spans).
 * @returns the prediction.
 * @example predictComment(runtime, 'Invoices always wrong.').forceProbabilities.length // 12
 */
export function predictComment(
  runtime: LanguageRuntime,
  text: string,
  trace?: FeatureTrace,
): CommentPrediction {
  const { calibration } = runtime;
  const scores = scoreText(runtime, text, trace);
  const forceProbabilities = calibratedProbabilities(scores.forceScores, calibration.forceTemperature);
  const sentimentProbabilities = calibratedProbabilities(
    scores.sentimentScores,
    calibration.sentimentTemperature,
  );
  const sentences = splitSentences(text, runtime.language);
  const sentenceProbabilities =
    sentences.length > 1
      ? sentences.map((s) =>
          calibratedProbabilities(scoreSentiment(runtime, s.text), calibration.sentimentTemperature),
        )
      : [sentimentProbabilities];
  return {
    scores,
    forceProbabilities,
    sentimentProbabilities,
    sentences,
    sentenceProbabilities,
    sentiment: decideSentiment(sentimentProbabilities, sentenceProbabilities, calibration),
  };
}
