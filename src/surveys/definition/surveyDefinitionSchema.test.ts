import { describe, expect, it } from 'vitest';
import { parseSurveyDefinition } from './parseSurveyDefinition.ts';
import type { SurveyDefinition } from './surveyDefinitionSchema.ts';
import { surveyDefinitionSchema } from './surveyDefinitionSchema.ts';
import { validateSurveyDefinition } from './validateSurveyDefinition.ts';

const t = (en: string) => ({ en });

/** A one-language survey: one page per list of blocks, each block a list of questions. */
function survey(questions: unknown[], extra: Record<string, unknown> = {}): unknown {
  return {
    formatVersion: 1,
    title: t('Survey'),
    languages: ['en'],
    defaultLanguage: 'en',
    hiddenFields: ['account', 'tier'],
    pages: [{ id: 'p1', blocks: [{ id: 'b1', questions }] }],
    ...extra,
  };
}

function issuesOf(input: unknown): { path: string; message: string }[] {
  const parsed = parseSurveyDefinition(input);
  return parsed.ok ? [] : [...parsed.issues];
}

const VALID_QUESTIONS: Record<string, unknown> = {
  nps: { id: 'q', type: 'nps', text: t('Recommend?'), minLabel: t('No'), maxLabel: t('Yes') },
  rating: {
    id: 'q',
    type: 'rating',
    text: t('CES'),
    min: 1,
    max: 7,
    minLabel: t('Hard'),
    maxLabel: t('Easy'),
    measure: 'ces',
  },
  agreement: {
    id: 'q',
    type: 'agreement',
    text: t('I know'),
    force: 'certainty',
    keying: 'tension',
    allowNotApplicable: true,
  },
  agreementAttachment: { id: 'q', type: 'agreement', text: t('I feel'), measure: 'attachment' },
  singleChoice: {
    id: 'q',
    type: 'singleChoice',
    text: t('Pick'),
    options: [
      { value: 'a', text: t('A') },
      { value: 'b', text: t('B') },
    ],
    other: true,
  },
  multipleChoice: {
    id: 'q',
    type: 'multipleChoice',
    text: t('Pick'),
    options: [{ value: 'a', text: t('A') }],
    other: true,
    minSelections: 1,
    maxSelections: 2,
  },
  text: { id: 'q', type: 'text', text: t('Comment'), maxLength: 200 },
  matrix: {
    id: 'q',
    type: 'matrix',
    text: t('Rate'),
    rows: [
      { id: 'speed', text: t('Speed') },
      { id: 'quality', text: t('Quality') },
    ],
    scale: { min: 1, max: 5, minLabel: t('Poor'), maxLabel: t('Great') },
  },
  ranking: {
    id: 'q',
    type: 'ranking',
    text: t('Rank'),
    options: [
      { value: 'us', text: t('Us') },
      { value: 'them', text: t('Them') },
    ],
    measure: 'preference',
    supplierOption: 'us',
  },
  dissonance: { id: 'q', type: 'dissonance', text: t('Promise?') },
  emotions: {
    id: 'q',
    type: 'emotions',
    text: t('Feel?'),
    maxPicks: 2,
    emotions: ['happy', 'stressed', 'safe'],
  },
  consent: { id: 'q', type: 'consent', text: t('You may call me') },
};

