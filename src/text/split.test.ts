import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORCE_KEYS } from '../domain/forces/index.ts';
import { type CorpusRecord, POLARITIES } from './corpus.ts';
import { readCorpus } from './corpusFiles.ts';
import { heldOutSplit } from './split.ts';

const corpus = readCorpus();

describe('heldOutSplit', () => {
  it('holds out exactly 20% of every language × Force × polarity stratum of the corpus', () => {
    const { train, heldOut } = heldOutSplit(corpus);
    expect(train.length + heldOut.length).toBe(corpus.length);
    for (const language of ['en', 'it'] as const) {
      for (const force of FORCE_KEYS) {
        for (const polarity of POLARITIES) {
          const inStratum = (r: CorpusRecord) =>
            r.language === language && r.force === force && r.polarity === polarity;
          const total = corpus.filter(inStratum).length;
          expect(heldOut.filter(inStratum).length).toBe(Math.round(total * 0.2));
        }
      }
    }
  });

  it('is disjoint: no held-out text is also a training text', () => {
    const { train, heldOut } = heldOutSplit(corpus);
    const trainTexts = new Set(train.map((r) => r.text));
    expect(heldOut.filter((r) => trainTexts.has(r.text))).toEqual([]);
  });

  it('depends on the texts only, not on their order', () => {
    const reversed = [...corpus].reverse();
    const a = new Set(heldOutSplit(corpus).heldOut.map((r) => r.text));
    const b = new Set(heldOutSplit(reversed).heldOut.map((r) => r.text));
    expect(b).toEqual(a);
  });

  it('partitions any list of records, stratum by stratum, the same way twice', () => {
    const record = fc.record({
      language: fc.constantFrom('en' as const, 'it' as const),
      text: fc.string({ minLength: 1, maxLength: 20 }),
      force: fc.constantFrom(...FORCE_KEYS),
      polarity: fc.constantFrom(...POLARITIES),
      sentiment: fc.constant('positive' as const),
      industry: fc.constant(''),
      register: fc.constant(''),
    });
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (records, share) => {
          const first = heldOutSplit(records, share);
          const second = heldOutSplit(records, share);
          expect(second).toEqual(first);
          expect(first.train.length + first.heldOut.length).toBe(records.length);
          const strata = new Map<string, number>();
          for (const r of records)
            strata.set(
              `${r.language}|${r.force}|${r.polarity}`,
              (strata.get(`${r.language}|${r.force}|${r.polarity}`) ?? 0) + 1,
            );
          for (const [key, size] of strata) {
            const held = first.heldOut.filter((r) => `${r.language}|${r.force}|${r.polarity}` === key).length;
            expect(held).toBe(Math.round(share * size));
          }
        },
      ),
    );
  });
});
