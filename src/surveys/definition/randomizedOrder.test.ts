import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Question } from './questionSchema.ts';
import { randomizedOrder } from './randomizedOrder.ts';
import type { Block } from './surveyDefinitionSchema.ts';

const question = (id: string): Question => ({ id, type: 'consent', text: { en: id } });
const block = (count: number, randomize: boolean, id = 'b'): Block => ({
  id,
  randomize,
  questions: Array.from({ length: count }, (_, i) => question(`q${i}`)),
});
const ids = (questions: Question[]) => questions.map((q) => q.id);

describe('randomizedOrder', () => {
  it('keeps definition order when the block is not randomised', () => {
    expect(ids(randomizedOrder(block(5, false), 'seed'))).toEqual(['q0', 'q1', 'q2', 'q3', 'q4']);
  });

  it('gives the same order for the same seed and is a permutation', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.oneof(fc.string(), fc.integer()), (count, seed) => {
        const shuffled = ids(randomizedOrder(block(count, true), seed));
        expect(ids(randomizedOrder(block(count, true), seed))).toEqual(shuffled);
        expect([...shuffled].sort()).toEqual(ids(block(count, true).questions).sort());
      }),
      { numRuns: 200 },
    );
  });

  it('actually shuffles: different seeds give different orders', () => {
    const orders = new Set(
      Array.from({ length: 50 }, (_, seed) => ids(randomizedOrder(block(8, true), seed)).join()),
    );
    expect(orders.size).toBeGreaterThan(40);
  });

  it('puts each question first about equally often', () => {
    const firsts = new Map<string, number>();
    for (let seed = 0; seed < 4000; seed++) {
      const first = randomizedOrder(block(4, true), `r${seed}`)[0].id;
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    for (const count of firsts.values()) expect(count).toBeGreaterThan(850);
    expect(firsts.size).toBe(4);
  });

  it('shuffles two blocks of one respondent independently', () => {
    const different = Array.from({ length: 20 }, (_, seed) => seed).filter(
      (seed) =>
        ids(randomizedOrder(block(6, true, 'a'), seed)).join() !==
        ids(randomizedOrder(block(6, true, 'b'), seed)).join(),
    );
    expect(different.length).toBeGreaterThan(15);
  });

  it('does not change the block', () => {
    const original = block(6, true);
    randomizedOrder(original, 'x');
    expect(ids(original.questions)).toEqual(['q0', 'q1', 'q2', 'q3', 'q4', 'q5']);
  });
});
