import { describe, expect, it } from 'vitest';
import { parseSurveyDefinition } from './parseSurveyDefinition.ts';
import type { SurveyDefinition } from './surveyDefinitionSchema.ts';
import { validateAnswers } from './validateAnswers.ts';

const t = (en: string) => ({ en });
const options = (...values: string[]) => values.map((value) => ({ value, text: t(value) }));

function define(questions: unknown[]): SurveyDefinition {
  const parsed = parseSurveyDefinition({
    formatVersion: 1,
    title: t('S'),
    languages: ['en'],
    defaultLanguage: 'en',
    hiddenFields: ['tier'],
    pages: [{ id: 'p', blocks: [{ id: 'b', questions }] }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.definition;
}

const survey = define([
  { id: 'nps', type: 'nps', text: t('n'), minLabel: t('0'), maxLabel: t('10'), required: true },
  {
    id: 'ces',
    type: 'rating',
    text: t('r'),
    min: 1,
    max: 7,
    minLabel: t('a'),
    maxLabel: t('b'),
    measure: 'ces',
  },
  { id: 'agree', type: 'agreement', text: t('a'), force: 'control', keying: 'fulfilled' },
  {
    id: 'agreeNa',
    type: 'agreement',
    text: t('a'),
    force: 'control',
    keying: 'tension',
    allowNotApplicable: true,
  },
  { id: 'one', type: 'singleChoice', text: t('s'), options: options('a', 'b') },
  { id: 'oneOther', type: 'singleChoice', text: t('s'), options: options('a', 'b'), other: true },
  {
    id: 'many',
    type: 'multipleChoice',
    text: t('m'),
    options: options('a', 'b', 'c'),
    other: true,
    maxSelections: 2,
  },
  { id: 'comment', type: 'text', text: t('c'), maxLength: 10 },
  { id: 'longComment', type: 'text', text: t('c') },
  {
    id: 'grid',
    type: 'matrix',
    text: t('g'),
    required: true,
    rows: [
      { id: 'speed', text: t('s') },
      { id: 'price', text: t('p') },
    ],
    scale: { min: 1, max: 5, minLabel: t('l'), maxLabel: t('h') },
  },
  {
    id: 'rank',
    type: 'ranking',
    text: t('r'),
    options: options('us', 'them', 'inHouse'),
    measure: 'preference',
    supplierOption: 'us',
  },
  { id: 'promise', type: 'dissonance', text: t('d') },
  { id: 'feel', type: 'emotions', text: t('e'), maxPicks: 2, emotions: ['happy', 'safe', 'stressed'] },
  { id: 'ok', type: 'consent', text: t('c'), required: true },
  { id: 'maybe', type: 'consent', text: t('c') },
  { id: 'whyLow', type: 'text', text: t('w'), displayIf: { question: 'nps', op: 'lte', value: 6 } },
]);

const COMPLETE = {
  nps: 8,
  ces: 7,
  agree: 5,
  agreeNa: 'notApplicable',
  one: 'a',
  oneOther: { other: 'Something else' },
  many: ['a', { other: 'Also this' }],
  comment: 'Fine',
  longComment: 'x'.repeat(5000),
  grid: { speed: 1, price: 5 },
  rank: ['them', 'us', 'inHouse'],
  promise: 'inLine',
  feel: ['happy', 'safe'],
  ok: true,
  maybe: false,
};

const check = (patch: Record<string, unknown>) => validateAnswers(survey, { ...COMPLETE, ...patch }, {});

describe('validateAnswers', () => {
  it('accepts a complete, well-formed set of answers', () => {
    expect(check({})).toEqual([]);
  });

  const wrong: [string, Record<string, unknown>, string, string][] = [
    ['nps above 10', { nps: 11 }, 'answers.nps', 'Must be an integer from 0 to 10'],
    ['nps not an integer', { nps: 7.5 }, 'answers.nps', 'Must be an integer from 0 to 10'],
    ['nps as text', { nps: '8' }, 'answers.nps', 'Must be an integer from 0 to 10'],
    ['rating below min', { ces: 0 }, 'answers.ces', 'Must be an integer from 1 to 7'],
    ['agreement of 6', { agree: 6 }, 'answers.agree', 'Must be an integer from 1 to 5'],
    [
      '"not applicable" where not offered',
      { agree: 'notApplicable' },
      'answers.agree',
      'Must be an integer from 1 to 5',
    ],
    ['an unknown option', { one: 'z' }, 'answers.one', 'Unknown option "z"'],
    [
      '"other" where not offered',
      { one: { other: 'x' } },
      'answers.one',
      'This question has no "other" choice',
    ],
    [
      'a blank "other"',
      { oneOther: { other: ' ' } },
      'answers.oneOther',
      'The "other" text must be filled in',
    ],
    [
      'an oversized "other"',
      { oneOther: { other: 'x'.repeat(501) } },
      'answers.oneOther',
      'The "other" text must be at most 500 characters',
    ],
    [
      'a list for a single choice',
      { one: ['a'] },
      'answers.one',
      'Must be an option value or { "other": text }',
    ],
    ['a scalar for a multiple choice', { many: 'a' }, 'answers.many', 'Must be a list of choices'],
    ['an unknown item in a multiple choice', { many: ['a', 'z'] }, 'answers.many[1]', 'Unknown option "z"'],
    ['a repeated choice', { many: ['a', 'a'] }, 'answers.many', 'Each choice may be picked once'],
    ['too many choices', { many: ['a', 'b', 'c'] }, 'answers.many', 'Pick at most 2'],
    ['oversized text', { comment: 'x'.repeat(11) }, 'answers.comment', 'Must be at most 10 characters'],
    [
      'text over the default 5000',
      { longComment: 'x'.repeat(5001) },
      'answers.longComment',
      'Must be at most 5000 characters',
    ],
    ['a number as text', { comment: 42 }, 'answers.comment', 'Must be a string'],
    [
      'a matrix cell out of range',
      { grid: { speed: 6, price: 1 } },
      'answers.grid.speed',
      'Must be an integer from 1 to 5',
    ],
    [
      'an unknown matrix row',
      { grid: { speed: 1, price: 1, colour: 2 } },
      'answers.grid.colour',
      'Unknown row "colour"',
    ],
    ['a required matrix row missing', { grid: { speed: 1 } }, 'answers.grid.price', 'Required'],
    [
      'a list as matrix answer',
      { grid: [1, 2] },
      'answers.grid',
      'Must be an object of row id to scale point',
    ],
    [
      'a partial ranking',
      { rank: ['us', 'them'] },
      'answers.rank',
      'Must rank every option exactly once: us, them, inHouse',
    ],
    [
      'a ranking with a repeat',
      { rank: ['us', 'us', 'them'] },
      'answers.rank',
      'Must rank every option exactly once: us, them, inHouse',
    ],
    ['an unknown dissonance', { promise: 'same' }, 'answers.promise', 'Must be one of worse, inLine, better'],
    [
      'an emotion not offered',
      { feel: ['happy', 'frustrated'] },
      'answers.feel[1]',
      'Unknown emotion "frustrated"',
    ],
    ['too many emotions', { feel: ['happy', 'safe', 'stressed'] }, 'answers.feel', 'Pick at most 2'],
    ['a repeated emotion', { feel: ['happy', 'happy'] }, 'answers.feel', 'Each emotion may be picked once'],
    ['consent as text', { maybe: 'yes' }, 'answers.maybe', 'Must be true or false'],
    ['a refused required consent', { ok: false }, 'answers.ok', 'Consent is required'],
  ];
  it.each(wrong)('rejects %s', (_name, patch, path, message) => {
    expect(check(patch)).toEqual([{ path, message }]);
  });

  it('requires a required question that is shown', () => {
    const { nps: _nps, ...rest } = COMPLETE;
    expect(validateAnswers(survey, rest, {})).toEqual([{ path: 'answers.nps', message: 'Required' }]);
    expect(check({ nps: null })).toEqual([{ path: 'answers.nps', message: 'Required' }]);
  });

  it('does not require optional questions and treats blank answers as unanswered', () => {
    expect(check({ ces: undefined, comment: '   ', many: [], grid: { speed: 2, price: 3 } })).toEqual([]);
  });

  it('rejects an answer to a question hidden by logic, and accepts it once shown', () => {
    expect(check({ whyLow: 'Too slow' })).toEqual([
      { path: 'answers.whyLow', message: 'Question is hidden by logic for these answers' },
    ]);
    expect(check({ nps: 3, whyLow: 'Too slow' })).toEqual([]);
  });

  it('does not require a hidden required question', () => {
    const gated = define([
      { id: 'a', type: 'consent', text: t('a') },
      {
        id: 'b',
        type: 'text',
        text: t('b'),
        required: true,
        displayIf: { question: 'a', op: 'eq', value: true },
      },
    ]);
    expect(validateAnswers(gated, { a: false }, {})).toEqual([]);
    expect(validateAnswers(gated, { a: true }, {})).toEqual([{ path: 'answers.b', message: 'Required' }]);
  });

  it('rejects answers to unknown questions', () => {
    expect(check({ colour: 'red' })).toEqual([{ path: 'answers.colour', message: 'Unknown question' }]);
  });
});
