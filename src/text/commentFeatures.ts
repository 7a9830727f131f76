/**
 * The feature vector of a comment: hashed word unigrams and bigrams, character n-grams of each word
 * (robust to typos and Italian inflection), words in the scope of a negation, and a few shape cues
 * (exclamations, shouting). Each block is scaled to unit length and weighted, then the whole vector is
 * scaled to unit length, so long and short comments weigh alike.
 */
import { fnv1a, fnvStep, mix32 } from './featureHash.ts';
import type { LexiconSignal } from './lexiconSignals.ts';
import { isNegator } from './negation.ts';
import type { Token } from './tokenize.ts';

/** How comments are turned into vectors; part of a trained model (the same settings must be used to read it). */
export type FeatureSettings = {
  /** Vectors have 2^hashBits dimensions; features are hashed into them. */
  hashBits: number;
  /** Shortest and longest character n-gram, counted on the folded word with boundary marks. */
  charMin: number;
  charMax: number;
  /** How many words after a negation (not, never, non, mai…) are marked as negated. */
  negationScope: number;
  /** The weight of each block of features once it is scaled to unit length. */
  weights: { word: number; bigram: number; char: number; negated: number; shape: number; lexicon: number };
};

/** A sparse vector: `values[i]` at dimension `indices[i]`; indices are distinct. */
export type SparseVector = { indices: Int32Array; values: Float64Array };

/**
 * Where each feature occurrence came from, for explanations: occurrence i added `values[i]` at
 * dimension `buckets[i]`, from the word `tokens[i]` (−1 = not tied to a word; a bigram is tied to
 * its first word and, with half the value, its second).
 */
export type FeatureTrace = { buckets: number[]; tokens: number[]; values: number[] };

const SEED = {
  word: fnv1a('w\u0001'),
  bigram: fnv1a('b\u0001'),
  char: fnv1a('c\u0001'),
  negated: fnv1a('n\u0001'),
  shape: fnv1a('s\u0001'),
  lexicon: fnv1a('l\u0001'),
} as const;

const SENTENCE_BREAK = /[.!?;:\n]/;
const SHOUTED = /\b\p{Lu}{3,}\b/u;
const LEFT_MARK = 60; // '<'
const RIGHT_MARK = 62; // '>'

type Scratch = { block: Float64Array; total: Float64Array; blockTouched: number[]; touched: number[] };
const scratches = new Map<number, Scratch>();

function scratchFor(bits: number): Scratch {
  let scratch = scratches.get(bits);
  if (!scratch) {
    scratch = {
      block: new Float64Array(1 << bits),
      total: new Float64Array(1 << bits),
      blockTouched: [],
      touched: [],
    };
    scratches.set(bits, scratch);
  }
  return scratch;
}

/**
 * Hashes a comment into a sparse feature vector.
 *
 * Blocks: word = folded word; bigram = two consecutive words; char = every n-gram of
 * "<word>" with charMin ≤ n ≤ charMax; negated = words within `negationScope` after a negator and
 * before the next sentence break; shape = has "!", has "?", has a shouted (all-capitals) word.
 * Each block's counts are divided by the block's Euclidean length and multiplied by its weight; the
 * sum is divided by its own Euclidean length. Bucket = mix32(FNV-1a(block seed, feature)) mod 2^hashBits.
 *
 * @param text - the comment as written (for shape cues and sentence breaks).
 * @param tokens - its tokens ({@link tokenize}).
 * @param settings - the feature settings.
 * @param signals - the comment's lexicon hits ({@link lexiconSignals}); they make the lexicon block:
 *   pos / neg (turned around when negated), contrast, both pos and neg, and per Force cue
 *   `cue:<force>`, `cue:<force>:<polarity>` and `cue:<polarity>` (a negated polarity turns around).
 * @param trace - when given, filled with where every occurrence came from (for explanations).
 * @returns the unit-length sparse vector (empty when the comment has no words and no cues).
 * @example featurize('Late.', tokenize('Late.'), settings).indices.length // 1 word + 3 trigrams + … (> 0)
 */
