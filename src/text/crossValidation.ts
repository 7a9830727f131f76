/**
 * k-fold cross-validation of training settings on the training split: how settings are chosen
 * without ever looking at the held-out comments.
 */
import { classificationReport } from './classificationMetrics.ts';
import { predictComment } from './commentPrediction.ts';
import {
  type CorpusRecord,
  FORCE_LABELS,
  forceLabel,
  SENTIMENTS,
  TEXT_LANGUAGES,
  type TextLanguage,
} from './corpus.ts';
import { compileLanguageModel, scoreText } from './modelRuntime.ts';
import { heldOutSplit } from './split.ts';
import type { TrainingSettings } from './textModel.ts';
import { calibrate, trainLanguageModel } from './trainModel.ts';

/** Cross-validated scores of one language. */
export type CrossValidationScores = { language: TextLanguage; macroF1: number; sentimentAccuracy: number };

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/**
 * Cross-validates settings: per language, comment i of the training split goes to fold i mod k; each
 * fold is predicted by a model trained on the other folds. Uncalibrated (fast, for comparing
 * settings): the most likely label of the raw scores. Calibrated: the whole training procedure,
 * calibration included, runs inside each fold, and predictions are the engine's.
 *
 * @param corpus - the whole corpus (the held-out split is removed here first).
 * @param settings - the settings to score.
 * @param folds - k (default 5).
 * @param calibrated - run the calibration inside each fold (default false).
 * @returns macro-F1 over the 12 Force × polarity labels and sentiment accuracy, per language.
 * @example crossValidate(readCorpus(), DEFAULT_TRAINING_SETTINGS)[0].language // 'en'
 */
export function crossValidate(
  corpus: readonly CorpusRecord[],
  settings: TrainingSettings,
  folds = 5,
  calibrated = false,
): CrossValidationScores[] {
  const { train } = heldOutSplit(corpus, settings.heldOutShare);
  return TEXT_LANGUAGES.map((language) => {
    const records = train.filter((r) => r.language === language);
    const truth: string[] = [];
    const predicted: string[] = [];
    let sentimentRight = 0;
    for (let fold = 0; fold < folds; fold++) {
      const foldTrain = records.filter((_, i) => i % folds !== fold);
      const model = trainLanguageModel(foldTrain, language, settings);
      if (calibrated) model.calibration = calibrate(foldTrain, language, settings).calibration;
      const runtime = compileLanguageModel(model, settings.features, settings.sentimentPolarityWeight);
      records.forEach((record, i) => {
        if (i % folds !== fold) return;
        truth.push(forceLabel(record));
        if (calibrated) {
          const prediction = predictComment(runtime, record.text);
          predicted.push(FORCE_LABELS[argmax(prediction.forceProbabilities)]);
          if (SENTIMENTS[prediction.sentiment] === record.sentiment) sentimentRight++;
        } else {
          const scores = scoreText(runtime, record.text);
          predicted.push(FORCE_LABELS[argmax(scores.forceScores)]);
          if (SENTIMENTS[argmax(scores.sentimentScores)] === record.sentiment) sentimentRight++;
        }
      });
    }
    return {
      language,
      macroF1: classificationReport(truth, predicted, FORCE_LABELS).macroF1,
      sentimentAccuracy: sentimentRight / records.length,
    };
  });
}
