/**
 * A comment's labels as shown: the model's reading, with each label a person corrected replacing
 * the model's (a correction wins). Pure.
 */
import type { CorrectionLabels } from '../../db/schema.ts';

/** The labels of a comment, as listed and filtered. */
export type CommentLabels = {
  force: string | null;
  polarity: 'fulfilled' | 'tension' | null;
  sentiment: 'positive' | 'negative' | 'mixed' | 'neutral' | null;
  emotions: string[];
  topics: string[];
  /** Which labels come from a person rather than the model. */
  corrected: (keyof CorrectionLabels)[];
};

/** The model's side, as stored in comment_analyses (null when not analysed yet). */
export type ModelLabels = {
  force: string | null;
  polarity: 'fulfilled' | 'tension' | null;
  sentiment: 'positive' | 'negative' | 'mixed' | 'neutral';
  emotions: { key: string }[];
  topics: string[];
} | null;

const KEYS = ['force', 'polarity', 'sentiment', 'emotions', 'topics'] as const;

/**
 * Overlays a correction on the model's labels.
 *
 * @param model - the stored analysis, or null.
 * @param correction - the correction's labels, or null.
 * @returns the labels shown, with the corrected keys listed.
 * @example effectiveLabels({ force: 'control', polarity: 'tension', sentiment: 'negative', emotions: [], topics: [] }, { sentiment: 'mixed' }).sentiment // 'mixed'
 */
export function effectiveLabels(model: ModelLabels, correction: CorrectionLabels | null): CommentLabels {
  const labels: CommentLabels = {
    force: model?.force ?? null,
    polarity: model?.polarity ?? null,
    sentiment: model?.sentiment ?? null,
    emotions: model?.emotions.map((e) => e.key) ?? [],
    topics: model?.topics ?? [],
    corrected: [],
  };
  if (!correction) return labels;
  for (const key of KEYS) {
    if (correction[key] === undefined) continue;
    (labels as Record<string, unknown>)[key] = correction[key];
    labels.corrected.push(key);
  }
  return labels;
}
