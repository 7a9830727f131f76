/**
 * Gibberish in verbatim comments: keyboard mashing ("asdfgh jkl"), held-down keys ("qqqqqqq") and
 * repeated nonsense ("xzxzxzxz"), told apart from short or misspelt genuine answers without a
 * dictionary, so it works the same for English, Italian and other Latin-script languages.
 *
 * The text is first reduced to the words worth judging:
 * - accents are stripped ("perché" → "perche") and letters lower-cased;
 * - tokens holding a digit (order numbers, "SKU-4411", "Q3"), links and e-mail addresses are skipped;
 * - all-capital words of up to 5 letters are acronyms ("CRM", "SLA", "HTTPS") and are skipped;
 * - words with letters outside a–z (other scripts) are skipped.
 *
 * Then two signals decide:
 * 1. Repeated chunk: the letters, joined, are one chunk repeated `minRepeats` times or more (at least
 *    `minWordLength` letters in all) and the chunk has no vowel or is a keyboard run ("xzxzxz",
 *    "asd asd asd"). "no no no", "hahaha" or "bene bene bene" have vowels off the keyboard rows and pass.
 * 2. Implausible words: more than `maxImplausibleShare` of the letters belong to words that are
 *    - one letter held down, `minRepeatedLetter` times or more ("qqqqqqq"), or, for words of at least
 *      `minWordLength` letters once elongations are shortened ("sooooo" → "soo"):
 *    - nearly vowelless: share of a e i o u y below `minVowelShare` ("zxcvbnm");
 *    - a run of more than `maxConsonantRun` consonants ("hfjdksla"; English words reach 5, as in
 *      "strengths", names 6, as in "Knightsbridge"; Italian stops at 3);
 *    - a run of more than `maxKeyboardRun` neighbouring keys on one row of a QWERTY, QWERTZ or
 *      AZERTY keyboard ("asdfgh", "qwertyuiop"; real words reach 4, as in "were", rarely 5).
 * Short words are never judged, so "ok", "no", "n/a", "thx", "hmm", "tutto bene" always pass, and one
 * odd word inside a real sentence does not outweigh the rest.
 *
 * Character entropy was considered and left out: emphatic genuine answers ("no no no", "bene bene")
 * have as little letter diversity as mashing, and the repeated-chunk signal separates them better.
 */

import { DEFAULT_CLEANING_RULES, type GibberishThresholds } from './cleaningRules.ts';

const KEYBOARD_ROWS = [
  // QWERTY (English, Italian…), QWERTZ (German, Swiss…), AZERTY (French, Belgian)
  ...['qwertyuiop', 'asdfghjkl', 'zxcvbnm'],
  ...['qwertzuiop', 'yxcvbnm'],
  ...['azertyuiop', 'qsdfghjklm', 'wxcvbn'],
];

/** Ordered letter pairs that sit side by side on a keyboard row, in either direction. */
const NEIGHBOUR_KEYS: ReadonlySet<string> = new Set(
  KEYBOARD_ROWS.flatMap((row) =>
    [...row.slice(1)].flatMap((key, index) => [row[index] + key, key + row[index]]),
  ),
);

const VOWELS: ReadonlySet<string> = new Set('aeiouy');

/**
 * Languages whose words carry written vowels and are typed on the keyboards above. For any other
 * language the vowel and keyboard signals would mislead (Czech "čtvrt" has no vowel), so nothing
 * is flagged there.
 */
const SUPPORTED_LANGUAGES: ReadonlySet<string> = new Set([
  'en',
  'it',
  'es',
  'pt',
  'fr',
  'de',
  'nl',
  'ca',
  'ro',
  'sv',
  'da',
  'no',
  'nb',
  'nn',
  'fi',
]);