export function featurize(
  text: string,
  tokens: readonly Token[],
  settings: FeatureSettings,
  signals: readonly LexiconSignal[] = [],
  trace?: FeatureTrace,
): SparseVector {
  const mask = (1 << settings.hashBits) - 1;
  const scratch = scratchFor(settings.hashBits);
  const { block, total, blockTouched, touched } = scratch;
  const traceStart = trace ? trace.buckets.length : 0;
  let traceFrom = traceStart;

  const add = (hash: number, token: number, value: number) => {
    const bucket = mix32(hash) & mask;
    if (block[bucket] === 0) blockTouched.push(bucket);
    block[bucket] += value;
    if (trace) {
      trace.buckets.push(bucket);
      trace.tokens.push(token);
      trace.values.push(value);
    }
  };
  const closeBlock = (weight: number) => {
    let squares = 0;
    for (const bucket of blockTouched) squares += block[bucket] * block[bucket];
    const scale = squares > 0 ? weight / Math.sqrt(squares) : 0;
    for (const bucket of blockTouched) {
      if (total[bucket] === 0 && scale !== 0) touched.push(bucket);
      total[bucket] += block[bucket] * scale;
      block[bucket] = 0;
    }
    blockTouched.length = 0;
    if (trace) {
      for (let i = traceFrom; i < trace.values.length; i++) trace.values[i] *= scale;
      traceFrom = trace.values.length;
    }
  };

  const { weights } = settings;
  // Words within a negation's scope ("not valued") count as negated words, not as the word itself.
  const negatedWord = new Uint8Array(tokens.length);
  if (settings.negationScope > 0) {
    let scope = 0;
    for (let i = 0; i < tokens.length; i++) {
      if (i > 0 && SENTENCE_BREAK.test(text.slice(tokens[i - 1].end, tokens[i].start))) scope = 0;
      if (isNegator(tokens[i].norm)) scope = settings.negationScope;
      else if (scope > 0) {
        negatedWord[i] = 1;
        scope--;
      }
    }
  }
  if (weights.word > 0) {
    for (let i = 0; i < tokens.length; i++) {
      add(fnv1a(tokens[i].norm, negatedWord[i] ? SEED.negated : SEED.word), i, 1);
    }
    closeBlock(weights.word);
  }
  if (weights.bigram > 0 && tokens.length > 1) {
    for (let i = 1; i < tokens.length; i++) {
      const hash = fnv1a(tokens[i].norm, fnvStep(fnv1a(tokens[i - 1].norm, SEED.bigram), 32));
      add(hash, i - 1, 0.5);
      add(hash, i, 0.5);
    }
    closeBlock(weights.bigram);
  }
  if (weights.char > 0) {
    for (let i = 0; i < tokens.length; i++) addCharNgrams(tokens[i].norm, i, settings, add);
    closeBlock(weights.char);
  }
  if (weights.negated > 0) {
    for (let i = 0; i < tokens.length; i++)
      if (negatedWord[i]) add(fnv1a(tokens[i].norm, SEED.negated), i, 1);
    closeBlock(weights.negated);
  }
  if (weights.shape > 0) {
    if (text.includes('!')) add(fnv1a('!', SEED.shape), -1, 1);
    if (text.includes('?')) add(fnv1a('?', SEED.shape), -1, 1);
    if (SHOUTED.test(text)) add(fnv1a('CAPS', SEED.shape), -1, 1);
    closeBlock(weights.shape);
  }

  if (weights.lexicon > 0) {
    let positive = false;
    let negative = false;
    const emit = (name: string, first: number, last: number) => {
      const hash = fnv1a(name, SEED.lexicon);
      const share = 1 / (last - first + 1);
      for (let t = first; t <= last; t++) add(hash, t, share);
    };
    for (const { entry, first, last, negated } of signals) {
      if (entry.kind === 'cue') {
        emit(`cue:${entry.force}`, first, last);
        if (entry.polarity) {
          const polarity = negated
            ? entry.polarity === 'fulfilled'
              ? 'tension'
              : 'fulfilled'
            : entry.polarity;
          emit(`cue:${entry.force}:${polarity}`, first, last);
          emit(`cue:${polarity}`, first, last);
        }
      } else if (entry.kind === 'contrast') {
        emit('contrast', first, last);
      } else if (!negated) {
        if (entry.kind === 'positive') positive = true;
        else negative = true;
        emit(entry.kind === 'positive' ? 'pos' : 'neg', first, last);
      } else if (entry.kind === 'positive') {
        // "not clear" is reliably negative…
        negative = true;
        emit('neg', first, last);
        emit('not pos', first, last);
      } else {
        // …"never late" is usually praise, but "never answers our escalations" is not: its own cue.
        emit('not neg', first, last);
      }
    }
    // A negation with no sentiment word after it ("never calls", "no one knows") mostly complains.
    for (let i = 0; i < tokens.length; i++) {
      // "without calling anyone", "senza chiamare": in feedback mostly praise, so not counted.
      if (!isNegator(tokens[i].norm) || tokens[i].norm === 'without' || tokens[i].norm === 'senza') continue;
      const covered = signals.some(
        (s) =>
          s.entry.kind !== 'cue' &&
          s.entry.kind !== 'contrast' &&
          s.first > i &&
          s.first <= i + settings.negationScope + 1,
      );
      if (!covered) add(fnv1a('bare negation', SEED.lexicon), i, 1);
    }
    // Conjunctions a linear model cannot form itself: praise shouted with "!" is often sarcasm.
    if (positive && negative) add(fnv1a('pos+neg', SEED.lexicon), -1, 1);
    const exclaimed = text.includes('!');
    const shouted = SHOUTED.test(text);
    if (positive && exclaimed) add(fnv1a('pos+!', SEED.lexicon), -1, 1);
    if (positive && shouted) add(fnv1a('pos+CAPS', SEED.lexicon), -1, 1);
    if (negative && !positive) add(fnv1a('neg only', SEED.lexicon), -1, 1);
    if (positive && !negative) add(fnv1a('pos only', SEED.lexicon), -1, 1);
    if (!positive && !negative) add(fnv1a('no sentiment', SEED.lexicon), -1, 1);
    closeBlock(weights.lexicon);
  }

  let squares = 0;
  for (const bucket of touched) squares += total[bucket] * total[bucket];
  const norm = squares > 0 ? 1 / Math.sqrt(squares) : 0;
  const indices = new Int32Array(touched.length);
  const values = new Float64Array(touched.length);
  for (let i = 0; i < touched.length; i++) {
    indices[i] = touched[i];
    values[i] = total[touched[i]] * norm;
    total[touched[i]] = 0;
  }
  touched.length = 0;
  if (trace) for (let i = traceStart; i < trace.values.length; i++) trace.values[i] *= norm;
  return { indices, values };
}

function addCharNgrams(
  word: string,
  token: number,
  settings: FeatureSettings,
  add: (hash: number, token: number, value: number) => void,
): void {
  // Positions run over "<word>": −1 is the left mark, word.length the right one.
  const last = word.length;
  for (let from = -1; from <= last; from++) {
    let hash = SEED.char;
    for (let n = 1; n <= settings.charMax && from + n - 1 <= last; n++) {
      const at = from + n - 1;
      const code = at < 0 ? LEFT_MARK : at === last ? RIGHT_MARK : word.charCodeAt(at);
      hash = fnvStep(hash, code);
      if (n >= settings.charMin) add(hash, token, 1);
    }
  }
}
