import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISSONANCE_VALUES, EMOTION_KEYS, validateAnswers } from '../surveys/definition/index.ts';
import { encodeFormAnswers } from './encodeFormAnswers.ts';
import { parseFormAnswers } from './parseFormAnswers.ts';
import { questionTypesSurvey } from './questionTypesSurvey.ts';

const survey = questionTypesSurvey();
const parse = (pageIndex: number, form: Record<string, string | string[]>, soFar = {}, hidden = {}) =>
  parseFormAnswers(survey, pageIndex, form, hidden, soFar, 'en');

describe('parseFormAnswers: the naming scheme', () => {
  it('reads every question type of a page into the shapes of the format', () => {
    const page0 = parse(0, {
      'q:nps': '9',
      'q:ces': ' 6 ',
      'q:certainty.t1': 'notApplicable',
      'q:promise': 'inLine',
      'q:share': '35',
      'q:channels:portal': '4',
      'q:channels:phone': '',
      website: '',
      action: 'next',
      token: 't',
    });
    expect(page0.issues).toEqual([]);
    expect(page0.answers).toEqual({
      nps: 9,
      ces: 6,
      'certainty.t1': 'notApplicable',
      promise: 'inLine',
      share: 35,
      channels: { portal: 4 },
    });
    const page1 = parse(1, {
      'q:incident': '_other',
      'q:incident:other': 'Invoice errors',
      'q:actions': ['raised', '_other'],
      'q:actions:other': 'Called the director\r\nagain',
      'q:preference:us': '2',
      'q:preference:them': '3',
      'q:preference:inHouse': '1',
      'q:feelings': ['trusting', 'stressed'],
      'q:comment': 'Line one\r\nLine two',
      'q:contactBack': 'true',
    });
    expect(page1.issues).toEqual([]);
    expect(page1.answers).toEqual({
      incident: { other: 'Invoice errors' },
      actions: ['raised', { other: 'Called the director\nagain' }],
      preference: ['inHouse', 'us', 'them'],
      feelings: ['stressed', 'trusting'],
      comment: 'Line one\nLine two',
      contactBack: true,
    });
  });

  it('treats empty fields as unanswered and an unticked consent as false', () => {
    const result = parse(1, {
      'q:incident': '',
      'q:comment': '   ',
      'q:preference:us': '',
      'q:feelings': [],
    });
    expect(result.answers).toEqual({ contactBack: false });
    expect(result.issues).toEqual([]);
  });

  it('replaces the page’s earlier answers and keeps the other pages’', () => {
    const result = parse(1, { 'q:incident': 'no' }, { nps: 3, comment: 'old', role: 'Buyer' });
    expect(result.answers).toEqual({ nps: 3, incident: 'no', contactBack: false, role: 'Buyer' });
  });

  it('counts a typed "other" text as choosing "other" unless another option is picked', () => {
    expect(parse(1, { 'q:incident:other': 'Late' }).answers.incident).toEqual({ other: 'Late' });
    expect(parse(1, { 'q:incident': 'yes', 'q:incident:other': 'Late' }).answers.incident).toBe('yes');
    expect(parse(1, { 'q:actions': 'waited', 'q:actions:other': 'Escalated' }).answers.actions).toEqual([
      'waited',
      { other: 'Escalated' },
    ]);
  });

  it('keeps a ticked "other" with no text, for validateAnswers to report', () => {
    const result = parse(1, { 'q:incident': '_other', 'q:incident:other': ' ' });
    expect(result.answers.incident).toEqual({ other: '' });
    expect(result.issues).toEqual([]);
  });

  it('drops answers the logic hides: a same-page follow-up and a later-page question', () => {
    const sameP = parse(1, { 'q:incident': 'no', 'q:actions': 'raised' });
    expect(sameP.answers.actions).toBeUndefined();
    const later = parse(0, { 'q:nps': '10' }, { whyLow: 'Slow support', role: 'CFO' });
    expect(later.answers).toEqual({ nps: 10, role: 'CFO' });
    expect(parse(0, { 'q:nps': '5' }, { whyLow: 'Slow support' }).answers.whyLow).toBe('Slow support');
  });

  it('drops issues of hidden questions', () => {
    const result = parse(1, { 'q:incident': 'no', 'q:actions': 'bogus' });
    expect(result.issues).toEqual([]);
  });
});

