import { describe, expect, it } from 'vitest';
import {
  surveyDefinitionSchema,
  surveyQuestions,
  validateAnswers,
  validateSurveyDefinition,
  visibleQuestions,
} from '../definition/index.ts';
import { ATTACHMENT_ITEMS } from './attachmentItems.ts';
import { FORCE_ITEMS } from './forceItems.ts';
import { relationshipSurveyTemplate } from './relationshipSurveyTemplate.ts';

describe('relationshipSurveyTemplate', () => {
  const survey = relationshipSurveyTemplate();
  const questions = surveyQuestions(survey);
  const byId = new Map(questions.map((question) => [question.id, question]));

  it('passes the schema and the cross-field rules', () => {
    expect(surveyDefinitionSchema.safeParse(survey).error?.issues ?? []).toEqual([]);
    expect(validateSurveyDefinition(survey)).toEqual([]);
    expect(survey.languages).toEqual(['en', 'it']);
  });

  it('asks every relationship Force item, tagged with its Force and keying, in a randomised block', () => {
    const relationshipItems = FORCE_ITEMS.filter((item) => item.use === 'relationship');
    for (const item of relationshipItems) {
      expect(byId.get(item.id)).toMatchObject({ type: 'agreement', force: item.force, keying: item.keying });
    }
    const forceBlock = survey.pages[0].blocks[0];
    expect(forceBlock.randomize).toBe(true);
    expect(forceBlock.questions).toHaveLength(relationshipItems.length);
    expect(questions.some((question) => question.id.endsWith('.p1'))).toBe(false);
  });

  it('includes CSAT, attachment, the outcomes, dissonance, incidents, emotions and a comment', () => {
    const measures = questions.map((question) => ('measure' in question ? question.measure : undefined));
    expect(measures).toEqual(
      expect.arrayContaining([
        'csat',
        'continue',
        'shareOfSpend',
        'preference',
        'buyMore',
        'criticalIncident',
        'incidentResponse',
      ]),
    );
    expect(
      questions.filter((question) => question.type === 'agreement' && question.measure === 'attachment'),
    ).toHaveLength(ATTACHMENT_ITEMS.length);
    const types = new Set(questions.map((question) => question.type));
    for (const type of ['nps', 'dissonance', 'emotions', 'text', 'ranking'] as const)
      expect(types.has(type)).toBe(true);
  });

  it('shows the incident follow-up only after a reported bad experience', () => {
    const shown = (occurred: string) =>
      visibleQuestions(survey, { 'incident.occurred': occurred }, {}).map((q) => q.id);
    expect(shown('yes')).toContain('incident.response');
    expect(shown('no')).not.toContain('incident.response');
    expect(visibleQuestions(survey, {}, {}).map((q) => q.id)).not.toContain('incident.response');
  });

  it('accepts a complete response and rejects a follow-up without a bad experience', () => {
    const answers: Record<string, unknown> = {
      'satisfaction.csat': 4,
      'outcome.nps': 9,
      'outcome.preference': ['mainAlternative', 'us', 'otherSuppliers', 'inHouse'],
      'incident.occurred': 'yes',
      'incident.response': ['raisedResolved', { other: 'Escalated to the director' }],
      'feedback.emotions': ['trusting', 'stressed'],
      'certainty.t1': 'notApplicable',
    };
    expect(validateAnswers(survey, answers, {})).toEqual([]);
    expect(validateAnswers(survey, { ...answers, 'incident.occurred': 'no' }, {})).toEqual([
      { path: 'answers.incident.response', message: 'Question is hidden by logic for these answers' },
    ]);
  });

  it('honours the options: languages, supplier name, alternatives, share-of-spend bands', () => {
    const italian = relationshipSurveyTemplate({
      languages: ['it'],
      supplierName: 'Acme Rail',
      alternatives: [{ value: 'rival', text: { it: 'Un concorrente' } }],
      shareOfSpend: 'bands',
      hiddenFields: ['account', 'region'],
    });
    expect(validateSurveyDefinition(italian)).toEqual([]);
    expect(italian.defaultLanguage).toBe('it');
    expect(italian.title).toEqual({ it: 'Il Suo rapporto con noi' });
    const preference = surveyQuestions(italian).find((question) => question.id === 'outcome.preference');
    expect(preference).toMatchObject({
      options: [
        { value: 'us', text: { it: 'Acme Rail' } },
        { value: 'rival', text: { it: 'Un concorrente' } },
      ],
    });
    expect(
      surveyQuestions(italian).find((question) => question.id === 'outcome.shareOfSpendBand')?.type,
    ).toBe('singleChoice');
  });

  it('gives each survey its own copy of the library items', () => {
    const first = relationshipSurveyTemplate();
    surveyQuestions(first)[0].text.en = 'changed';
    expect(surveyQuestions(relationshipSurveyTemplate())[0].text.en).not.toBe('changed');
  });

  it('throws when the options make the survey invalid', () => {
    expect(() =>
      relationshipSurveyTemplate({ alternatives: [{ value: 'us', text: { en: 'Dup', it: 'Dup' } }] }),
    ).toThrow(/Duplicate option value "us"/);
  });
});
