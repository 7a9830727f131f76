import { describe, expect, it } from 'vitest';
import type { Question } from '../surveys/definition/index.ts';
import { localizeAnswerIssue, pageIssues } from './pageIssues.ts';
import { questionTypesSurvey } from './questionTypesSurvey.ts';
import { uiText } from './uiText.ts';

const survey = questionTypesSurvey();
const question = (id: string) =>
  survey.pages
    .flatMap((page) => page.blocks.flatMap((block) => block.questions))
    .find((q) => q.id === id) as Question;

describe('pageIssues', () => {
  it('reports the required questions of the page only, in page order, in the respondent’s language', () => {
    expect(pageIssues(survey, 0, {}, {}, 'en')).toEqual([
      { questionId: 'nps', message: 'Please answer this question' },
      { questionId: 'channels', message: 'Please answer this question' },
    ]);
    expect(pageIssues(survey, 1, { nps: 20 }, {}, 'it')).toEqual([
      { questionId: 'incident', message: 'Risponda a questa domanda' },
      { questionId: 'contactBack', message: 'Risponda a questa domanda' },
    ]);
  });

  it('maps each kind of answer problem to its message, one per question', () => {
    const answers = {
      nps: 7,
      channels: { portal: 3 },
      incident: { other: '' },
      actions: ['raised', 'waited', 'left', 'raised'],
      comment: 'x'.repeat(201),
      contactBack: false,
    };
    expect(pageIssues(survey, 0, answers, {}, 'en')).toEqual([
      { questionId: 'channels', message: 'Please answer every row' },
    ]);
    expect(pageIssues(survey, 1, answers, {}, 'en')).toEqual([
      { questionId: 'incident', message: 'Please describe your “other” answer' },
      { questionId: 'actions', message: 'This answer is not valid: please choose again' },
      { questionId: 'comment', message: 'Use at most 200 characters' },
      { questionId: 'contactBack', message: 'Please tick the box to continue' },
    ]);
  });

  it('is empty for a complete, valid page', () => {
    expect(pageIssues(survey, 0, { nps: 9, channels: { portal: 3, phone: 5 } }, {}, 'en')).toEqual([]);
  });
});

describe('localizeAnswerIssue', () => {
  const en = uiText('en');
  const it_ = uiText('it');
  it.each([
    ['Required', false, 'nps', en, 'Please answer this question'],
    ['Required', true, 'channels', en, 'Please answer every row'],
    ['Must be an integer from 0 to 10', false, 'nps', en, 'Enter a whole number from 0 to 10'],
    ['Must be an integer from -5 to 5', false, 'ces', it_, 'Inserisca un numero intero da -5 a 5'],
    ['Must be at most 200 characters', false, 'comment', en, 'Use at most 200 characters'],
    [
      'The "other" text must be at most 500 characters',
      false,
      'incident',
      it_,
      'Usi al massimo 500 caratteri',
    ],
    ['The "other" text must be filled in', false, 'incident', en, 'Please describe your “other” answer'],
    ['Pick at least 2', false, 'actions', en, 'Choose at least 2'],
    ['Pick at most 3', false, 'feelings', it_, 'Ne scelga al massimo 3'],
    [
      'Must rank every option exactly once: us, them, inHouse',
      false,
      'preference',
      en,
      'Give each option a different position, from 1 to 3',
    ],
    ['Consent is required', false, 'contactBack', it_, 'Selezioni la casella per continuare'],
    ['Something new', false, 'nps', en, 'This answer is not valid: please choose again'],
  ] as const)('%s → %s', (message, aboutPart, id, ui, expected) => {
    expect(localizeAnswerIssue(message, aboutPart, question(id), ui)).toBe(expected);
  });
});
