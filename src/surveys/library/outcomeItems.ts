import type {
  ConsentQuestion,
  DissonanceQuestion,
  EmotionsQuestion,
  MultipleChoiceQuestion,
  NpsQuestion,
  RankingQuestion,
  RatingQuestion,
  SingleChoiceQuestion,
  TextQuestion,
} from '../definition/index.ts';

const LIKELIHOOD_LABELS = {
  minLabel: { en: 'Not at all likely', it: 'Per nulla probabile' },
  maxLabel: { en: 'Extremely likely', it: 'Estremamente probabile' },
};

/** The id of the yes/no critical-incident question; the follow-up's logic refers to it. */
export const CRITICAL_INCIDENT_ID = 'incident.occurred';

export type OutcomeItems = {
  readonly csat: RatingQuestion;
  readonly continue: RatingQuestion;
  readonly shareOfSpendPercent: RatingQuestion;
  readonly shareOfSpendBands: SingleChoiceQuestion;
  readonly preference: RankingQuestion;
  readonly nps: NpsQuestion;
  readonly buyMore: RatingQuestion;
  readonly dissonance: DissonanceQuestion;
  readonly incident: SingleChoiceQuestion;
  readonly incidentResponse: MultipleChoiceQuestion;
  readonly emotions: EmotionsQuestion;
  readonly comment: TextQuestion;
  readonly contactBack: ConsentQuestion;
};

/**
 * Relationship items beyond the Forces, English and Italian: functional satisfaction (CSAT 1–5),
 * relationship outcomes (continue, share of spend, preference, NPS, buy more), promise–experience
 * dissonance, critical incidents and what the customer did next, emotions, an open comment and
 * permission to follow up. Ids are stable answer keys. The survey speaks as the supplier ("us").
 */
export const OUTCOME_ITEMS: OutcomeItems = {
  csat: {
    id: 'satisfaction.csat',
    type: 'rating',
    measure: 'csat',
    min: 1,
    max: 5,
    required: true,
    text: {
      en: 'Overall, how satisfied are you with the products and services you receive from us?',
      it: 'Nel complesso, quanto è soddisfatto/a dei prodotti e dei servizi che riceve da noi?',
    },
    minLabel: { en: 'Very dissatisfied', it: 'Per nulla soddisfatto/a' },
    maxLabel: { en: 'Very satisfied', it: 'Pienamente soddisfatto/a' },
  },
  continue: {
    id: 'outcome.continue',
    type: 'rating',
    measure: 'continue',
    min: 0,
    max: 10,
    text: {
      en: 'How likely are you to continue working with us over the next 12 months?',
      it: 'Quanto è probabile che continui a lavorare con noi nei prossimi 12 mesi?',
    },
    ...LIKELIHOOD_LABELS,
  },
  shareOfSpendPercent: {
    id: 'outcome.shareOfSpend',
    type: 'rating',
    measure: 'shareOfSpend',
    min: 0,
    max: 100,
    text: {
      en: 'Roughly what percentage of your company’s spending in our category goes to us?',
      it: 'Indicativamente, quale percentuale della spesa della Sua azienda nella nostra categoria è destinata a noi?',
    },
    minLabel: { en: '0%', it: '0%' },
    maxLabel: { en: '100%', it: '100%' },
  },
  shareOfSpendBands: {
    id: 'outcome.shareOfSpendBand',
    type: 'singleChoice',
    measure: 'shareOfSpend',
    text: {
      en: 'Roughly what share of your company’s spending in our category goes to us?',
      it: 'Indicativamente, quale quota della spesa della Sua azienda nella nostra categoria è destinata a noi?',
    },
    options: [
      { value: 'lt25', text: { en: 'Less than 25%', it: 'Meno del 25%' } },
      { value: '25to49', text: { en: '25% to 49%', it: 'Dal 25% al 49%' } },
      { value: '50to74', text: { en: '50% to 74%', it: 'Dal 50% al 74%' } },
      { value: '75to99', text: { en: '75% to 99%', it: 'Dal 75% al 99%' } },
      { value: 'all', text: { en: 'All of it', it: 'Tutta' } },
      { value: 'unknown', text: { en: 'I don’t know', it: 'Non saprei' } },
    ],
  },
  preference: {
    id: 'outcome.preference',
    type: 'ranking',
    measure: 'preference',
    supplierOption: 'us',
    text: {
      en: 'For your needs in our category, please rank these options from most to least preferred.',
      it: 'Per le esigenze della Sua azienda nella nostra categoria, ordini queste opzioni dalla preferita alla meno preferita.',
    },
    options: [
      { value: 'us', text: { en: 'Our company', it: 'La nostra azienda' } },
      {
        value: 'mainAlternative',
        text: { en: 'Your main alternative supplier', it: 'Il Suo principale fornitore alternativo' },
      },
      { value: 'otherSuppliers', text: { en: 'Other suppliers', it: 'Altri fornitori' } },
      { value: 'inHouse', text: { en: 'Handling it in-house', it: 'Gestire l’attività internamente' } },
    ],
  },
  nps: {
    id: 'outcome.nps',
    type: 'nps',
    required: true,
    text: {
      en: 'How likely are you to recommend us to a colleague or business partner?',
      it: 'Quanto è probabile che ci consigli a un collega o a un partner commerciale?',
    },
    ...LIKELIHOOD_LABELS,
  },
  buyMore: {
    id: 'outcome.buyMore',
    type: 'rating',
    measure: 'buyMore',
    min: 0,
    max: 10,
    text: {
      en: 'How likely are you to buy more from us, or a wider range from us, in the next 12 months?',
      it: 'Quanto è probabile che nei prossimi 12 mesi acquisti da noi di più, o una gamma più ampia?',
    },
    ...LIKELIHOOD_LABELS,
  },
  dissonance: {
    id: 'promise.dissonance',
    type: 'dissonance',
    text: {
      en: 'Compared with what we promised, how has your actual experience with us been?',
      it: 'Rispetto a quanto promesso, com’è stata finora la Sua esperienza reale con noi?',
    },
  },
  incident: {
    id: CRITICAL_INCIDENT_ID,
    type: 'singleChoice',
    measure: 'criticalIncident',
    required: true,
    text: {
      en: 'In the last 6 months, have you had a bad experience with us?',
      it: 'Negli ultimi 6 mesi ha avuto un’esperienza negativa con noi?',
    },
    options: [
      { value: 'yes', text: { en: 'Yes', it: 'Sì' } },
      { value: 'no', text: { en: 'No', it: 'No' } },
    ],
  },
  incidentResponse: {
    id: 'incident.response',
    type: 'multipleChoice',
    measure: 'incidentResponse',
    displayIf: { question: CRITICAL_INCIDENT_ID, op: 'eq', value: 'yes' },
    text: {
      en: 'What did you do after that experience? Select all that apply.',
      it: 'Che cosa ha fatto dopo quell’esperienza? Selezioni tutte le risposte pertinenti.',
    },
    options: [
      {
        value: 'raisedResolved',
        text: {
          en: 'Raised it with us, and it was resolved',
          it: 'L’ho segnalata e il problema è stato risolto',
        },
      },
      {
        value: 'raisedUnresolved',
        text: {
          en: 'Raised it with us, but it was not resolved',
          it: 'L’ho segnalata, ma il problema non è stato risolto',
        },
      },
      {
        value: 'toldOthers',
        text: {
          en: 'Told colleagues or other companies about it',
          it: 'Ne ho parlato con colleghi o altre aziende',
        },
      },
      {
        value: 'lookedElsewhere',
        text: { en: 'Started looking at other suppliers', it: 'Ho iniziato a valutare altri fornitori' },
      },
      {
        value: 'movedSpend',
        text: {
          en: 'Moved some of our business elsewhere',
          it: 'Ho spostato altrove parte dei nostri acquisti',
        },
      },
      { value: 'nothing', text: { en: 'Nothing in particular', it: 'Niente di particolare' } },
    ],
    other: true,
  },
  emotions: {
    id: 'feedback.emotions',
    type: 'emotions',
    maxPicks: 3,
    text: {
      en: 'Which of these words best describe how you feel about working with us? Choose up to three.',
      it: 'Quali di queste parole descrivono meglio ciò che prova lavorando con noi? Ne scelga al massimo tre.',
    },
  },
  comment: {
    id: 'feedback.comment',
    type: 'text',
    multiline: true,
    text: {
      en: 'Is there anything else you would like to tell us: what we should keep doing, change or stop?',
      it: 'C’è qualcos’altro che desidera dirci: cosa dovremmo continuare a fare, cambiare o smettere di fare?',
    },
  },
  contactBack: {
    id: 'feedback.contactBack',
    type: 'consent',
    text: {
      en: 'You may contact me about my answers to follow up on them.',
      it: 'Potete ricontattarmi in merito alle mie risposte per darvi seguito.',
    },
  },
};