describe('parseFormAnswers: malformed values', () => {
  const cases: [string, number, Record<string, string | string[]>, string][] = [
    ['a non-numeric NPS', 0, { 'q:nps': 'ten' }, 'Enter a whole number from 0 to 10'],
    ['an NPS off the scale', 0, { 'q:nps': '11' }, 'Enter a whole number from 0 to 10'],
    ['a fractional rating', 0, { 'q:ces': '3.5' }, 'Enter a whole number from 1 to 7'],
    ['a percentage with a sign', 0, { 'q:share': '40%' }, 'Enter a whole number from 0 to 100'],
    [
      'an agreement off the scale',
      0,
      { 'q:certainty.t1': '6' },
      'This answer is not valid: please choose again',
    ],
    [
      'an unknown dissonance value',
      0,
      { 'q:promise': 'great' },
      'This answer is not valid: please choose again',
    ],
    ['a matrix row off the scale', 0, { 'q:channels:portal': '9' }, 'Enter a whole number from 1 to 5'],
    ['two different values for a radio', 0, { 'q:nps': ['3', '4'] }, 'Enter a whole number from 0 to 10'],
    ['an unknown option', 1, { 'q:incident': 'maybe' }, 'This answer is not valid: please choose again'],
    [
      'a repeated pick',
      1,
      { 'q:actions': ['raised', 'raised'] },
      'This answer is not valid: please choose again',
    ],
    [
      'an unknown emotion',
      1,
      { 'q:feelings': ['happy', 'sleepy'] },
      'This answer is not valid: please choose again',
    ],
    [
      'a ranking with a repeated position',
      1,
      { 'q:preference:us': '1', 'q:preference:them': '1', 'q:preference:inHouse': '2' },
      'Give each option a different position, from 1 to 3',
    ],
    [
      'a partial ranking',
      1,
      { 'q:preference:us': '1', 'q:preference:them': '2' },
      'Give each option a different position, from 1 to 3',
    ],
    [
      'a ranking position out of range',
      1,
      { 'q:preference:us': '1', 'q:preference:them': '2', 'q:preference:inHouse': '4' },
      'Give each option a different position, from 1 to 3',
    ],
    [
      'a consent with another value',
      1,
      { 'q:contactBack': 'yes' },
      'This answer is not valid: please choose again',
    ],
  ];

  it.each(cases)('rejects %s with one issue and no answer', (_name, pageIndex, form, message) => {
    const result = parse(pageIndex, form);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0].message).toBe(message);
    const [questionId] = Object.keys(form)[0].slice(2).split(':');
    expect(result.issues[0].questionId).toBe(questionId);
    if (questionId !== 'channels') expect(result.answers[questionId]).toBeUndefined();
  });

  it('keeps the readable rows of a matrix with a bad row', () => {
    const result = parse(0, { 'q:channels:portal': '9', 'q:channels:phone': '2' });
    expect(result.answers.channels).toEqual({ phone: 2 });
  });

  it('speaks Italian', () => {
    const result = parseFormAnswers(survey, 0, { 'q:nps': 'x' }, {}, {}, 'it');
    expect(result.issues).toEqual([{ questionId: 'nps', message: 'Inserisca un numero intero da 0 a 10' }]);
  });
});

/** Valid answers to the fixture's pages 0 and 1, lists in the canonical order the parser produces. */
const text = (maxLength: number) =>
  fc.string({ minLength: 1, maxLength }).filter((value) => value.trim() !== '' && !value.includes('\r'));
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

const page0Answers = fc.record({
  nps: optional(fc.integer({ min: 0, max: 10 })),
  ces: optional(fc.integer({ min: 1, max: 7 })),
  'certainty.t1': optional(fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant('notApplicable'))),
  promise: optional(fc.constantFrom(...DISSONANCE_VALUES)),
  share: optional(fc.integer({ min: 0, max: 100 })),
  channels: optional(
    fc
      .record({
        portal: optional(fc.integer({ min: 1, max: 5 })),
        phone: optional(fc.integer({ min: 1, max: 5 })),
      })
      .map((rows) => Object.fromEntries(Object.entries(rows).filter(([, point]) => point !== undefined)))
      .filter((rows) => Object.keys(rows).length > 0),
  ),
});

const page1Answers = fc
  .record({
    incident: optional(
      fc.oneof(
        fc.constantFrom('yes', 'no'),
        text(500).map((other) => ({ other })),
      ),
    ),
    actions: optional(
      fc
        .tuple(fc.subarray(['raised', 'waited', 'left'], { maxLength: 2 }), optional(text(500)))
        .map(([values, other]) => (other === undefined ? values : [...values, { other }]))
        .filter((items) => items.length > 0 && items.length <= 2),
    ),
    preference: optional(fc.shuffledSubarray(['us', 'them', 'inHouse'], { minLength: 3, maxLength: 3 })),
    feelings: optional(fc.subarray([...EMOTION_KEYS], { minLength: 1, maxLength: 3 })),
    comment: optional(text(200)),
    contactBack: fc.boolean(),
    keyAccount: optional(text(100)),
  })
  // The follow-up is hidden after "no", so it has no answer then.
  .map((answers) => (answers.incident === 'no' ? { ...answers, actions: undefined } : answers));

const defined = (answers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(answers).filter(([, value]) => value !== undefined));

describe('parseFormAnswers ∘ encodeFormAnswers', () => {
  it('gives back any valid answers to the scales page', () => {
    fc.assert(
      fc.property(page0Answers, (generated) => {
        const answers = defined(generated);
        const result = parseFormAnswers(survey, 0, encodeFormAnswers(survey, 0, answers), {}, {}, 'en');
        expect(result.issues).toEqual([]);
        expect(result.answers).toEqual(answers);
      }),
      { numRuns: 200 },
    );
  });

  it('gives back any valid answers to the choices page, hidden field and logic included', () => {
    fc.assert(
      fc.property(page1Answers, (generated) => {
        const answers = defined(generated);
        const hidden = { tier: 'key' };
        const form = encodeFormAnswers(survey, 1, answers);
        const result = parseFormAnswers(survey, 1, form, hidden, {}, 'en');
        expect(result.issues).toEqual([]);
        expect(result.answers).toEqual(answers);
        // The shapes are the format's: the survey finds nothing wrong but required questions left empty.
        const limits = /^(Required|Consent is required)$/;
        expect(
          validateAnswers(survey, result.answers, hidden).filter((issue) => !limits.test(issue.message)),
        ).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
