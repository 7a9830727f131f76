import { describe, expect, it } from 'vitest';
import {
  type ForceKey,
  SURVEY_FORCE_KEYS,
  surveyDefinitionSchema,
  surveyQuestions,
  validateSurveyDefinition,
} from '../definition/index.ts';
import { touchpointPulseTemplate } from './touchpointPulseTemplate.ts';

const delivery = { en: 'Delivery', it: 'Consegna' };

describe('touchpointPulseTemplate', () => {
  const pairs: [ForceKey, ForceKey][] = SURVEY_FORCE_KEYS.flatMap((a, i) =>
    SURVEY_FORCE_KEYS.slice(i + 1).map((b): [ForceKey, ForceKey] => [a, b]),
  );

  it.each(pairs)('validates for %s + %s with either metric', (first, second) => {
    for (const metric of ['nps', 'csat'] as const) {
      const survey = touchpointPulseTemplate({ touchpointName: delivery, forces: [first, second], metric });
      expect(surveyDefinitionSchema.safeParse(survey).error?.issues ?? []).toEqual([]);
      expect(validateSurveyDefinition(survey)).toEqual([]);
      expect(surveyQuestions(survey).map((question) => question.id)).toEqual([
        metric === 'nps' ? 'pulse.nps' : 'pulse.csat',
        `${first}.p1`,
        `${second}.p1`,
        'pulse.expectation',
        'pulse.comment',
      ]);
    }
  });

  it('tags the Force items and names the touchpoint in each language', () => {
    const survey = touchpointPulseTemplate({
      touchpointName: delivery,
      forces: ['status', 'enjoyment'],
      metric: 'csat',
    });
    expect(surveyQuestions(survey)[1]).toMatchObject({
      type: 'agreement',
      force: 'status',
      keying: 'fulfilled',
    });
    expect(surveyQuestions(survey)[0]).toMatchObject({ type: 'rating', measure: 'csat', min: 1, max: 5 });
    expect(survey.pages[0].title).toEqual({
      en: 'Your recent experience: Delivery',
      it: 'La Sua esperienza recente: Consegna',
    });
  });

  it('keeps only the chosen languages', () => {
    const survey = touchpointPulseTemplate({
      touchpointName: { en: 'Invoice' },
      forces: ['fairTreatment', 'certainty'],
      metric: 'nps',
      languages: ['en'],
    });
    expect(validateSurveyDefinition(survey)).toEqual([]);
    expect(Object.keys(surveyQuestions(survey)[1].text)).toEqual(['en']);
  });

  it('throws for the same Force twice or a touchpoint name missing a language', () => {
    expect(() =>
      touchpointPulseTemplate({ touchpointName: delivery, forces: ['control', 'control'], metric: 'nps' }),
    ).toThrow(/two different Forces/);
    expect(() =>
      touchpointPulseTemplate({
        touchpointName: { en: 'Delivery' },
        forces: ['control', 'status'],
        metric: 'nps',
      }),
    ).toThrow(/title\.it: Missing "it" translation/);
  });
});
