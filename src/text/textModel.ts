/**
 * The trained model of the built-in text engine, as stored in `data/text/model/`: plain JSON, with
 * weights quantised to bytes so that the files stay small and training reproduces them exactly.
 */
import type { FeatureSettings } from './commentFeatures.ts';
import type { TextLanguage } from './corpus.ts';
import type { LanguageProfile } from './languageDetection.ts';
import type { QuantisedColumns } from './quantise.ts';
import type { SoftmaxSettings } from './softmaxRegression.ts';

/** Everything that decides what training produces. */
export type TrainingSettings = {
  features: FeatureSettings;
  softmax: SoftmaxSettings;
  /** γ: weight of the polarity experts in the sentiment scores ({@link scoreText}). */
  sentimentPolarityWeight: number;
  /** Smoothing of the naive Bayes classifiers. */
  naiveBayesAlpha: number;
  /** Character n-grams seen in fewer training comments are dropped (words and lexicon cues are kept). */
  minDocumentFrequency: number;
  /** Folds of the cross-validation on the training split that calibrates the probabilities. */
  calibrationFolds: number;
  /** Share of each language × Force × polarity stratum held out from training. */
  heldOutShare: number;
};

/**
 * The settings the shipped model is trained with, chosen by 5-fold cross-validation on the training
 * split only (`rapport text tune`): among the alternatives tried (epochs 10/25, λ 3e-6/3e-5, η₀ 0.5/2,
 * α 0.003–0.1, block weights, n-gram lengths 3–4/3–6, γ 0/1, a separate negated-word block) none beat these by more than the noise
 * (about ±0.005). Cross-validated with them on the first corpus: macro-F1 0.816 (en) / 0.835 (it),
 * sentiment accuracy 0.876 / 0.861 (the English figures flatter: the lexicons were extended by
 * reading errors of training folds). The held-out split was scored twice, never read comment by
 * comment: once with an earlier lexicon (en 0.791 / 0.842, it 0.847 / 0.875), then with these
 * settings (en 0.802 / 0.833). English sentiment then missed its target, so 866 more English
 * comments were written (the harder kinds above all: praise through negation, sarcasm, polite
 * complaints, contrasts, facts stated neutrally); on the same 5 folds of the comments already in
 * training, adding the new ones raised sentiment accuracy from 0.863 to 0.883 and macro-F1 from
 * 0.812 to 0.839, while order-aware contrast features ("…, but …") gained only noise and were
 * dropped. With the larger corpus: 5-fold macro-F1 0.825 (en) / 0.835 (it), sentiment accuracy
 * 0.870 / 0.861; held out, scored once more (EVALUATION.md).
 */
export const DEFAULT_TRAINING_SETTINGS: TrainingSettings = {
  features: {
    hashBits: 18,
    charMin: 3,
    charMax: 5,
    negationScope: 3,
    weights: { word: 1, bigram: 0.5, char: 1, negated: 0, shape: 0.6, lexicon: 0.7 },
  },
  softmax: { epochs: 15, l2: 1e-5, learningRate: 1, seed: 7 },
  sentimentPolarityWeight: 0.5,
  naiveBayesAlpha: 0.01,
  minDocumentFrequency: 2,
  calibrationFolds: 3,
  heldOutShare: 0.2,
};

/** A stored linear classifier: labels, biases, optional L1 coefficients (naive Bayes) and int8 weights. */
export type StoredClassifier = {
  labels: string[];
  bias: number[];
  l1?: number[];
  weights: QuantisedColumns;
};

/** The classifiers of one language. */
export type LanguageClassifiers = {
  /** Softmax over the 12 Force × polarity labels. */
  joint: StoredClassifier;
  /** Softmax over the 6 Forces. */
  force: StoredClassifier;
  /** Softmax over fulfilled / tension. */
  polarity: StoredClassifier;
  /** Softmax over positive / negative / mixed / neutral. */
  sentiment: StoredClassifier;
  /** Naive Bayes over the 6 Forces. */
  forceBayes: StoredClassifier;
  /** Naive Bayes over fulfilled / tension. */
  polarityBayes: StoredClassifier;
};

/** What cross-validation on the training split chose to turn scores into calibrated probabilities. */
export type Calibration = {
  /** Softmax temperature of the combined Force × polarity scores. */
  forceTemperature: number;
  /** Softmax temperature of the sentiment scores. */
  sentimentTemperature: number;
  /** Added to the log-probabilities of the sentiments before choosing (SENTIMENTS order). */
  sentimentOffsets: number[];
  /**
   * A comment is 'mixed' when one sentence is positive and another negative, each with at least
   * this probability.
   */
  mixedSentenceThreshold: number;
};

/** The model of one language. */
export type LanguageModel = {
  language: TextLanguage;
  trainingComments: number;
  /** The hashed feature dimensions kept, ascending, as base64 delta varints. */
  buckets: string;
  /** Inverse document frequency of each kept dimension (one column). */
  idf: QuantisedColumns;
  classifiers: LanguageClassifiers;
  calibration: Calibration;
  /** Out-of-fold scores of the calibration cross-validation (training split only). */
  crossValidation: { macroF1: number; sentimentAccuracy: number };
};

/** The whole model. */
export type TextModel = {
  format: 'rapport-text-model';
  version: 1;
  settings: TrainingSettings;
  corpus: { comments: number; trainComments: number; heldOutComments: number; fingerprint: string };
  languageProfile: LanguageProfile;
  languages: Record<TextLanguage, LanguageModel>;
};
