import { describe, expect, it } from 'vitest';
import type { Condition } from '../surveys/definition/index.ts';
import { reduceCondition } from './reduceCondition.ts';

const live = (id: string) => id === 'incident';
const onPage: Condition = { question: 'incident', op: 'eq', value: 'yes' };

describe('reduceCondition', () => {
  it('keeps leaves on live questions and evaluates the rest', () => {
    expect(reduceCondition(onPage, live, {}, {})).toEqual(onPage);
    expect(reduceCondition({ question: 'nps', op: 'lte', value: 6 }, live, { nps: 4 }, {})).toBe(true);
    expect(reduceCondition({ question: 'nps', op: 'lte', value: 6 }, live, { nps: 9 }, {})).toBe(false);
    expect(reduceCondition({ hidden: 'tier', op: 'eq', value: 'key' }, live, {}, { tier: 'key' })).toBe(true);
  });

  it('simplifies all / any / not around settled children', () => {
    const key = { hidden: 'tier', op: 'eq', value: 'key' } as const;
    expect(reduceCondition({ all: [key, onPage] }, live, {}, { tier: 'key' })).toEqual(onPage);
    expect(reduceCondition({ all: [key, onPage] }, live, {}, { tier: 'basic' })).toBe(false);
    expect(reduceCondition({ any: [key, onPage] }, live, {}, { tier: 'key' })).toBe(true);
    expect(reduceCondition({ any: [key, onPage] }, live, {}, { tier: 'basic' })).toEqual(onPage);
    expect(reduceCondition({ not: key }, live, {}, { tier: 'key' })).toBe(false);
    expect(reduceCondition({ not: onPage }, live, {}, {})).toEqual({ not: onPage });
    const other = { question: 'incident', op: 'answered' } as const;
    expect(reduceCondition({ all: [key, onPage, other] }, live, {}, { tier: 'key' })).toEqual({
      all: [onPage, other],
    });
  });

  it('never leaks hidden values or earlier answers into what remains', () => {
    const reduced = reduceCondition(
      {
        any: [
          { all: [{ hidden: 'tier', op: 'eq', value: 'secret-tier' }, onPage] },
          { question: 'nps', op: 'eq', value: 3 },
        ],
      },
      live,
      { nps: 5 },
      { tier: 'secret-tier' },
    );
    expect(reduced).toEqual(onPage);
    expect(JSON.stringify(reduced)).not.toContain('secret');
  });
});