describe('surveyDefinitionSchema: question types', () => {
  it.each(Object.entries(VALID_QUESTIONS))('accepts a valid %s question', (_name, question) => {
    expect(issuesOf(survey([question]))).toEqual([]);
  });

  it.each(Object.entries(VALID_QUESTIONS))('rejects an unknown field on a %s question', (_name, question) => {
    const issues = issuesOf(survey([{ ...(question as object), colour: 'red' }]));
    expect(issues.some((issue) => issue.path === 'pages[0].blocks[0].questions[0]')).toBe(true);
  });

  it('rejects an unknown question type', () => {
    const issues = issuesOf(survey([{ id: 'q', type: 'slider', text: t('?') }]));
    expect(issues.map((issue) => issue.path)).toEqual(['pages[0].blocks[0].questions[0].type']);
  });

  it('rejects unknown fields on the survey, pages and blocks', () => {
    const paths = issuesOf({
      ...(survey([VALID_QUESTIONS.nps]) as object),
      pages: [
        { id: 'p1', colour: 1, blocks: [{ id: 'b1', shuffle: true, questions: [VALID_QUESTIONS.nps] }] },
      ],
      theme: 'dark',
    }).map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['', 'pages[0]', 'pages[0].blocks[0]']));
  });

  it('rejects another format version', () => {
    expect(issuesOf(survey([VALID_QUESTIONS.nps], { formatVersion: 2 })).map((i) => i.path)).toEqual([
      'formatVersion',
    ]);
  });

  const bad: [string, unknown, string][] = [
    ['rating with max <= min', { ...(VALID_QUESTIONS.rating as object), min: 5, max: 5 }, 'max'],
    ['rating with a fractional bound', { ...(VALID_QUESTIONS.rating as object), max: 7.5 }, 'max'],
    ['rating wider than 101 points', { ...(VALID_QUESTIONS.rating as object), min: 0, max: 101 }, 'max'],
    [
      'matrix scale with max <= min',
      {
        ...(VALID_QUESTIONS.matrix as object),
        scale: { min: 3, max: 1, minLabel: t('a'), maxLabel: t('b') },
      },
      'scale.max',
    ],
    [
      'agreement with a Force but no keying',
      { id: 'q', type: 'agreement', text: t('x'), force: 'status' },
      'keying',
    ],
    [
      'agreement with both Force and attachment',
      {
        id: 'q',
        type: 'agreement',
        text: t('x'),
        force: 'status',
        keying: 'fulfilled',
        measure: 'attachment',
      },
      'measure',
    ],
    [
      'agreement with an unknown Force',
      { id: 'q', type: 'agreement', text: t('x'), force: 'joy', keying: 'fulfilled' },
      'force',
    ],
    ['nps with a min field', { ...(VALID_QUESTIONS.nps as object), min: 1 }, ''],
    [
      'duplicate option values',
      {
        ...(VALID_QUESTIONS.singleChoice as object),
        options: [
          { value: 'a', text: t('A') },
          { value: 'a', text: t('A2') },
        ],
      },
      'options[1].value',
    ],
    [
      'single choice with one option',
      { ...(VALID_QUESTIONS.singleChoice as object), options: [{ value: 'a', text: t('A') }] },
      'options',
    ],
    [
      'option value with a space',
      {
        ...(VALID_QUESTIONS.singleChoice as object),
        options: [
          { value: 'a b', text: t('A') },
          { value: 'c', text: t('C') },
        ],
      },
      'options[0].value',
    ],
    [
      'multiple choice min > max',
      { ...(VALID_QUESTIONS.multipleChoice as object), minSelections: 2, maxSelections: 1 },
      'minSelections',
    ],
    [
      'multiple choice max above the choices',
      { ...(VALID_QUESTIONS.multipleChoice as object), maxSelections: 3 },
      'maxSelections',
    ],
    [
      'otherLabel without other',
      { ...(VALID_QUESTIONS.singleChoice as object), other: false, otherLabel: t('Else') },
      'otherLabel',
    ],
    [
      'duplicate matrix rows',
      {
        ...(VALID_QUESTIONS.matrix as object),
        rows: [
          { id: 'r', text: t('R') },
          { id: 'r', text: t('R') },
        ],
      },
      'rows[1].id',
    ],
    [
      'ranking supplierOption not among options',
      { ...(VALID_QUESTIONS.ranking as object), supplierOption: 'acme' },
      'supplierOption',
    ],
    [
      'preference ranking without supplierOption',
      {
        id: 'q',
        type: 'ranking',
        text: t('x'),
        measure: 'preference',
        options: [
          { value: 'a', text: t('A') },
          { value: 'b', text: t('B') },
        ],
      },
      'supplierOption',
    ],
    ['emotions maxPicks above 20', { id: 'q', type: 'emotions', text: t('x'), maxPicks: 21 }, 'maxPicks'],
    [
      'emotions maxPicks above the offered',
      { ...(VALID_QUESTIONS.emotions as object), maxPicks: 4 },
      'maxPicks',
    ],
    [
      'an unknown emotion',
      { ...(VALID_QUESTIONS.emotions as object), emotions: ['happy', 'bored'] },
      'emotions[1]',
    ],
    [
      'duplicate emotions',
      { ...(VALID_QUESTIONS.emotions as object), emotions: ['happy', 'happy'], maxPicks: 1 },
      'emotions[1]',
    ],
    ['text maxLength 0', { ...(VALID_QUESTIONS.text as object), maxLength: 0 }, 'maxLength'],
    ['a question id with a space', { ...(VALID_QUESTIONS.consent as object), id: 'my q' }, 'id'],
    ['a non-boolean required', { ...(VALID_QUESTIONS.consent as object), required: 'yes' }, 'required'],
    [
      'a text keyed by an invalid language code',
      { ...(VALID_QUESTIONS.consent as object), text: { EN: 'Hi' } },
      'text.EN',
    ],
  ];
  it.each(bad)('rejects %s', (_name, question, path) => {
    const at = 'pages[0].blocks[0].questions[0]';
    expect(issuesOf(survey([question])).map((issue) => issue.path)).toContain(
      path === '' ? at : `${at}.${path}`,
    );
  });
});

