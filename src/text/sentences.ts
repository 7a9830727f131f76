/**
 * Sentence boundaries of a comment, from the platform's Unicode sentence segmentation.
 */

/** A sentence of a comment: `text` is `comment.slice(start, end)`, without surrounding white space. */
export type SentenceSpan = { start: number; end: number; text: string };

const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(language: string): Intl.Segmenter {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
    segmenters.set(language, segmenter);
  }
  return segmenter;
}

/**
 * Splits a comment into sentences with `Intl.Segmenter` (granularity 'sentence', Unicode UAX #29 rules
 * with the locale's exceptions), trimming white space around each and dropping empty ones.
 *
 * @param text - the comment.
 * @param language - BCP 47 language for the segmentation rules (default 'en').
 * @returns the sentences in order, with offsets into `text`.
 * @example splitSentences('Late again. Nobody called!').map((s) => s.text) // ['Late again.', 'Nobody called!']
 */
export function splitSentences(text: string, language = 'en'): SentenceSpan[] {
  const sentences: SentenceSpan[] = [];
  for (const { segment, index } of segmenterFor(language).segment(text)) {
    const leading = segment.length - segment.trimStart().length;
    const trimmed = segment.trim();
    if (!trimmed) continue;
    const start = index + leading;
    sentences.push({ start, end: start + trimmed.length, text: trimmed });
  }
  return sentences;
}
