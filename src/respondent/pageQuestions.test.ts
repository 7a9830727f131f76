import { describe, expect, it } from 'vitest';
import { pageQuestions, surveyPage } from './pageQuestions.ts';
import { questionTypesSurvey } from './questionTypesSurvey.ts';

const survey = questionTypesSurvey();

describe('pageQuestions', () => {
  it('places unconditional questions with no remaining condition', () => {
    const placed = pageQuestions(survey, 0, {}, {}, 1);
    expect(placed.map((item) => item.question.id)).toEqual([
      'nps',
      'ces',
      'certainty.t1',
      'promise',
      'share',
      'channels',
    ]);
    expect(placed.every((item) => item.showIf === null)).toBe(true);
  });

  it('leaves out questions settled false, keeps same-page conditions for the script', () => {
    const placed = pageQuestions(survey, 1, {}, { tier: 'basic' }, 1);
    expect(placed.map((item) => item.question.id)).not.toContain('keyAccount');
    expect(placed.find((item) => item.question.id === 'actions')?.showIf).toEqual({
      not: { question: 'incident', op: 'eq', value: 'no' },
    });
  });

  it('reads earlier pages only through the answers the logic shows', () => {
    expect(pageQuestions(survey, 2, { nps: 2 }, {}, 1).map((item) => item.question.id)).toEqual([
      'whyLow',
      'role',
    ]);
    expect(pageQuestions(survey, 2, { nps: 8 }, {}, 1).map((item) => item.question.id)).toEqual(['role']);
  });

  it('refuses a page that does not exist', () => {
    expect(() => surveyPage(survey, -1)).toThrow(RangeError);
    expect(() => surveyPage(survey, 0.5)).toThrow(RangeError);
  });
});
