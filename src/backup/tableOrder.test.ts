import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { insertionOrder, ReferenceCycleError } from './tableOrder.ts';

describe('insertion order of tables', () => {
  it('puts every table after the tables it references, ignoring self-references', () => {
    const order = insertionOrder(
      ['comments', 'responses', 'org_units', 'organisations', 'accounts'],
      [
        { from: 'comments', to: 'responses' },
        { from: 'org_units', to: 'organisations' },
        { from: 'org_units', to: 'org_units' },
        { from: 'accounts', to: 'org_units' },
        { from: 'accounts', to: 'organisations' },
      ],
    );
    expect(order).toEqual(['responses', 'organisations', 'comments', 'org_units', 'accounts']);
  });

  it('refuses a cycle between tables, naming them', () => {
    expect(() =>
      insertionOrder(
        ['a', 'b', 'c'],
        [
          { from: 'a', to: 'b' },
          { from: 'b', to: 'a' },
        ],
      ),
    ).toThrow(new ReferenceCycleError('foreign keys form a cycle among: a, b'));
  });

  it('orders any acyclic set of references (property)', () => {
    const graph = fc.integer({ min: 1, max: 12 }).chain((n) =>
      fc.tuple(
        fc.constant(n),
        fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 30 }),
        fc.shuffledSubarray(
          Array.from({ length: n }, (_, i) => i),
          { minLength: n },
        ),
      ),
    );
    fc.assert(
      fc.property(graph, ([n, pairs, shuffle]) => {
        // Edges only from a higher to a lower number make the graph acyclic; names are shuffled.
        const name = (i: number) => `t${shuffle[i]}`;
        const references = pairs.filter(([a, b]) => a >= b).map(([a, b]) => ({ from: name(a), to: name(b) }));
        const tables = Array.from({ length: n }, (_, i) => name(i)).reverse();
        const order = insertionOrder(tables, references);
        expect([...order].sort()).toEqual([...tables].sort());
        for (const { from, to } of references)
          expect(order.indexOf(from)).toBeGreaterThanOrEqual(order.indexOf(to));
      }),
    );
  });
});
