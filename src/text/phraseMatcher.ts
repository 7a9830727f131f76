/**
 * Finding word patterns (lexicon entries, topic terms) in tokenised text: words and multi-word
 * phrases, each word exact or a `*` prefix, compared on folded forms (no case, no accents).
 */
import { type Token, tokenize } from './tokenize.ts';

/** One word of a pattern: the folded word, and whether it matches any word starting with it. */
export type PatternWord = { norm: string; prefix: boolean };

/** A pattern occurrence: tokens `first`…`last` (inclusive) of the text matched `value`. */
export type PhraseMatch<T> = { value: T; first: number; last: number };

/** A set of patterns made ready for matching (see {@link compilePhrases}). */
export type PhraseIndex<T> = {
  exact: Map<string, { words: PatternWord[]; value: T }[]>;
  prefixed: Map<string, { words: PatternWord[]; value: T }[]>;
  prefixLengths: number[];
};

/**
 * Parses a pattern into folded words: white space separates words, a trailing `*` makes a word a
 * prefix, and each word is folded and split like text ({@link tokenize}: "dell'ordine" is two words).
 *
 * @param pattern - e.g. 'late deliver*' or "nessun'altra".
 * @returns the pattern words; empty when the pattern has no letters or digits.
 * @example parsePattern('Fattur* Errata') // [{ norm: 'fattur', prefix: true }, { norm: 'errata', prefix: false }]
 */
export function parsePattern(pattern: string): PatternWord[] {
  const words: PatternWord[] = [];
  for (const part of pattern.trim().split(/\s+/)) {
    const prefix = part.endsWith('*');
    const tokens = tokenize(prefix ? part.slice(0, -1) : part);
    tokens.forEach((token, i) => {
      words.push({ norm: token.norm, prefix: prefix && i === tokens.length - 1 });
    });
  }
  return words;
}

/**
 * Indexes patterns by their first word, so matching a text costs a few map look-ups per token.
 *
 * @param entries - the patterns and the value each stands for.
 * @returns the index; patterns without words are left out.
 * @example findPhrases(compilePhrases([{ pattern: 'on time', value: 1 }]), tokenize('Always on time')) // [{ value: 1, first: 1, last: 2 }]
 */
export function compilePhrases<T>(entries: readonly { pattern: string; value: T }[]): PhraseIndex<T> {
  const index: PhraseIndex<T> = { exact: new Map(), prefixed: new Map(), prefixLengths: [] };
  const lengths = new Set<number>();
  for (const { pattern, value } of entries) {
    const words = parsePattern(pattern);
    if (words.length === 0) continue;
    const [first] = words;
    const map = first.prefix ? index.prefixed : index.exact;
    let list = map.get(first.norm);
    if (!list) {
      list = [];
      map.set(first.norm, list);
    }
    list.push({ words, value });
    if (first.prefix) lengths.add(first.norm.length);
  }
  index.prefixLengths = [...lengths].sort((a, b) => a - b);
  return index;
}

function wordMatches(word: PatternWord, token: Token | undefined): boolean {
  if (!token) return false;
  return word.prefix ? token.norm.startsWith(word.norm) : token.norm === word.norm;
}

/**
 * Every occurrence of every pattern in a tokenised text, by start token then pattern order.
 * Overlapping occurrences are all reported.
 *
 * @param index - the compiled patterns.
 * @param tokens - the text's tokens.
 * @returns the matches, with the token range each covers.
 * @example findPhrases(compilePhrases([{ pattern: 'deliver*', value: 'd' }]), tokenize('Delivered late')) // [{ value: 'd', first: 0, last: 0 }]
 */
export function findPhrases<T>(index: PhraseIndex<T>, tokens: readonly Token[]): PhraseMatch<T>[] {
  const matches: PhraseMatch<T>[] = [];
  const tryList = (list: { words: PatternWord[]; value: T }[] | undefined, first: number) => {
    if (!list) return;
    for (const { words, value } of list) {
      let ok = true;
      for (let w = 1; w < words.length && ok; w++) ok = wordMatches(words[w], tokens[first + w]);
      if (ok) matches.push({ value, first, last: first + words.length - 1 });
    }
  };
  for (let i = 0; i < tokens.length; i++) {
    const norm = tokens[i].norm;
    tryList(index.exact.get(norm), i);
    for (const length of index.prefixLengths) {
      if (length > norm.length) break;
      tryList(index.prefixed.get(norm.slice(0, length)), i);
    }
  }
  return matches;
}
