/**
 * The held-out split of the corpus: the comments that training never sees and evaluation scores on.
 *
 * Rule: within each stratum (language × Force × polarity), comments are ranked by mix32(FNV-1a(text))
 * (ties, which need identical hashes, by the text itself) and the first round(share · n) are held out.
 * So the split is exactly stratified, depends on nothing but the texts (not on file order, not on a
 * random seed), and a comment's side changes only if comments are added to or removed from its stratum.
 */
import type { CorpusRecord } from './corpus.ts';
import { fnv1a, mix32 } from './featureHash.ts';

/** The share of each stratum held out for evaluation. */
export const HELD_OUT_SHARE = 0.2;

/** The two sides of the split, each in corpus order. */
export type CorpusSplit = { train: CorpusRecord[]; heldOut: CorpusRecord[] };

/**
 * Splits the corpus into training and held-out comments, stratified by language × Force × polarity
 * and decided by a hash of each text (see the module comment).
 *
 * @param records - the corpus.
 * @param share - the share held out per stratum, 0…1 (default {@link HELD_OUT_SHARE}).
 * @returns the two sides; together they hold every record exactly once.
 * @example heldOutSplit(tenCertaintyTensionComments).heldOut.length // 2
 */
export function heldOutSplit(records: readonly CorpusRecord[], share = HELD_OUT_SHARE): CorpusSplit {
  if (!(share >= 0 && share <= 1)) throw new RangeError(`share must be within 0..1, got ${share}`);
  const strata = new Map<string, { index: number; hash: number; text: string }[]>();
  records.forEach((record, index) => {
    const key = `${record.language}|${record.force}|${record.polarity}`;
    let stratum = strata.get(key);
    if (!stratum) {
      stratum = [];
      strata.set(key, stratum);
    }
    stratum.push({ index, hash: mix32(fnv1a(record.text)), text: record.text });
  });
  const held = new Set<number>();
  for (const stratum of strata.values()) {
    stratum.sort((a, b) => a.hash - b.hash || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    const count = Math.round(share * stratum.length);
    for (let i = 0; i < count; i++) held.add(stratum[i].index);
  }
  const split: CorpusSplit = { train: [], heldOut: [] };
  records.forEach((record, index) => {
    (held.has(index) ? split.heldOut : split.train).push(record);
  });
  return split;
}
