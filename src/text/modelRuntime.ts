/**
 * A stored language model made ready to score comments, and the scoring itself: the same code path
 * for the engine, the evaluation and the cross-validation inside training.
 */
import { type FeatureSettings, type FeatureTrace, featurize, type SparseVector } from './commentFeatures.ts';
import type { TextLanguage } from './corpus.ts';
import { type LexiconEntry, type LexiconSignal, lexiconFor, lexiconSignals } from './lexiconSignals.ts';
import type { PhraseIndex } from './phraseMatcher.ts';
import { decodeAscending, dequantiseColumns } from './quantise.ts';
import { type LinearWeights, linearScores, logSoftmaxInPlace, softmaxInPlace } from './softmaxRegression.ts';
import { type RowVector, toRows, weighByIdf } from './sparseRows.ts';
import type { Calibration, LanguageClassifiers, LanguageModel, StoredClassifier } from './textModel.ts';
import { type Token, tokenize } from './tokenize.ts';

/** A classifier ready to score. */
export type RuntimeClassifier = LinearWeights & { labels: readonly string[] };

/** A language model ready to score comments. */
export type LanguageRuntime = {
  language: TextLanguage;
  features: FeatureSettings;
  /** Hashed dimension → model row, −1 when dropped. */
  rowOf: Int32Array;
  /** Row → hashed dimension. */
  buckets: Int32Array;
  idf: Float64Array;
  classifiers: Record<keyof LanguageClassifiers, RuntimeClassifier>;
  calibration: Calibration;
  lexicon: PhraseIndex<LexiconEntry>;
  /** γ: how much the polarity experts weigh in the sentiment scores. */
  sentimentPolarityWeight: number;
};

/** What scoring a text yields: its parts, its vectors and the raw (uncalibrated) scores. */
export type TextScores = {
  tokens: Token[];
  signals: LexiconSignal[];
  /** The hashed unit-length feature vector (all dimensions, before the model drops any). */
  vector: SparseVector;
  /** idf-weighted unit vector, input of the softmax classifiers. */
  weighted: RowVector;
  /** Raw feature values, input of naive Bayes. */
  raw: RowVector;
  /** Combined log-scores of the 12 Force × polarity labels (FORCE_LABELS order), before temperature. */
  forceScores: Float64Array;
  /** Sentiment scores (SENTIMENTS order), before temperature. */
  sentimentScores: Float64Array;
};

function compileClassifier(stored: StoredClassifier): RuntimeClassifier {
  return {
    labels: stored.labels,
    weights: dequantiseColumns(stored.weights),
    bias: Float64Array.from(stored.bias),
    l1: stored.l1 ? Float64Array.from(stored.l1) : undefined,
  };
}

/**
 * Decodes a stored language model: the kept dimensions, the idf and the dequantised weights.
 *
 * @param model - the stored model of one language.
 * @param features - the feature settings it was trained with.
 * @param sentimentPolarityWeight - γ of {@link scoreText}.
 * @returns the runtime model.
 * @example compileLanguageModel(model.languages.en, model.settings.features, 0.5).classifiers.joint.labels.length // 12
 */
export function compileLanguageModel(
  model: LanguageModel,
  features: FeatureSettings,
  sentimentPolarityWeight: number,
): LanguageRuntime {
  const buckets = decodeAscending(model.buckets);
  const rowOf = new Int32Array(1 << features.hashBits).fill(-1);
  buckets.forEach((bucket, row) => {
    rowOf[bucket] = row;
  });
  const c = model.classifiers;
  return {
    language: model.language,
    features,
    rowOf,
    buckets,
    idf: dequantiseColumns(model.idf),
    classifiers: {
      joint: compileClassifier(c.joint),
      force: compileClassifier(c.force),
      polarity: compileClassifier(c.polarity),
      sentiment: compileClassifier(c.sentiment),
      forceBayes: compileClassifier(c.forceBayes),
      polarityBayes: compileClassifier(c.polarityBayes),
    },
    calibration: model.calibration,
    lexicon: lexiconFor(model.language),
    sentimentPolarityWeight,
  };
}

