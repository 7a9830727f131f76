/**
 * The labelled comments the built-in engine learns from, and the 12 Force × polarity labels.
 */
import { FORCE_KEYS, type ForceKey } from '../domain/forces/index.ts';

/** Languages the built-in engine has models for. */
export const TEXT_LANGUAGES = ['en', 'it'] as const;
export type TextLanguage = (typeof TEXT_LANGUAGES)[number];

/** Whether a comment says a Force's need is met or unmet. */
export const POLARITIES = ['fulfilled', 'tension'] as const;
export type Polarity = (typeof POLARITIES)[number];

/** The four comment sentiments. */
export const SENTIMENTS = ['positive', 'negative', 'mixed', 'neutral'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

/** A Force × polarity label, e.g. "certainty:tension". */
export type ForceLabel = `${ForceKey}:${Polarity}`;

/** The 12 Force × polarity labels, Forces in canonical order, fulfilled before tension. */
export const FORCE_LABELS: readonly ForceLabel[] = FORCE_KEYS.flatMap((force) =>
  POLARITIES.map((polarity) => `${force}:${polarity}` as ForceLabel),
);

/** One labelled comment of the training corpus. */
export type CorpusRecord = {
  language: TextLanguage;
  text: string;
  force: ForceKey;
  polarity: Polarity;
  sentiment: Sentiment;
  industry: string;
  register: string;
};

/**
 * The Force × polarity label of a comment.
 *
 * @param record - a labelled comment (only force and polarity are read).
 * @returns `${force}:${polarity}`.
 * @example forceLabel({ force: 'control', polarity: 'tension' }) // 'control:tension'
 */
export function forceLabel(record: { force: ForceKey; polarity: Polarity }): ForceLabel {
  return `${record.force}:${record.polarity}`;
}

/**
 * Splits a Force × polarity label into its parts.
 *
 * @param label - e.g. 'status:fulfilled'.
 * @returns the Force and the polarity.
 * @example parseForceLabel('status:fulfilled') // { force: 'status', polarity: 'fulfilled' }
 */
export function parseForceLabel(label: ForceLabel): { force: ForceKey; polarity: Polarity } {
  const [force, polarity] = label.split(':') as [ForceKey, Polarity];
  return { force, polarity };
}
