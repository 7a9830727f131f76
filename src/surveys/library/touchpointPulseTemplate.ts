import type { ForceKey, LocalizedText, SurveyDefinition } from '../definition/index.ts';
import { finishTemplate, LIBRARY_LANGUAGES, type LibraryLanguage } from './finishTemplate.ts';
import { forceItemQuestion } from './forceItemQuestion.ts';
import { FORCE_ITEMS } from './forceItems.ts';
import { PULSE_ITEMS } from './outcomeItems.ts';

export type TouchpointPulseOptions = {
  /** The touchpoint as respondents know it, in every chosen language (e.g. `{ en: 'Delivery', it: 'Consegna' }`). */
  readonly touchpointName: LocalizedText;
  /** The two Forces the touchpoint is designed to dial up. */
  readonly forces: readonly [ForceKey, ForceKey];
  readonly metric: 'nps' | 'csat';
  /** Default: every library language, `['en', 'it']`. */
  readonly languages?: readonly LibraryLanguage[];
  /** Default: the first of `languages`. */
  readonly defaultLanguage?: LibraryLanguage;
  /** Default: `['account', 'touchpoint', 'interactionRef']`. */
  readonly hiddenFields?: readonly string[];
};

const TITLE_PREFIX: Readonly<Record<LibraryLanguage, string>> = {
  en: 'Your recent experience: ',
  it: 'La Sua esperienza recente: ',
};

/**
 * A short transactional pulse for one touchpoint: the headline metric (NPS or CSAT), the touchpoint
 * item of each of the two Forces the touchpoint should dial up, the experience against what the
 * customer expected (worse, as expected, better: stored as the response's dissonance, and read by
 * the journey map as the touchpoint's expected experience), and one open comment.
 * @param options touchpoint name, the two Forces, the metric, languages, hidden fields
 * @returns a definition that passes `surveyDefinitionSchema` (throws when the two Forces are the same
 *   or the touchpoint name lacks a chosen language)
 * @example touchpointPulseTemplate({ touchpointName: { en: 'Delivery', it: 'Consegna' }, forces: ['certainty', 'control'], metric: 'nps' }).pages[0].blocks.flatMap((b) => b.questions.map((q) => q.id)) // ['pulse.nps', 'certainty.p1', 'control.p1', 'pulse.expectation', 'pulse.comment']
 */
export function touchpointPulseTemplate(options: TouchpointPulseOptions): SurveyDefinition {
  const [first, second] = options.forces;
  if (first === second) throw new Error('A touchpoint pulse needs two different Forces');
  const languages = options.languages ?? LIBRARY_LANGUAGES;
  const forceQuestions = options.forces.map((force) => {
    const item = FORCE_ITEMS.find((candidate) => candidate.force === force && candidate.use === 'touchpoint');
    if (item === undefined) throw new Error(`No touchpoint item for the Force "${force}"`);
    return forceItemQuestion(item);
  });
  const title: LocalizedText = {};
  for (const language of LIBRARY_LANGUAGES) {
    const name = options.touchpointName[language];
    if (name !== undefined) title[language] = `${TITLE_PREFIX[language]}${name}`;
  }
  const draft: SurveyDefinition = {
    formatVersion: 1,
    title,
    languages: [...languages],
    defaultLanguage: options.defaultLanguage ?? languages[0],
    hiddenFields: [...(options.hiddenFields ?? ['account', 'touchpoint', 'interactionRef'])],
    pages: [
      {
        id: 'pulse',
        title: structuredClone(title),
        blocks: [
          {
            id: 'metric',
            questions: [structuredClone(options.metric === 'nps' ? PULSE_ITEMS.nps : PULSE_ITEMS.csat)],
          },
          { id: 'forces', questions: forceQuestions },
          { id: 'expectation', questions: [structuredClone(PULSE_ITEMS.expectation)] },
          { id: 'comment', questions: [structuredClone(PULSE_ITEMS.comment)] },
        ],
      },
    ],
    thankYou: {
      en: 'Thank you: your feedback helps us get this right every time.',
      it: 'Grazie: il Suo riscontro ci aiuta a fare sempre meglio.',
    },
  };
  return finishTemplate(draft, languages);
}
