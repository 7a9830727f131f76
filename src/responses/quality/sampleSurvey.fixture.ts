// Test fixture: survey definitions built through the real parser, so they are valid surveys.
import { parseSurveyDefinition, type SurveyDefinition } from '../../surveys/definition/index.ts';

const t = (en: string) => ({ en });

export type AgreementItem = { id: string; keying?: 'fulfilled' | 'tension'; allowNotApplicable?: boolean };

/** A one-page survey: an NPS question, the given agreement items, then a comment box. */
export function sampleSurvey(items: readonly AgreementItem[]): SurveyDefinition {
  const parsed = parseSurveyDefinition({
    formatVersion: 1,
    title: t('Relationship survey'),
    languages: ['en'],
    defaultLanguage: 'en',
    pages: [
      {
        id: 'p1',
        blocks: [
          {
            id: 'b1',
            questions: [
              { id: 'nps', type: 'nps', text: t('Recommend?'), minLabel: t('0'), maxLabel: t('10') },
              ...items.map((item) => ({
                id: item.id,
                type: 'agreement',
                text: t(item.id),
                // A Force item needs a keying; an item without one is a plain agreement question.
                ...(item.keying ? { force: 'certainty', keying: item.keying } : {}),
                ...(item.allowNotApplicable ? { allowNotApplicable: true } : {}),
              })),
              { id: 'comment', type: 'text', text: t('Anything else?') },
            ],
          },
        ],
      },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.definition;
}

/** `count` agreement items a1…aN, alternately fulfilled- and tension-keyed. */
export function agreementItems(count: number): AgreementItem[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `a${index + 1}`,
    keying: index % 2 === 0 ? 'fulfilled' : 'tension',
  }));
}
