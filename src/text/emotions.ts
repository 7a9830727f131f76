/**
 * The experience emotions a comment expresses, found with the emotion lexicons.
 */
import type { EmotionKey } from '../surveys/definition/index.ts';
import { EXPERIENCE_EMOTIONS } from '../surveys/definition/index.ts';
import type { TextLanguage } from './corpus.ts';
import { EMOTION_LEXICONS, NEGATED_EMOTION } from './emotionLexicon.ts';
import { negationBefore } from './negation.ts';
import { compilePhrases, findPhrases, type PhraseIndex } from './phraseMatcher.ts';
import type { Token } from './tokenize.ts';

/** An emotion found in a comment, with its confidence and where it is expressed. */
export type EmotionFinding = { key: EmotionKey; confidence: number; spans: { start: number; end: number }[] };

/** How much one hit says: a word naming the feeling, or a situation that usually carries it. */
export const EMOTION_HIT_STRENGTH = { explicit: 0.8, implied: 0.45 } as const;

type Entry = { key: EmotionKey; strength: number };
const indexes = new Map<TextLanguage, PhraseIndex<Entry>>();

function indexFor(language: TextLanguage): PhraseIndex<Entry> {
  let index = indexes.get(language);
  if (!index) {
    const entries: { pattern: string; value: Entry }[] = [];
    for (const [key, patterns] of Object.entries(EMOTION_LEXICONS[language]) as [
      EmotionKey,
      (typeof EMOTION_LEXICONS)['en'][EmotionKey],
    ][]) {
      for (const pattern of patterns.explicit)
        entries.push({ pattern, value: { key, strength: EMOTION_HIT_STRENGTH.explicit } });
      for (const pattern of patterns.implied)
        entries.push({ pattern, value: { key, strength: EMOTION_HIT_STRENGTH.implied } });
    }
    index = compilePhrases(entries);
    indexes.set(language, index);
  }
  return index;
}

const VALENCE = new Map<string, 'positive' | 'negative'>(EXPERIENCE_EMOTIONS.map((e) => [e.key, e.valence]));

/**
 * Finds the experience emotions of a comment.
 *
 * Each lexicon hit has a strength s (explicit 0.8, implied 0.45); an emotion's confidence is
 * 1 − Π(1 − s) over its hits, halved when its valence contradicts the comment's sentiment score
 * (a positive emotion in a comment scoring below −0.5, or the reverse). A negated hit ("not happy")
 * counts for the opposite feeling where one is defined ({@link NEGATED_EMOTION}), its span then
 * starting at the negation; otherwise it is ignored.
 *
 * @param text - the comment.
 * @param tokens - its tokens.
 * @param language - its language.
 * @param sentimentScore - the comment's sentiment score, −1…1 (0 when unknown).
 * @returns the emotions found, most confident first (ties in EXPERIENCE_EMOTIONS order).
 * @example detectEmotions('Really frustrated', tokenize('Really frustrated'), 'en', -0.8)[0] // { key: 'frustrated', confidence: 0.8, spans: [{ start: 7, end: 17 }] }
 */
export function detectEmotions(
  text: string,
  tokens: readonly Token[],
  language: TextLanguage,
  sentimentScore = 0,
): EmotionFinding[] {
  const found = new Map<EmotionKey, { miss: number; spans: Map<string, { start: number; end: number }> }>();
  for (const { value, first, last } of findPhrases(indexFor(language), tokens)) {
    let key: EmotionKey | undefined = value.key;
    let start = tokens[first].start;
    const negation = negationBefore(text, tokens, first);
    if (negation >= 0) {
      key = NEGATED_EMOTION[value.key];
      start = tokens[negation].start;
    }
    if (!key) continue;
    let entry = found.get(key);
    if (!entry) {
      entry = { miss: 1, spans: new Map() };
      found.set(key, entry);
    }
    entry.miss *= 1 - value.strength;
    entry.spans.set(`${start}:${tokens[last].end}`, { start, end: tokens[last].end });
  }
  const order = EXPERIENCE_EMOTIONS.map((e) => e.key as string);
  return [...found]
    .map(([key, { miss, spans }]) => {
      let confidence = 1 - miss;
      const valence = VALENCE.get(key);
      if (
        (valence === 'positive' && sentimentScore < -0.5) ||
        (valence === 'negative' && sentimentScore > 0.5)
      ) {
        confidence /= 2;
      }
      return {
        key,
        confidence: Number(confidence.toFixed(4)),
        spans: [...spans.values()].sort((a, b) => a.start - b.start),
      };
    })
    .sort((a, b) => b.confidence - a.confidence || order.indexOf(a.key) - order.indexOf(b.key));
}