function logProbabilities(classifier: RuntimeClassifier, vector: RowVector): Float64Array {
  return logSoftmaxInPlace(linearScores(classifier, vector, new Float64Array(classifier.labels.length)));
}

/**
 * Scores a text. Force × polarity: the sum of five log-probabilities,
 * s(f, p) = log P_joint(f, p) + log P_force(f) + log P_polarity(p) + log NB_force(f) + log NB_polarity(p)
 * (a product of experts; the factored experts share evidence across Forces and polarities).
 * Sentiment: log P_sentiment plus γ · log P(fulfilled) on 'positive' and γ · log P(tension) on
 * 'negative', where P(polarity) ∝ P_polarity · NB_polarity (γ = sentimentPolarityWeight).
 *
 * @param runtime - the language model.
 * @param text - the comment (or one sentence of it).
 * @param trace - when given, filled with where each feature came from ({@link featurize}).
 * @returns tokens, lexicon hits, vectors and raw scores.
 * @example scoreText(runtime, 'Invoices are always wrong').forceScores.length // 12
 */
export function scoreText(runtime: LanguageRuntime, text: string, trace?: FeatureTrace): TextScores {
  const tokens = tokenize(text);
  const signals = lexiconSignals(text, tokens, runtime.lexicon);
  const vector = featurize(text, tokens, runtime.features, signals, trace);
  const raw = toRows(vector, runtime.rowOf);
  const weighted = weighByIdf(raw, runtime.idf);
  const c = runtime.classifiers;
  const joint = logProbabilities(c.joint, weighted);
  const force = logProbabilities(c.force, weighted);
  const polarity = logProbabilities(c.polarity, weighted);
  const forceBayes = logProbabilities(c.forceBayes, raw);
  const polarityBayes = logProbabilities(c.polarityBayes, raw);
  const forceScores = new Float64Array(joint.length);
  for (let k = 0; k < joint.length; k++) {
    const f = k >> 1;
    const p = k & 1;
    forceScores[k] = joint[k] + force[f] + polarity[p] + forceBayes[f] + polarityBayes[p];
  }
  const sentimentScores = combineSentiment(
    logProbabilities(c.sentiment, weighted),
    polarity,
    polarityBayes,
    runtime.sentimentPolarityWeight,
  );
  return { tokens, signals, vector, weighted, raw, forceScores, sentimentScores };
}

/**
 * Calibrated probabilities from scores: softmax(scores / temperature).
 *
 * @param scores - raw scores.
 * @param temperature - the calibration temperature (> 0).
 * @returns the probabilities (a new array).
 * @example calibratedProbabilities(Float64Array.of(0, Math.log(3)), 1) // [0.25, 0.75]
 */
export function calibratedProbabilities(scores: Float64Array, temperature: number): Float64Array {
  return softmaxInPlace(scores.map((score) => score / temperature));
}

function combineSentiment(
  sentiment: Float64Array,
  polarity: Float64Array,
  polarityBayes: Float64Array,
  weight: number,
): Float64Array {
  if (weight === 0) return sentiment;
  const both = logSoftmaxInPlace(
    Float64Array.of(polarity[0] + polarityBayes[0], polarity[1] + polarityBayes[1]),
  );
  sentiment[0] += weight * both[0];
  sentiment[1] += weight * both[1];
  return sentiment;
}

/**
 * The sentiment scores of a text alone (for sentences: cheaper than {@link scoreText}).
 *
 * @param runtime - the language model.
 * @param text - the text.
 * @returns the sentiment scores (SENTIMENTS order) as in {@link scoreText}, before temperature.
 * @example scoreSentiment(runtime, 'Great service.').length // 4
 */
export function scoreSentiment(runtime: LanguageRuntime, text: string): Float64Array {
  const tokens = tokenize(text);
  const signals = lexiconSignals(text, tokens, runtime.lexicon);
  const raw = toRows(featurize(text, tokens, runtime.features, signals), runtime.rowOf);
  const weighted = weighByIdf(raw, runtime.idf);
  const c = runtime.classifiers;
  return combineSentiment(
    logProbabilities(c.sentiment, weighted),
    logProbabilities(c.polarity, weighted),
    logProbabilities(c.polarityBayes, raw),
    runtime.sentimentPolarityWeight,
  );
}
