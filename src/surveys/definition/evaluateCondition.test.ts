import { describe, expect, it } from 'vitest';
import type { Condition } from './condition.ts';
import { evaluateCondition } from './evaluateCondition.ts';

const TRUE: Condition = { question: 'x', op: 'answered' };
const FALSE: Condition = { question: 'x', op: 'notAnswered' };
const answers = { x: 1 };
const leaf = (value: boolean) => (value ? TRUE : FALSE);

describe('evaluateCondition: combinators', () => {
  const pairs: [boolean, boolean][] = [
    [false, false],
    [false, true],
    [true, false],
    [true, true],
  ];
  it.each(pairs)('all/any of (%s, %s) follow the truth table', (a, b) => {
    expect(evaluateCondition({ all: [leaf(a), leaf(b)] }, answers, {})).toBe(a && b);
    expect(evaluateCondition({ any: [leaf(a), leaf(b)] }, answers, {})).toBe(a || b);
    expect(evaluateCondition({ not: { all: [leaf(a), leaf(b)] } }, answers, {})).toBe(!(a && b));
    expect(evaluateCondition({ any: [{ not: leaf(a) }, { all: [leaf(b)] }] }, answers, {})).toBe(!a || b);
  });

  it('negates a leaf', () => {
    expect(evaluateCondition({ not: TRUE }, answers, {})).toBe(false);
    expect(evaluateCondition({ not: FALSE }, answers, {})).toBe(true);
  });
});

describe('evaluateCondition: question leaves', () => {
  const cases: [string, Condition, Record<string, unknown>, boolean][] = [
    ['eq on a number', { question: 'nps', op: 'eq', value: 9 }, { nps: 9 }, true],
    ['eq does not coerce text', { question: 'nps', op: 'eq', value: '9' }, { nps: 9 }, false],
    ['neq', { question: 'nps', op: 'neq', value: 9 }, { nps: 8 }, true],
    ['neq on a missing answer is false', { question: 'nps', op: 'neq', value: 9 }, {}, false],
    ['not eq on a missing answer is true', { not: { question: 'nps', op: 'eq', value: 9 } }, {}, true],
    ['lt', { question: 'nps', op: 'lt', value: 7 }, { nps: 6 }, true],
    ['lt at the bound', { question: 'nps', op: 'lt', value: 7 }, { nps: 7 }, false],
    ['lte at the bound', { question: 'nps', op: 'lte', value: 7 }, { nps: 7 }, true],
    ['gt', { question: 'nps', op: 'gt', value: 8 }, { nps: 9 }, true],
    ['gte below', { question: 'nps', op: 'gte', value: 9 }, { nps: 8 }, false],
    ['numeric op on a string answer', { question: 'nps', op: 'gte', value: 1 }, { nps: '9' }, false],
    ['in a list', { question: 'choice', op: 'in', value: ['a', 'b'] }, { choice: 'b' }, true],
    ['not in a list', { question: 'choice', op: 'in', value: ['a', 'b'] }, { choice: 'c' }, false],
    [
      'eq on a list answer means contains',
      { question: 'many', op: 'eq', value: 'b' },
      { many: ['a', 'b'] },
      true,
    ],
    [
      'neq on a list answer means lacks',
      { question: 'many', op: 'neq', value: 'b' },
      { many: ['a', 'b'] },
      false,
    ],
    [
      'in on a list answer means overlaps',
      { question: 'many', op: 'in', value: ['x', 'a'] },
      { many: ['a'] },
      true,
    ],
    [
      'an other choice compares as _other',
      { question: 'choice', op: 'eq', value: '_other' },
      { choice: { other: 'hi' } },
      true,
    ],
    [
      'other inside a list',
      { question: 'many', op: 'eq', value: '_other' },
      { many: ['a', { other: 'x' }] },
      true,
    ],
    ['consent true', { question: 'ok', op: 'eq', value: true }, { ok: true }, true],
    ['consent false is answered', { question: 'ok', op: 'answered' }, { ok: false }, true],
    ['blank text is not answered', { question: 'c', op: 'notAnswered' }, { c: '   ' }, true],
    ['empty list is not answered', { question: 'm', op: 'answered' }, { m: [] }, false],
    ['zero is answered', { question: 'n', op: 'answered' }, { n: 0 }, true],
  ];
  it.each(cases)('%s', (_name, condition, given, expected) => {
    expect(evaluateCondition(condition, given, {})).toBe(expected);
  });
});

describe('evaluateCondition: hidden fields', () => {
  const cases: [string, Condition, Record<string, string | number | undefined>, boolean][] = [
    ['eq as text', { hidden: 'tier', op: 'eq', value: 'gold' }, { tier: 'gold' }, true],
    ['eq with a number matches its text', { hidden: 'size', op: 'eq', value: 250 }, { size: '250' }, true],
    ['neq', { hidden: 'tier', op: 'neq', value: 'gold' }, { tier: 'silver' }, true],
    ['numbers parsed from text', { hidden: 'size', op: 'gte', value: 100 }, { size: '250' }, true],
    ['non-numeric text fails numeric ops', { hidden: 'size', op: 'gte', value: 100 }, { size: 'big' }, false],
    ['in', { hidden: 'region', op: 'in', value: ['north', 'south'] }, { region: 'south' }, true],
    ['missing is not answered', { hidden: 'tier', op: 'notAnswered' }, {}, true],
    ['missing fails eq', { hidden: 'tier', op: 'eq', value: 'gold' }, { tier: undefined }, false],
  ];
  it.each(cases)('%s', (_name, condition, hidden, expected) => {
    expect(evaluateCondition(condition, {}, hidden)).toBe(expected);
  });

  it('combines hidden fields and answers', () => {
    const condition: Condition = {
      all: [
        { hidden: 'tier', op: 'eq', value: 'key' },
        {
          any: [
            { question: 'nps', op: 'lte', value: 6 },
            { question: 'csat', op: 'lte', value: 2 },
          ],
        },
      ],
    };
    expect(evaluateCondition(condition, { nps: 9, csat: 2 }, { tier: 'key' })).toBe(true);
    expect(evaluateCondition(condition, { nps: 9, csat: 4 }, { tier: 'key' })).toBe(false);
    expect(evaluateCondition(condition, { nps: 3 }, { tier: 'other' })).toBe(false);
  });
});
