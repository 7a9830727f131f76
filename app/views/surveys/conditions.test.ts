import { describe, expect, it } from 'vitest';
import { OUTCOME_ITEMS } from '../../../src/surveys/library/index.ts';
import { fromEditable, operatorsFor, toEditable, valueChoices } from './conditions.ts';
import type { Question } from './draft.ts';

const QUESTIONS: Question[] = [
  OUTCOME_ITEMS.nps,
  OUTCOME_ITEMS.incident,
  OUTCOME_ITEMS.contactBack,
  OUTCOME_ITEMS.comment,
];
const find = (id: string) => QUESTIONS.find((question) => question.id === id) ?? null;

describe('conditions in the builder’s form', () => {
  it('reads a comparison, and all / any groups of comparisons, and writes them back the same', () => {
    const cases = [
      { question: 'outcome.nps', op: 'lte', value: 6 },
      {
        all: [
          { question: 'outcome.nps', op: 'gte', value: 9 },
          { hidden: 'tier', op: 'eq', value: 'key' },
        ],
      },
      { any: [{ question: CRITICAL, op: 'eq', value: 'yes' }] },
      {
        any: [
          { question: 'feedback.contactBack', op: 'eq', value: true },
          { question: 'outcome.nps', op: 'notAnswered' },
        ],
      },
    ] as const;
    for (const condition of cases) {
      const editable = toEditable(condition as never);
      expect(editable).not.toBeNull();
      expect(fromEditable(editable!, find)).toEqual(condition);
    }
    expect(toEditable(undefined)).toEqual({ mode: 'always', rows: [] });
    expect(fromEditable({ mode: 'always', rows: [] }, find)).toBeUndefined();
  });

  it('leaves trees it cannot show (not, nesting, in) for the read-only view', () => {
    expect(toEditable({ not: { question: 'outcome.nps', op: 'eq', value: 1 } })).toBeNull();
    expect(toEditable({ all: [{ any: [{ hidden: 'a', op: 'answered' }] }] })).toBeNull();
    expect(toEditable({ question: CRITICAL, op: 'in', value: ['yes'] })).toBeNull();
  });

  it('types values as the question needs them and leaves a non-number for the API to name', () => {
    const typed = (source: string, op: 'eq' | 'gt', value: string) =>
      fromEditable({ mode: 'all', rows: [{ source, op, value }] }, find);
    expect(typed('q:outcome.nps', 'eq', '7')).toEqual({ question: 'outcome.nps', op: 'eq', value: 7 });
    expect(typed('q:outcome.nps', 'eq', 'seven')).toEqual({
      question: 'outcome.nps',
      op: 'eq',
      value: 'seven',
    });
    expect(typed('q:feedback.contactBack', 'eq', 'false')).toEqual({
      question: 'feedback.contactBack',
      op: 'eq',
      value: false,
    });
    expect(typed('h:spend', 'gt', '250')).toEqual({ hidden: 'spend', op: 'gt', value: 250 });
    expect(typed('h:region', 'eq', '42')).toEqual({ hidden: 'region', op: 'eq', value: '42' });
  });

  it('offers the comparisons and values each question type supports', () => {
    expect(operatorsFor(find('outcome.nps'))).toContain('lte');
    expect(operatorsFor(find(CRITICAL))).toEqual(['eq', 'neq', 'answered', 'notAnswered']);
    expect(operatorsFor(find('feedback.comment'))).toEqual(['answered', 'notAnswered']);
    expect(valueChoices(find(CRITICAL))?.map((choice) => choice.value)).toEqual(['yes', 'no']);
    expect(valueChoices(find('outcome.nps'))).toBeNull();
  });
});

const CRITICAL = 'incident.occurred';
