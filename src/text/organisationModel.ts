/**
 * An organisation's own model: the built-in engine retrained on the base corpus's training split
 * plus the organisation's corrections, each correction counted `weight` times so that a few dozen
 * of them move the classifiers. Pure (no I/O) and deterministic.
 *
 * Only the languages the corrections are in are retrained; the other keeps the base model's weights.
 * Calibration (temperatures, sentiment rule) is the base model's: refitting it needs a
 * cross-validation of the whole training split, three times the cost, for little change when a small
 * share of the comments is added.
 *
 * Evaluation, per label: k-fold cross-validation over the corrections (each fold's corrections are
 * predicted by a model trained without them), and the base held-out split (which no model sees).
 */

import type { ForceKey } from '../domain/forces/index.ts';
import { createBuiltInEngine } from './builtInEngine.ts';
import { type ClassificationReport, classificationReport } from './classificationMetrics.ts';
import {
  type CorpusRecord,
  FORCE_LABELS,
  forceLabel,
  type Polarity,
  SENTIMENTS,
  type Sentiment,
  TEXT_LANGUAGES,
  type TextLanguage,
} from './corpus.ts';
import { evaluateEngine } from './evaluate.ts';
import { heldOutSplit } from './split.ts';
import type { TextModel } from './textModel.ts';
import { trainLanguageModel } from './trainModel.ts';

/** One corrected comment, as training sees it. */
export type CorrectionExample = {
  text: string;
  language: TextLanguage;
  force: ForceKey;
  polarity: Polarity;
  sentiment: Sentiment;
};

/** Options of the training. */
export type OrganisationModelOptions = {
  /** How many times each correction counts (default 5). */
  weight?: number;
  /** Folds of the cross-validation over the corrections (default 3; fewer when there are fewer). */
  folds?: number;
};

/** How the organisation's model scores, per label. */
export type OrganisationModelEvaluation = {
  corrections: number;
  weight: number;
  /** Out-of-fold over the corrections (null with fewer than 2 corrections). */
  crossValidated: { folds: number; force: ClassificationReport; sentiment: ClassificationReport } | null;
  /** On the base held-out split, per language: macro-F1 and sentiment accuracy with per-label scores. */
  heldOut: { language: TextLanguage; force: ClassificationReport; sentiment: ClassificationReport }[];
};

function asRecord(example: CorrectionExample): CorpusRecord {
  return { ...example, industry: 'organisation', register: 'correction' };
}

function retrain(
  base: TextModel,
  train: readonly CorpusRecord[],
  examples: readonly CorrectionExample[],
  weight: number,
): TextModel {
  const languages = { ...base.languages };
  for (const language of TEXT_LANGUAGES) {
    const own = examples.filter((e) => e.language === language);
    if (own.length === 0) continue;
    const records = train.filter((r) => r.language === language);
    for (const example of own) for (let i = 0; i < weight; i++) records.push(asRecord(example));
    const trained = trainLanguageModel(records, language, base.settings);
    languages[language] = {
      ...trained,
      calibration: base.languages[language].calibration,
      crossValidation: base.languages[language].crossValidation,
    };
  }
  return { ...base, languages };
}

/**
 * Trains an organisation's model and evaluates it.
 *
 * @param base - the base model (its settings and calibration are reused).
 * @param corpus - the whole labelled corpus (its held-out split is set aside here, as in training).
 * @param examples - the organisation's corrections, in a stable order.
 * @param options - weight and folds.
 * @returns the model and its evaluation.
 * @example trainOrganisationModel(loadModel(), readCorpus(), corrections).evaluation.corrections // corrections.length
 */
export function trainOrganisationModel(
  base: TextModel,
  corpus: readonly CorpusRecord[],
  examples: readonly CorrectionExample[],
  options: OrganisationModelOptions = {},
): { model: TextModel; evaluation: OrganisationModelEvaluation } {
  const weight = options.weight ?? 5;
  const { train, heldOut } = heldOutSplit(corpus, base.settings.heldOutShare);
  const model = retrain(base, train, examples, weight);

  let crossValidated: OrganisationModelEvaluation['crossValidated'] = null;
  const folds = Math.min(options.folds ?? 3, examples.length);
  if (folds >= 2) {
    const forceTruth: string[] = [];
    const forcePredicted: (string | null)[] = [];
    const sentimentTruth: string[] = [];
    const sentimentPredicted: string[] = [];
    for (let fold = 0; fold < folds; fold++) {
      const engine = createBuiltInEngine(
        retrain(
          base,
          train,
          examples.filter((_, i) => i % folds !== fold),
          weight,
        ),
        { codeframe: null },
      );
      examples.forEach((example, i) => {
        if (i % folds !== fold) return;
        const analysis = engine.analyze(example.text, { language: example.language });
        forceTruth.push(forceLabel(example));
        forcePredicted.push(
          analysis.force && analysis.polarity ? `${analysis.force}:${analysis.polarity}` : null,
        );
        sentimentTruth.push(example.sentiment);
        sentimentPredicted.push(analysis.sentiment.label);
      });
    }
    crossValidated = {
      folds,
      force: classificationReport(forceTruth, forcePredicted, FORCE_LABELS),
      sentiment: classificationReport(sentimentTruth, sentimentPredicted, SENTIMENTS),
    };
  }
  const heldOutEvaluation = evaluateEngine(createBuiltInEngine(model, { codeframe: null }), heldOut);
  return {
    model,
    evaluation: {
      corrections: examples.length,
      weight,
      crossValidated,
      heldOut: heldOutEvaluation.languages.map((l) => ({
        language: l.language,
        force: l.force,
        sentiment: l.sentiment,
      })),
    },
  };
}
