/**
 * Word tokens with their offsets in the original text and a folded form for features and matching.
 */
import { foldText } from './foldText.ts';

/** One word of a comment: `text.slice(start, end)` is the word as written, `norm` its folded form. */
export type Token = { start: number; end: number; norm: string };

// Letters/digits, with apostrophes inside a word (don't, dall'app); split further below.
const WORD = /[\p{L}\p{N}]+(?:['’‘`´ʼ][\p{L}\p{N}]+)*/gu;
const APOSTROPHE = /['’‘`´ʼ]/;

// Italian elided forms: "dall'app" is two words, "dall'" + "app"; English contractions stay whole.
const ITALIAN_ELISIONS = new Set([
  'l',
  'un',
  'd',
  'c',
  'm',
  't',
  's',
  'v',
  'n',
  'all',
  'dall',
  'dell',
  'nell',
  'sull',
  'coll',
  'pell',
  'quest',
  'quell',
  'anch',
  'com',
  'dov',
  'cos',
  'tutt',
  'buon',
  'sant',
  'nessun',
  'qual',
  'senz',
  'grand',
  'bell',
  'mezz',
  'tant',
  'quant',
  'alcun',
  'ciascun',
  'ognun',
  'neanch',
  'nemmen',
  'po',
]);

// Chat-style spellings seen in quick comments, written out so that they share features with the full
// words ("nn" and "non" are the same negation). Folded forms on both sides; apostrophes already gone.
const SHORTHANDS: Readonly<Record<string, string>> = {
  nn: 'non',
  x: 'per',
  xke: 'perche',
  xche: 'perche',
  perke: 'perche',
  ke: 'che',
  cmq: 'comunque',
  sn: 'sono',
  tt: 'tutto',
  qlc: 'qualche',
  qnd: 'quando',
  u: 'you',
  ur: 'your',
  thx: 'thanks',
  thanx: 'thanks',
  pls: 'please',
  plz: 'please',
  realy: 'really',
  becuase: 'because',
  recieve: 'receive',
  recieved: 'received',
};

function normalise(word: string): string {
  const folded = foldText(word).replace(/'/g, '');
  return SHORTHANDS[folded] ?? folded;
}

/**
 * Splits a text into word tokens. Words are runs of letters and digits (any script); an apostrophe
 * inside a word keeps it whole (don't → "dont") unless the part before it is an Italian elided form
 * (dall'ufficio → "dall" + "ufficio"). `norm` is lower case without accents or apostrophes, with
 * common chat shorthands written out (nn → non, thx → thanks).
 *
 * @param text - the comment as written.
 * @returns the tokens in order; `text.slice(t.start, t.end)` is always the word as written.
 * @example tokenize("Nn c'è l'ordine").map((t) => t.norm) // ['non', 'c', 'e', 'l', 'ordine']
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    let start = match.index;
    let word = match[0];
    let apostrophe = word.search(APOSTROPHE);
    while (apostrophe > 0) {
      const head = foldText(word.slice(0, apostrophe));
      if (!ITALIAN_ELISIONS.has(head)) break;
      tokens.push({ start, end: start + apostrophe, norm: head });
      start += apostrophe + 1;
      word = word.slice(apostrophe + 1);
      apostrophe = word.search(APOSTROPHE);
    }
    tokens.push({ start, end: start + word.length, norm: normalise(word) });
  }
  return tokens;
}
