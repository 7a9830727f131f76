import { describe, expect, it } from 'vitest';
import { createBuiltInEngine } from './builtInEngine.ts';
import { classificationReport } from './classificationMetrics.ts';
import { readCorpus } from './corpusFiles.ts';
import { evaluateEngine, formatEvaluationMarkdown, TEXT_TARGETS } from './evaluate.ts';
import { createProfileDetector } from './languageDetection.ts';
import { loadModel } from './modelFiles.ts';
import { heldOutSplit } from './split.ts';

const model = loadModel();
const { heldOut } = heldOutSplit(readCorpus(), model.settings.heldOutShare);
const evaluation = evaluateEngine(
  createBuiltInEngine(model),
  heldOut,
  createProfileDetector(model.languageProfile),
);

/**
 * The floors below which a change must not push the held-out scores: the shipped model's figures
 * (EVALUATION.md) cut to three decimals, all at or above the product targets, and the held-out size
 * of each language.
 */
const FLOORS = {
  en: { comments: 654, macroF1: 0.822, sentimentAccuracy: 0.869 },
  it: { comments: 480, macroF1: 0.849, sentimentAccuracy: 0.864 },
} as const;

describe('held-out evaluation (the guard: fails when a change lowers the scores)', () => {
  for (const language of ['en', 'it'] as const) {
    const scores = evaluation.languages.find((l) => l.language === language)!;
    const floors = FLOORS[language];
    it(`${language}: the floors are at or above the product targets`, () => {
      expect(floors.macroF1).toBeGreaterThanOrEqual(TEXT_TARGETS.macroF1);
      expect(floors.sentimentAccuracy).toBeGreaterThanOrEqual(TEXT_TARGETS.sentimentAccuracy);
    });
    it(`${language}: macro-F1 over the 12 Force × polarity labels ≥ ${floors.macroF1}`, () => {
      expect(scores.comments).toBe(floors.comments);
      expect(scores.force.macroF1).toBeGreaterThanOrEqual(floors.macroF1);
    });
    it(`${language}: sentiment accuracy ≥ ${floors.sentimentAccuracy}`, () => {
      expect(scores.sentiment.accuracy).toBeGreaterThanOrEqual(floors.sentimentAccuracy);
    });
  }

  it('matches the committed EVALUATION.md (regenerate with rapport text evaluate --write)', async () => {
    const { readFileSync } = await import('node:fs');
    const markdown = formatEvaluationMarkdown(evaluation, {
      corpusFingerprint: model.corpus.fingerprint,
      trainComments: model.corpus.trainComments,
      heldOutComments: heldOut.length,
      crossValidation: { en: model.languages.en.crossValidation, it: model.languages.it.crossValidation },
    });
    expect(markdown).toBe(readFileSync(new URL('./EVALUATION.md', import.meta.url), 'utf8'));
  });
});

describe('classificationReport', () => {
  it('computes precision, recall and F1 per label, counting a missing prediction as wrong', () => {
    const report = classificationReport(['a', 'a', 'b', 'b'], ['a', 'b', 'b', null], ['a', 'b']);
    expect(report.labels[0]).toMatchObject({ precision: 1, recall: 0.5 });
    expect(report.labels[1]).toMatchObject({ precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(report.macroF1).toBeCloseTo((2 / 3 + 0.5) / 2, 10);
    expect(report.accuracy).toBe(0.5);
  });
});
