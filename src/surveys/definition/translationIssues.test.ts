import { describe, expect, it } from 'vitest';
import type { SurveyDefinition } from './surveyDefinitionSchema.ts';
import { validateSurveyDefinition } from './validateSurveyDefinition.ts';

function bilingual(overrides: Partial<SurveyDefinition> = {}, questions: unknown[] = []): SurveyDefinition {
  return {
    formatVersion: 1,
    title: { en: 'Survey', it: 'Questionario' },
    languages: ['en', 'it'],
    defaultLanguage: 'en',
    hiddenFields: ['orderRef'],
    pages: [
      {
        id: 'p1',
        blocks: [
          { id: 'b1', questions: questions as SurveyDefinition['pages'][0]['blocks'][0]['questions'] },
        ],
      },
    ],
    ...overrides,
  };
}

const choice = {
  id: 'pick',
  type: 'singleChoice',
  text: { en: 'Pick one', it: 'Ne scelga una' },
  options: [
    { value: 'a', text: { en: 'A', it: 'A' } },
    { value: 'b', text: { en: 'B', it: 'B' } },
  ],
};

describe('translation checks', () => {
  it('accepts a survey translated in every language', () => {
    expect(validateSurveyDefinition(bilingual({}, [choice]))).toEqual([]);
  });

  it('reports each missing translation with its path, including blank strings', () => {
    const definition = bilingual({ title: { en: 'Survey', it: '  ' }, thankYou: { it: 'Grazie' } }, [
      {
        ...choice,
        help: { en: 'Just one' },
        options: [choice.options[0], { value: 'b', text: { en: 'B' } }],
      },
    ]);
    expect(validateSurveyDefinition(definition)).toEqual([
      { path: 'title.it', message: 'Missing "it" translation' },
      { path: 'thankYou.en', message: 'Missing "en" translation' },
      { path: 'pages[0].blocks[0].questions[0].help.it', message: 'Missing "it" translation' },
      { path: 'pages[0].blocks[0].questions[0].options[1].text.it', message: 'Missing "it" translation' },
    ]);
  });

  it('reports texts in languages the survey does not declare', () => {
    const definition = bilingual({ title: { en: 'Survey', it: 'Questionario', fr: 'Enquête' } });
    expect(validateSurveyDefinition(definition)).toEqual([
      { path: 'title.fr', message: 'Language "fr" is not declared by the survey' },
    ]);
  });

  it('finds texts in every question part: labels, rows, scale labels, overrides', () => {
    const matrix = {
      id: 'm',
      type: 'matrix',
      text: { en: 'Rate', it: 'Valuti' },
      rows: [{ id: 'r', text: { en: 'Row' } }],
      scale: { min: 1, max: 5, minLabel: { en: 'Low' }, maxLabel: { en: 'High', it: 'Alto' } },
    };
    const dissonance = {
      id: 'd',
      type: 'dissonance',
      text: { en: 'Promise', it: 'Promessa' },
      scaleLabels: { worse: { en: 'w', it: 'p' }, inLine: { en: 'i' }, better: { en: 'b', it: 'm' } },
    };
    expect(validateSurveyDefinition(bilingual({}, [matrix, dissonance])).map((issue) => issue.path)).toEqual([
      'pages[0].blocks[0].questions[0].rows[0].text.it',
      'pages[0].blocks[0].questions[0].scale.minLabel.it',
      'pages[0].blocks[0].questions[1].scaleLabels.inLine.it',
    ]);
  });

  it('requires label overrides for a language without built-in labels', () => {
    const definition = bilingual({ languages: ['en', 'fr'], title: { en: 'Survey', fr: 'Enquête' } }, [
      {
        id: 'a',
        type: 'agreement',
        text: { en: 'I agree', fr: 'Je suis d’accord' },
        allowNotApplicable: true,
      },
      {
        id: 'e',
        type: 'emotions',
        text: { en: 'Feel', fr: 'Ressenti' },
        maxPicks: 1,
        emotions: ['happy', 'safe'],
        labels: { happy: { en: 'Happy', fr: 'Heureux' } },
      },
    ]);
    expect(validateSurveyDefinition(definition)).toEqual([
      {
        path: 'pages[0].blocks[0].questions[0].scaleLabels',
        message: 'No built-in labels in "fr": provide scaleLabels',
      },
      {
        path: 'pages[0].blocks[0].questions[0].notApplicableLabel',
        message: 'No built-in labels in "fr": provide notApplicableLabel',
      },
      {
        path: 'pages[0].blocks[0].questions[1].labels.safe',
        message: 'No built-in labels in "fr": provide labels.safe',
      },
    ]);
  });

  it('checks piping placeholders: namespace and declared hidden fields', () => {
    const definition = bilingual({
      title: {
        en: 'Hi {{contact.firstName}} about {{hidden.orderRef}} and {{hidden.region}}',
        it: 'Ciao {{ account.name }} {{nome}}',
      },
    });
    expect(validateSurveyDefinition(definition)).toEqual([
      { path: 'title.en', message: 'Placeholder "{{hidden.region}}" refers to an undeclared hidden field' },
      { path: 'title.it', message: 'Unknown placeholder "{{nome}}": use contact.x, account.x or hidden.x' },
    ]);
  });
});
