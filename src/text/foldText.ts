/**
 * Text folding for matching and features: what two spellings of the same word have in common.
 */

const COMBINING_MARKS = /\p{M}/gu;
const APOSTROPHES = /[’‘`´ʼ]/g;

/**
 * Folds a string for comparison: Unicode NFD, combining marks removed (accents stripped), lower case,
 * and every typographic apostrophe written as `'`. The result is never longer than the input in
 * characters that matter, but offsets are NOT preserved: fold tokens, never whole texts you index into.
 *
 * @param text - any text.
 * @returns the folded text.
 * @example foldText('Perché L’Ordine È Già Partito') // "perche l'ordine e gia partito"
 */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase().replace(APOSTROPHES, "'");
}