export type PulseItems = {
  readonly nps: NpsQuestion;
  readonly csat: RatingQuestion;
  /** The experience against what the customer expected: the touchpoint's "expected" in the journey map. */
  readonly expectation: DissonanceQuestion;
  readonly comment: TextQuestion;
};

/** The headline questions of a touchpoint pulse, about one recent interaction rather than the relationship. */
export const PULSE_ITEMS: PulseItems = {
  nps: {
    id: 'pulse.nps',
    type: 'nps',
    required: true,
    text: {
      en: 'Based on this experience, how likely are you to recommend us to a colleague or business partner?',
      it: 'Sulla base di questa esperienza, quanto è probabile che ci consigli a un collega o a un partner commerciale?',
    },
    ...LIKELIHOOD_LABELS,
  },
  csat: {
    id: 'pulse.csat',
    type: 'rating',
    measure: 'csat',
    min: 1,
    max: 5,
    required: true,
    text: {
      en: 'Overall, how satisfied are you with this experience?',
      it: 'Nel complesso, quanto è soddisfatto/a di questa esperienza?',
    },
    minLabel: { en: 'Very dissatisfied', it: 'Per nulla soddisfatto/a' },
    maxLabel: { en: 'Very satisfied', it: 'Pienamente soddisfatto/a' },
  },
  expectation: {
    id: 'pulse.expectation',
    type: 'dissonance',
    text: {
      en: 'Compared with what you expected, how was this experience?',
      it: 'Rispetto a quanto si aspettava, com’è stata questa esperienza?',
    },
    scaleLabels: {
      worse: { en: 'Worse than I expected', it: 'Peggiore di quanto mi aspettassi' },
      inLine: { en: 'As I expected', it: 'Come me l’aspettavo' },
      better: { en: 'Better than I expected', it: 'Migliore di quanto mi aspettassi' },
    },
  },
  comment: {
    id: 'pulse.comment',
    type: 'text',
    multiline: true,
    text: {
      en: 'What did we do well on this occasion, and what could we have done better?',
      it: 'In questa occasione, cosa abbiamo fatto bene e cosa avremmo potuto fare meglio?',
    },
  },
};
