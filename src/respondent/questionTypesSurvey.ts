import { parseSurveyDefinition, type SurveyDefinition } from '../surveys/definition/index.ts';

const t = (en: string, it: string) => ({ en, it });

/**
 * A small English/Italian survey with every question type and some logic, for tests, previews and
 * benchmarks of the respondent page. Page `scales`: nps (required), rating 1–7, agreement with
 * "not applicable", dissonance, a 0–100 rating (asked as a number box), a required 1–5 matrix.
 * Page `choices`: single choice with "other" (required), a follow-up multiple choice shown when it
 * is not `no` (same page), ranking, emotions (3 picks), comment (multiline, 200 characters), required
 * consent, and a question shown only to hidden field `tier` = `key`. Page `last`: a text question
 * shown only to detractors (nps ≤ 6, an earlier page) and a one-line text.
 * @returns the validated definition
 * @example questionTypesSurvey().pages.map((page) => page.id) // ['scales', 'choices', 'last']
 */
export function questionTypesSurvey(): SurveyDefinition {
  const parsed = parseSurveyDefinition({
    formatVersion: 1,
    title: t('Working with {{account.name}}', 'Lavorare con {{account.name}}'),
    description: t(
      'Hello {{contact.firstName}}, thank you for your time.',
      'Buongiorno {{contact.firstName}}, grazie.',
    ),
    languages: ['en', 'it'],
    defaultLanguage: 'en',
    hiddenFields: ['tier'],
    pages: [
      {
        id: 'scales',
        title: t('Scales', 'Scale'),
        blocks: [
          {
            id: 'b1',
            questions: [
              {
                id: 'nps',
                type: 'nps',
                required: true,
                text: t('How likely are you to recommend us?', 'Quanto è probabile che ci consigli?'),
                minLabel: t('Not at all likely', 'Per nulla probabile'),
                maxLabel: t('Extremely likely', 'Estremamente probabile'),
              },
              {
                id: 'ces',
                type: 'rating',
                min: 1,
                max: 7,
                measure: 'ces',
                text: t('How easy was it?', 'Quanto è stato facile?'),
                help: t('Think of the last month.', 'Pensi all’ultimo mese.'),
                minLabel: t('Very hard', 'Molto difficile'),
                maxLabel: t('Very easy', 'Molto facile'),
              },
              {
                id: 'certainty.t1',
                type: 'agreement',
                force: 'certainty',
                keying: 'tension',
                allowNotApplicable: true,
                text: t(
                  'Changes often catch me by surprise.',
                  'I cambiamenti mi colgono spesso di sorpresa.',
                ),
              },
              {
                id: 'promise',
                type: 'dissonance',
                text: t('Compared with our promise?', 'Rispetto alla promessa?'),
              },
              {
                id: 'share',
                type: 'rating',
                min: 0,
                max: 100,
                measure: 'shareOfSpend',
                text: t('Share of spend?', 'Quota di spesa?'),
                minLabel: t('0%', '0%'),
                maxLabel: t('100%', '100%'),
              },
              {
                id: 'channels',
                type: 'matrix',
                required: true,
                text: t('How easy is each channel?', 'Quanto è facile ciascun canale?'),
                rows: [
                  { id: 'portal', text: t('Portal', 'Portale') },
                  { id: 'phone', text: t('Phone', 'Telefono') },
                ],
                scale: {
                  min: 1,
                  max: 5,
                  minLabel: t('Very hard', 'Molto difficile'),
                  maxLabel: t('Very easy', 'Molto facile'),
                },
              },
            ],
          },
        ],
      },
      {
        id: 'choices',
        blocks: [
          {
            id: 'b2',
            questions: [
              {
                id: 'incident',
                type: 'singleChoice',
                required: true,
                other: true,
                text: t('Any problem lately?', 'Problemi di recente?'),
                options: [
                  { value: 'yes', text: t('Yes', 'Sì') },
                  { value: 'no', text: t('No', 'No') },
                ],
              },
              {
                id: 'actions',
                type: 'multipleChoice',
                other: true,
                maxSelections: 2,
                displayIf: { not: { question: 'incident', op: 'eq', value: 'no' } },
                text: t('What did you do?', 'Che cosa ha fatto?'),
                options: [
                  { value: 'raised', text: t('Raised it', 'L’ho segnalato') },
                  { value: 'waited', text: t('Waited', 'Ho aspettato') },
                  { value: 'left', text: t('Looked elsewhere', 'Ho cercato altrove') },
                ],
              },
              {
                id: 'preference',
                type: 'ranking',
                text: t('Rank these', 'Ordini queste opzioni'),
                options: [
                  { value: 'us', text: t('Us', 'Noi') },
                  { value: 'them', text: t('Them', 'Loro') },
                  { value: 'inHouse', text: t('In-house', 'Internamente') },
                ],
              },
              {
                id: 'feelings',
                type: 'emotions',
                maxPicks: 3,
                text: t('How do you feel?', 'Come si sente?'),
              },
              {
                id: 'comment',
                type: 'text',
                multiline: true,
                maxLength: 200,
                text: t('Anything else?', 'Altro da aggiungere?'),
              },
              {
                id: 'contactBack',
                type: 'consent',
                required: true,
                text: t('You may contact me.', 'Potete ricontattarmi.'),
              },
              {
                id: 'keyAccount',
                type: 'text',
                displayIf: { hidden: 'tier', op: 'eq', value: 'key' },
                text: t('As a key account, what matters most?', 'Come cliente chiave, cosa conta di più?'),
              },
            ],
          },
        ],
      },
      {
        id: 'last',
        blocks: [
          {
            id: 'b3',
            questions: [
              {
                id: 'whyLow',
                type: 'text',
                multiline: true,
                displayIf: { question: 'nps', op: 'lte', value: 6 },
                text: t('What should we fix first?', 'Cosa dovremmo correggere per primo?'),
              },
              { id: 'role', type: 'text', text: t('Your role?', 'Il Suo ruolo?') },
            ],
          },
        ],
      },
    ],
  });
  if (!parsed.ok) throw new Error(`Invalid fixture: ${JSON.stringify(parsed.issues)}`);
  return parsed.definition;
}
