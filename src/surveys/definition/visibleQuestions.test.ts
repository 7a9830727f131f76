import { describe, expect, it } from 'vitest';
import { parseSurveyDefinition } from './parseSurveyDefinition.ts';
import type { SurveyDefinition } from './surveyDefinitionSchema.ts';
import { visibleQuestions } from './visibleQuestions.ts';

const t = (en: string) => ({ en });
const nps = (id: string, extra: object = {}) => ({
  id,
  type: 'nps',
  text: t(id),
  minLabel: t('0'),
  maxLabel: t('10'),
  ...extra,
});

/** Parsed, so the fixture is also proof that the logic is valid. */
function define(pages: unknown[]): SurveyDefinition {
  const parsed = parseSurveyDefinition({
    formatVersion: 1,
    title: t('S'),
    languages: ['en'],
    defaultLanguage: 'en',
    hiddenFields: ['tier'],
    pages,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.definition;
}

const ids = (
  definition: SurveyDefinition,
  answers: Record<string, unknown>,
  hidden: Record<string, string> = {},
) => visibleQuestions(definition, answers, hidden).map((question) => question.id);

describe('visibleQuestions', () => {
  const survey = define([
    {
      id: 'start',
      blocks: [
        {
          id: 'b1',
          questions: [
            nps('score'),
            nps('why_low', { displayIf: { question: 'score', op: 'lte', value: 6 } }),
            nps('key_account', { displayIf: { hidden: 'tier', op: 'eq', value: 'key' } }),
          ],
        },
      ],
      skipTo: [
        { when: { question: 'score', op: 'gte', value: 9 }, to: 'promoters' },
        { when: { question: 'score', op: 'eq', value: 0 }, to: 'end' },
      ],
    },
    { id: 'middle', blocks: [{ id: 'b2', questions: [nps('detail')] }] },
    {
      id: 'promoters',
      blocks: [
        { id: 'b3', questions: [nps('praise', { displayIf: { question: 'score', op: 'gte', value: 9 } })] },
      ],
    },
    {
      id: 'last',
      blocks: [
        { id: 'b4', questions: [nps('closing', { displayIf: { question: 'detail', op: 'answered' } })] },
      ],
    },
  ]);

  it('shows unconditional questions and hides conditional ones before any answer', () => {
    expect(ids(survey, {})).toEqual(['score', 'detail']);
  });

  it('shows a follow-up when its condition holds', () => {
    expect(ids(survey, { score: 4, detail: 5 })).toEqual(['score', 'why_low', 'detail', 'closing']);
  });

  it('uses hidden fields', () => {
    expect(ids(survey, { score: 7 }, { tier: 'key' })).toEqual(['score', 'key_account', 'detail']);
  });

  it('skips the pages between a skipTo rule and its target', () => {
    expect(ids(survey, { score: 10, detail: 3 })).toEqual(['score', 'praise']);
  });

  it('ends the survey on a skip to "end"', () => {
    expect(ids(survey, { score: 0, detail: 3, closing: 1 })).toEqual(['score', 'why_low']);
  });

  it('ignores answers to skipped questions when evaluating later logic', () => {
    // "detail" is on the skipped page, so its stale answer must not reveal "closing".
    expect(ids(survey, { score: 9, detail: 3 })).not.toContain('closing');
  });

  it('lets an earlier block on the same page steer a later one', () => {
    const twoBlocks = define([
      {
        id: 'p',
        blocks: [
          { id: 'a', questions: [nps('first')] },
          {
            id: 'b',
            questions: [nps('second', { displayIf: { not: { question: 'first', op: 'answered' } } })],
          },
        ],
      },
    ]);
    expect(ids(twoBlocks, {})).toEqual(['first', 'second']);
    expect(ids(twoBlocks, { first: 5 })).toEqual(['first']);
  });
});