describe('surveyDefinitionSchema: survey-wide rules', () => {
  const nps = (id: string, extra: object = {}) => ({ ...(VALID_QUESTIONS.nps as object), id, ...extra });

  it('rejects duplicate question ids across pages', () => {
    const input = survey([nps('a')], {
      pages: [
        { id: 'p1', blocks: [{ id: 'b1', questions: [nps('a')] }] },
        { id: 'p2', blocks: [{ id: 'b2', questions: [nps('a')] }] },
      ],
    });
    expect(issuesOf(input)).toEqual([
      { path: 'pages[1].blocks[0].questions[0].id', message: 'Duplicate question id "a"' },
    ]);
  });

  it('rejects duplicate page and block ids, and a page called "end"', () => {
    const input = survey([], {
      pages: [
        { id: 'end', blocks: [{ id: 'b', questions: [nps('a')] }] },
        { id: 'end', blocks: [{ id: 'b', questions: [nps('b')] }] },
      ],
    });
    expect(issuesOf(input).map((issue) => issue.path)).toEqual([
      'pages[1].id',
      'pages[0].id',
      'pages[1].id',
      'pages[1].blocks[0].id',
    ]);
  });

  it('rejects a default language the survey does not declare and duplicate languages', () => {
    const input = survey([nps('a')], { languages: ['en', 'en'], defaultLanguage: 'it' });
    expect(issuesOf(input).map((issue) => issue.path)).toEqual(['languages[1]', 'defaultLanguage']);
  });

  it('rejects duplicate hidden fields and invalid names', () => {
    expect(issuesOf(survey([nps('a')], { hiddenFields: ['x', 'x'] })).map((i) => i.path)).toEqual([
      'hiddenFields[1]',
    ]);
    expect(issuesOf(survey([nps('a')], { hiddenFields: ['order-ref'] })).map((i) => i.path)).toEqual([
      'hiddenFields[0]',
    ]);
  });

  it('accepts logic on earlier questions and declared hidden fields', () => {
    const input = survey([
      nps('a'),
      nps('b', {
        displayIf: {
          all: [
            { question: 'a', op: 'lte', value: 6 },
            { hidden: 'tier', op: 'in', value: ['gold'] },
          ],
        },
      }),
    ]);
    expect(issuesOf(input)).toEqual([]);
  });

  const logicCases: [string, unknown[], string, string][] = [
    [
      'a later question',
      [nps('a', { displayIf: { question: 'b', op: 'answered' } }), nps('b')],
      'questions[0].displayIf.question',
      'Refers to "b", which comes later in the survey',
    ],
    [
      'itself',
      [nps('a', { displayIf: { question: 'a', op: 'answered' } })],
      'questions[0].displayIf.question',
      'A question cannot depend on itself',
    ],
    [
      'an unknown question',
      [nps('a', { displayIf: { not: { question: 'zz', op: 'answered' } } })],
      'questions[0].displayIf.not.question',
      'Refers to unknown question "zz"',
    ],
    [
      'an undeclared hidden field',
      [nps('a', { displayIf: { any: [{ hidden: 'region', op: 'eq', value: 'north' }] } })],
      'questions[0].displayIf.any[0].hidden',
      'Refers to undeclared hidden field "region"',
    ],
    [
      'a numeric comparison on a choice',
      [VALID_QUESTIONS.singleChoice, nps('b', { displayIf: { question: 'q', op: 'gt', value: 1 } })],
      'questions[1].displayIf.op',
      '"gt" needs a numeric question; "q" is singleChoice',
    ],
    [
      'an option the question lacks',
      [
        VALID_QUESTIONS.singleChoice,
        nps('b', { displayIf: { question: 'q', op: 'in', value: ['a', 'zz'] } }),
      ],
      'questions[1].displayIf.value',
      '"q" (singleChoice) cannot have the value "zz"',
    ],
    [
      'a value on "answered"',
      [nps('a'), nps('b', { displayIf: { question: 'a', op: 'answered', value: 3 } })],
      'questions[1].displayIf.value',
      '"answered" takes no value',
    ],
    [
      'a missing value',
      [nps('a'), nps('b', { displayIf: { question: 'a', op: 'eq' } })],
      'questions[1].displayIf.value',
      '"eq" needs a value',
    ],
    [
      '"in" without a list',
      [nps('a'), nps('b', { displayIf: { question: 'a', op: 'in', value: 3 } })],
      'questions[1].displayIf.value',
      '"in" needs a non-empty list',
    ],
    [
      'a comparison on a text question',
      [VALID_QUESTIONS.text, nps('b', { displayIf: { question: 'q', op: 'eq', value: 'hi' } })],
      'questions[1].displayIf.op',
      'Only "answered" / "notAnswered" apply to a text question',
    ],
  ];
  it.each(logicCases)('rejects logic referring to %s', (_name, questions, path, message) => {
    expect(issuesOf(survey(questions))).toEqual([{ path: `pages[0].blocks[0].${path}`, message }]);
  });

  it('rejects logic on a question in the same randomized block but allows an earlier block', () => {
    const shuffled = survey([], {
      pages: [
        {
          id: 'p',
          blocks: [
            {
              id: 'b',
              randomize: true,
              questions: [nps('a'), nps('b', { displayIf: { question: 'a', op: 'answered' } })],
            },
          ],
        },
      ],
    });
    expect(issuesOf(shuffled).map((issue) => issue.message)).toEqual([
      'Refers to "a" in the same randomized block, whose order is not fixed',
    ]);
    const split = survey([], {
      pages: [
        {
          id: 'p',
          blocks: [
            { id: 'b1', randomize: true, questions: [nps('a')] },
            {
              id: 'b2',
              randomize: true,
              questions: [nps('b', { displayIf: { question: 'a', op: 'answered' } })],
            },
          ],
        },
      ],
    });
    expect(issuesOf(split)).toEqual([]);
  });

  it('checks skipTo targets and references', () => {
    const input = survey([], {
      pages: [
        {
          id: 'p1',
          blocks: [{ id: 'b1', questions: [nps('a')] }],
          skipTo: [{ when: { question: 'a', op: 'lt', value: 5 }, to: 'p3' }],
        },
        {
          id: 'p2',
          blocks: [{ id: 'b2', questions: [nps('b')] }],
          skipTo: [
            { when: { question: 'c', op: 'answered' }, to: 'end' },
            { when: { question: 'b', op: 'answered' }, to: 'p1' },
            { when: { question: 'b', op: 'answered' }, to: 'nowhere' },
          ],
        },
        { id: 'p3', blocks: [{ id: 'b3', questions: [nps('c')] }] },
      ],
    });
    expect(issuesOf(input)).toEqual([
      { path: 'pages[1].skipTo[0].when.question', message: 'Refers to "c", which is on a later page' },
      { path: 'pages[1].skipTo[1].to', message: 'Skips may only jump forward; "p1" is not after this page' },
      { path: 'pages[1].skipTo[2].to', message: 'Unknown page "nowhere"' },
    ]);
  });

  it('agrees with validateSurveyDefinition on a parsed definition', () => {
    const input = survey([nps('a'), nps('a')]) as SurveyDefinition;
    expect(validateSurveyDefinition(input)).toEqual(issuesOf(input));
    expect(surveyDefinitionSchema.safeParse(survey([nps('a')])).success).toBe(true);
  });
});
