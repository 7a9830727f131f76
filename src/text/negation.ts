/**
 * Negation words of English and Italian (folded: no accents, no apostrophes, "don't" → "dont"), and
 * whether a word is within a negation's reach.
 */
import type { Token } from './tokenize.ts';

const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'dont',
  'didnt',
  'doesnt',
  'isnt',
  'wasnt',
  'arent',
  'werent',
  'cant',
  'cannot',
  'couldnt',
  'wont',
  'wouldnt',
  'hasnt',
  'havent',
  'hadnt',
  'nobody',
  'nothing',
  'without',
  'hardly',
  'neither',
  'nor',
  'non',
  'mai',
  'nessun',
  'nessuno',
  'nessuna',
  'niente',
  'nulla',
  'senza',
  'neanche',
  'nemmeno',
  'ne',
  'neppure',
  'poco',
  'barely',
  'rarely',
  'seldom',
  'raramente',
]);

/** How many words back a negation reaches ("not one has been missing"). */
export const NEGATION_REACH = 4;

const CLAUSE_BREAK = /[.!?;:\n]/;

/**
 * Whether a folded word negates what follows it.
 *
 * @param norm - a folded token ({@link Token.norm}).
 * @returns true for not, never, no, non, mai, senza… (English and Italian).
 * @example isNegator('dont') // true; isNegator('now') // false
 */
export function isNegator(norm: string): boolean {
  return NEGATORS.has(norm);
}

/**
 * The negation that governs the word at `first`: one of the NEGATION_REACH words before it, in the
 * same clause (no . ! ? ; : in between). A word that is itself a negation is not negated (so entries
 * like "no surprises" keep their own meaning).
 *
 * @param text - the text the tokens come from.
 * @param tokens - its tokens.
 * @param first - the index of the word.
 * @returns the index of the negating token, or −1 when the word is not negated.
 * @example negationBefore('We were not told.', tokenize('We were not told.'), 3) // 2
 */
export function negationBefore(text: string, tokens: readonly Token[], first: number): number {
  if (isNegator(tokens[first].norm)) return -1;
  for (let i = first - 1; i >= 0 && i >= first - NEGATION_REACH; i--) {
    if (CLAUSE_BREAK.test(text.slice(tokens[i].end, tokens[i + 1].start))) return -1;
    if (isNegator(tokens[i].norm)) return i;
  }
  return -1;
}
