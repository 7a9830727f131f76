import type { Question } from './questionSchema.ts';
import type { Block } from './surveyDefinitionSchema.ts';

/**
 * The order in which a respondent sees a block's questions. A block without `randomize` keeps its
 * definition order; a randomised one is shuffled (Fisher–Yates) with a generator seeded by the
 * respondent seed and the block id, so the same respondent always gets the same order, and two
 * blocks of one respondent are shuffled independently.
 * PRNG: mulberry32, seeded with the 32-bit FNV-1a hash of `${seed}:${block.id}`.
 * @param block the block
 * @param seed per-respondent seed (e.g. the response id)
 * @returns the questions in display order (a permutation of `block.questions`)
 * @example randomizedOrder({ id: 'b', questions: [a, b, c] }, 'r-1') // [a, b, c] (no `randomize`: definition order)
 */
export function randomizedOrder(block: Block, seed: string | number): Question[] {
  const order = [...block.questions];
  if (block.randomize !== true) return order;
  const next = mulberry32(fnv1a(`${seed}:${block.id}`));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** 32-bit FNV-1a over UTF-16 code units: a small, stable string hash. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A tiny deterministic PRNG returning floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
