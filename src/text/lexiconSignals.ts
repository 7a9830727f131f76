/**
 * What the hand-written lexicons find in a comment: words of positive or negative sentiment (turned
 * around when negated: "not clear" counts as negative), contrast words, and Force cues. The
 * classifiers use these as features next to the words themselves, so that a word the training
 * comments never used still says something.
 */
import type { ForceKey } from '../domain/forces/index.ts';
import { FORCE_KEYS } from '../domain/forces/index.ts';
import type { Polarity, TextLanguage } from './corpus.ts';
import { FORCE_CUES } from './forceCueLexicon.ts';
import { negationBefore } from './negation.ts';
import { compilePhrases, findPhrases, type PhraseIndex } from './phraseMatcher.ts';
import { SENTIMENT_LEXICONS } from './sentimentLexicon.ts';
import type { Token } from './tokenize.ts';

/** What a lexicon entry stands for. */
export type LexiconEntry =
  | { kind: 'positive' | 'negative' | 'contrast' }
  | { kind: 'cue'; force: ForceKey; polarity: Polarity | null };

/** A lexicon hit, after negation: tokens first…last, and whether a negation turned it around. */
export type LexiconSignal = { entry: LexiconEntry; first: number; last: number; negated: boolean };

const compiled = new Map<TextLanguage, PhraseIndex<LexiconEntry>>();

/**
 * The compiled sentiment and Force-cue lexicons of a language (compiled once, then cached).
 *
 * @param language - 'en' or 'it'.
 * @returns the phrase index of every entry.
 * @example findPhrases(lexiconFor('en'), tokenize('clear')).length // ≥ 1
 */
export function lexiconFor(language: TextLanguage): PhraseIndex<LexiconEntry> {
  let index = compiled.get(language);
  if (!index) {
    const entries: { pattern: string; value: LexiconEntry }[] = [];
    const sentiment = SENTIMENT_LEXICONS[language];
    for (const pattern of sentiment.positive) entries.push({ pattern, value: { kind: 'positive' } });
    for (const pattern of sentiment.negative) entries.push({ pattern, value: { kind: 'negative' } });
    for (const pattern of sentiment.contrast) entries.push({ pattern, value: { kind: 'contrast' } });
    for (const force of FORCE_KEYS) {
      const cues = FORCE_CUES[language][force];
      for (const pattern of cues.any)
        entries.push({ pattern, value: { kind: 'cue', force, polarity: null } });
      for (const pattern of cues.fulfilled) {
        entries.push({ pattern, value: { kind: 'cue', force, polarity: 'fulfilled' } });
      }
      for (const pattern of cues.tension)
        entries.push({ pattern, value: { kind: 'cue', force, polarity: 'tension' } });
    }
    index = compilePhrases(entries);
    compiled.set(language, index);
  }
  return index;
}

/**
 * Finds lexicon hits in a tokenised comment and marks the negated ones ({@link negationBefore}: a
 * negation a few words before, in the same clause; "no surprises" is an entry of its own). Of
 * overlapping sentiment entries only the longest (and of equal ones the first) is kept.
 *
 * @param text - the comment as written (for clause breaks).
 * @param tokens - its tokens.
 * @param index - the compiled lexicon ({@link lexiconFor}).
 * @returns the hits, in token order.
 * @example lexiconSignals('Not clear.', tokenize('Not clear.'), lexiconFor('en')).some((s) => s.negated) // true
 */
export function lexiconSignals(
  text: string,
  tokens: readonly Token[],
  index: PhraseIndex<LexiconEntry>,
): LexiconSignal[] {
  const matches = findPhrases(index, tokens);
  // A longer sentiment phrase wins over the words inside it: "had to chase", not "chase"; "stuck to
  // it", not "stuck".
  const isSentiment = (entry: LexiconEntry) => entry.kind === 'positive' || entry.kind === 'negative';
  const kept = matches.filter(
    (match, index) =>
      !isSentiment(match.value) ||
      !matches.some(
        (other, otherIndex) =>
          other !== match &&
          isSentiment(other.value) &&
          other.first <= match.first &&
          other.last >= match.last &&
          (other.last - other.first > match.last - match.first ||
            // The same words found twice (two entries): keep the first.
            (other.first === match.first && other.last === match.last && otherIndex < index)),
      ),
  );
  return kept.map(({ value, first, last }) => ({
    entry: value,
    first,
    last,
    negated: negationBefore(text, tokens, first) >= 0,
  }));
}