/**
 * Whether a verbatim comment is gibberish rather than a genuine answer, however short.
 *
 * Flagged when its letters are one vowelless or keyboard-run chunk repeated, or when more than
 * `maxImplausibleShare` of its letters sit in implausible words (held-down letter, nearly no vowel,
 * long consonant run, long keyboard run); see the module comment for the exact signals.
 *
 * @param text the comment
 * @param language the respondent's language (`en`, `it`, `pt-BR`…); for a language outside the
 *   supported Latin-script set the answer is always false. Unknown: treated as supported.
 * @param thresholds the gibberish thresholds of the cleaning rules
 * @returns true when the comment is gibberish
 * @example isGibberish('asdfgh jkl') // true; isGibberish('delivry was late agian') // false
 */
export function isGibberish(
  text: string,
  language?: string,
  thresholds: GibberishThresholds = DEFAULT_CLEANING_RULES.gibberish,
): boolean {
  if (language !== undefined && !SUPPORTED_LANGUAGES.has(language.split('-')[0].toLowerCase())) return false;
  const words = judgeableWords(text);
  const letters = words.reduce((sum, word) => sum + word.length, 0);
  if (letters === 0) return false;
  if (isRepeatedChunk(words.join(''), thresholds)) return true;
  const implausibleLetters = words
    .filter((word) => isImplausibleWord(word, thresholds))
    .reduce((sum, word) => sum + word.length, 0);
  return implausibleLetters / letters > thresholds.maxImplausibleShare;
}

/** The lower-case, accent-free a–z words of a text, without codes, links, e-mails and acronyms. */
function judgeableWords(text: string): string[] {
  const words: string[] = [];
  for (const token of text.normalize('NFD').replace(/\p{M}/gu, '').split(/\s+/)) {
    if (/\d/.test(token) || /^[a-z][a-z0-9+.-]*:\/\//i.test(token) || /^www\./i.test(token)) continue;
    if (token.includes('@')) continue;
    for (const word of token.match(/\p{L}+/gu) ?? []) {
      if (!/^[a-z]+$/i.test(word)) continue;
      const isAcronym = word.length > 1 && word.length <= 5 && word === word.toUpperCase();
      if (!isAcronym) words.push(word.toLowerCase());
    }
  }
  return words;
}

function isImplausibleWord(word: string, thresholds: GibberishThresholds): boolean {
  if (word.length >= thresholds.minRepeatedLetter && /^(.)\1+$/.test(word)) return true;
  // "sooooo" and "grrrrr" are emphasis, not noise: judge them as "soo" and "grr".
  const shortened = word.replace(/(.)\1{2,}/g, '$1$1');
  if (shortened.length < thresholds.minWordLength) return false;
  return (
    vowelShare(shortened) < thresholds.minVowelShare ||
    longestConsonantRun(shortened) > thresholds.maxConsonantRun ||
    longestKeyboardRun(shortened) > thresholds.maxKeyboardRun
  );
}

/** Smallest chunk that, repeated at least `minRepeats` times, spells `letters`; flagged if vowelless or a keyboard run. */
function isRepeatedChunk(letters: string, thresholds: GibberishThresholds): boolean {
  if (letters.length < thresholds.minWordLength) return false;
  for (let period = 1; period * thresholds.minRepeats <= letters.length; period++) {
    if (!hasPeriod(letters, period)) continue;
    const chunk = letters.slice(0, period);
    return vowelShare(chunk) === 0 || longestKeyboardRun(chunk) === period;
  }
  return false;
}

function hasPeriod(letters: string, period: number): boolean {
  for (let index = period; index < letters.length; index++) {
    if (letters[index] !== letters[index - period]) return false;
  }
  return true;
}

function vowelShare(word: string): number {
  let vowels = 0;
  for (const letter of word) if (VOWELS.has(letter)) vowels++;
  return vowels / word.length;
}

function longestConsonantRun(word: string): number {
  let longest = 0;
  let run = 0;
  for (const letter of word) {
    run = VOWELS.has(letter) ? 0 : run + 1;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** Longest stretch typed by sliding along one keyboard row; a doubled key neither breaks nor extends it. */
function longestKeyboardRun(word: string): number {
  let longest = Math.min(word.length, 1);
  let run = 1;
  for (let index = 1; index < word.length; index++) {
    if (word[index] === word[index - 1]) continue;
    run = NEIGHBOUR_KEYS.has(word[index - 1] + word[index]) ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  return longest;
}
