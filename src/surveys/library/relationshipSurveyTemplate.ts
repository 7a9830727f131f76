import type { ChoiceOption, LocalizedText, Question, SurveyDefinition } from '../definition/index.ts';
import { ATTACHMENT_ITEMS } from './attachmentItems.ts';
import { finishTemplate, LIBRARY_LANGUAGES, type LibraryLanguage } from './finishTemplate.ts';
import { forceItemQuestion } from './forceItemQuestion.ts';
import { FORCE_ITEMS } from './forceItems.ts';
import { OUTCOME_ITEMS } from './outcomeItems.ts';

export type RelationshipSurveyOptions = {
  /** Languages to keep (default: every library language, `['en', 'it']`). */
  readonly languages?: readonly LibraryLanguage[];
  /** Default: the first of `languages`. */
  readonly defaultLanguage?: LibraryLanguage;
  readonly title?: LocalizedText;
  /** Shown for the supplier in the preference ranking instead of "Our company". */
  readonly supplierName?: string;
  /** Replace the generic alternatives of the preference ranking (the supplier stays first). */
  readonly alternatives?: readonly ChoiceOption[];
  /** Share of spend as a 0–100 percentage (default) or as bands. */
  readonly shareOfSpend?: 'percent' | 'bands';
  /** Default: `['account', 'contact', 'wave']`. */
  readonly hiddenFields?: readonly string[];
};

/**
 * The "Forces relationship survey" for one contact of an account: every relationship Force item
 * (randomised, with "don't know"), CSAT, emotional attachment, the relationship outcomes
 * (continue, share of spend, preference ranking, NPS, buy more), promise–experience dissonance,
 * critical incident with its follow-up shown only after a reported bad experience, emotions, an
 * open comment and permission to follow up.
 * @param options languages, title, ranking labels, share-of-spend form, hidden fields
 * @returns a definition that passes `surveyDefinitionSchema` (throws if the options make it invalid)
 * @example relationshipSurveyTemplate({ languages: ['it'] }).defaultLanguage // 'it'
 */
export function relationshipSurveyTemplate(options: RelationshipSurveyOptions = {}): SurveyDefinition {
  const languages = options.languages ?? LIBRARY_LANGUAGES;
  const preference = structuredClone(OUTCOME_ITEMS.preference);
  const [us, ...genericAlternatives] = preference.options;
  const supplierText =
    options.supplierName === undefined
      ? us.text
      : Object.fromEntries(languages.map((language) => [language, options.supplierName as string]));
  preference.options = [{ ...us, text: supplierText }, ...(options.alternatives ?? genericAlternatives)];
  const shareOfSpend =
    options.shareOfSpend === 'bands' ? OUTCOME_ITEMS.shareOfSpendBands : OUTCOME_ITEMS.shareOfSpendPercent;

  const draft: SurveyDefinition = {
    formatVersion: 1,
    title: options.title ?? {
      en: 'Your relationship with us',
      it: 'Il Suo rapporto con noi',
    },
    description: {
      en: 'A few minutes of your time will help us understand what working with us is really like, and what to improve.',
      it: 'Pochi minuti del Suo tempo ci aiuteranno a capire com’è davvero lavorare con noi e cosa migliorare.',
    },
    languages: [...languages],
    defaultLanguage: options.defaultLanguage ?? languages[0],
    hiddenFields: [...(options.hiddenFields ?? ['account', 'contact', 'wave'])],
    pages: [
      {
        id: 'forces',
        title: { en: 'Working with us', it: 'La collaborazione con noi' },
        description: {
          en: 'How much do you agree with each statement?',
          it: 'Quanto è d’accordo con ciascuna affermazione?',
        },
        blocks: [
          {
            id: 'forceItems',
            randomize: true,
            questions: FORCE_ITEMS.filter((item) => item.use === 'relationship').map((item) =>
              forceItemQuestion(item),
            ),
          },
        ],
      },
      {
        id: 'satisfaction',
        title: { en: 'Satisfaction and attachment', it: 'Soddisfazione e legame' },
        blocks: [
          { id: 'csat', questions: [copy(OUTCOME_ITEMS.csat)] },
          { id: 'attachment', randomize: true, questions: ATTACHMENT_ITEMS.map(copy) },
        ],
      },
      {
        id: 'relationship',
        title: { en: 'The future of our relationship', it: 'Il futuro del nostro rapporto' },
        blocks: [
          {
            id: 'outcomes',
            questions: [
              copy(OUTCOME_ITEMS.continue),
              copy(shareOfSpend),
              preference,
              copy(OUTCOME_ITEMS.nps),
              copy(OUTCOME_ITEMS.buyMore),
            ],
          },
        ],
      },
      {
        id: 'experience',
        title: { en: 'Promises and experiences', it: 'Promesse ed esperienze' },
        blocks: [
          {
            id: 'promise',
            questions: [
              copy(OUTCOME_ITEMS.dissonance),
              copy(OUTCOME_ITEMS.incident),
              copy(OUTCOME_ITEMS.incidentResponse),
            ],
          },
        ],
      },
      {
        id: 'feelings',
        title: { en: 'In your own words', it: 'Con parole Sue' },
        blocks: [
          {
            id: 'feedback',
            questions: [
              copy(OUTCOME_ITEMS.emotions),
              copy(OUTCOME_ITEMS.comment),
              copy(OUTCOME_ITEMS.contactBack),
            ],
          },
        ],
      },
    ],
    thankYou: {
      en: 'Thank you for your time. Your answers go straight to the people who can act on them.',
      it: 'Grazie per il Suo tempo. Le Sue risposte arrivano direttamente a chi può intervenire.',
    },
  };
  return finishTemplate(draft, languages);
}

/** Library items are shared constants: each survey gets its own copy. */
function copy<T extends Question>(question: T): T {
  return structuredClone(question);
}
