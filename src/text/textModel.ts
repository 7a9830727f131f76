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
 * (about ±0.005). Cross-validated with them: macro-F1 0.816 (en) / 0.835 (it), sentiment accuracy
 * 0.876 / 0.861 (the English figures flatter: the lexicons were extended by reading errors of
 * training folds). The held-out split was scored twice, never read comment by comment: once with an
 * earlier lexicon (en 0.791 / 0.842, it 0.847 / 0.875), then with these settings (EVALUATION.md).
 *
 * English sentiment misses its target on the held-out split (0.833 < 0.85). Tried since, judged by
 * calibrated 5-fold cross-validation on the English training split (0.876 with these settings), none
 * kept: a naive Bayes sentiment expert added to the sentiment scores (β 0.5: 0.864, β 1: 0.858);
 * γ 1 (0.876); λ 3e-5 (0.876); 30 epochs (0.877); lexicon weight 1.2 (0.873); char weight 0.6
 * (0.878); 240 newly written neutral and mixed comments added to training (0.875 on the original
 * comments: the weak classes did not improve). The learning curve is steep (50% of the training split:
 * 0.832, 75%: 0.856), so more varied comments of every kind, not more of the rare classes, is the
 * likely way forward.
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
