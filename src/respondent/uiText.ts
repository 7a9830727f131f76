/** The languages the respondent page's own strings (buttons, errors, status pages) are written in. */
export const UI_LANGUAGES = ['en', 'it'] as const;

export type UiLanguage = (typeof UI_LANGUAGES)[number];

export type StatusKind = 'closed' | 'expired' | 'alreadyAnswered' | 'thankYou' | 'notFound';

/** The validation messages a respondent can see, each tied to one kind of problem. */
export type IssueMessages = {
  readonly required: string;
  /** Also called with the script's placeholders `{min}` / `{max}`. */
  readonly outOfRange: (min: number | string, max: number | string) => string;
  readonly invalid: string;
  readonly tooLong: (max: number) => string;
  readonly otherMissing: string;
  readonly pickAtLeast: (count: number) => string;
  readonly pickAtMost: (count: number) => string;
  readonly rankingIncomplete: (options: number) => string;
  readonly matrixIncomplete: string;
  readonly consentRequired: string;
};

export type UiText = {
  readonly next: string;
  readonly back: string;
  readonly submit: string;
  readonly progress: (page: number, pages: number) => string;
  readonly errorSummaryTitle: string;
  /** Prefixed to the document title when the page shows errors, so screen readers hear it first. */
  readonly errorTitlePrefix: string;
  readonly requiredMarker: string;
  readonly languageLabel: string;
  readonly honeypotLabel: string;
  readonly selectionHint: (min: number | undefined, max: number | undefined) => string;
  readonly maxCharacters: (max: number) => string;
  readonly numberHint: (min: number, max: number, minLabel: string, maxLabel: string) => string;
  readonly rankingHint: string;
  readonly rankingEmpty: string;
  readonly ordinal: (position: number) => string;
  readonly otherText: string;
  /** Shown without JavaScript on a question that depends on an answer on the same page. */
  readonly conditionalHint: string;
  readonly saved: string;
  readonly savedForLater: string;
  readonly messages: IssueMessages;
  readonly status: Readonly<Record<StatusKind, { readonly title: string; readonly body: string }>>;
};

const ENGLISH: UiText = {
  next: 'Next',
  back: 'Back',
  submit: 'Submit',
  progress: (page, pages) => `Page ${page} of ${pages}`,
  errorSummaryTitle: 'There is a problem',
  errorTitlePrefix: 'Error: ',
  requiredMarker: '(required)',
  languageLabel: 'Language',
  honeypotLabel: 'Leave this empty',
  selectionHint: (min, max) => {
    if (min !== undefined && max !== undefined) {
      return min === max ? `Choose ${min}.` : `Choose between ${min} and ${max}.`;
    }
    if (max !== undefined) return `Choose up to ${max}.`;
    return min !== undefined ? `Choose at least ${min}.` : '';
  },
  maxCharacters: (max) => `Up to ${max} characters.`,
  numberHint: (min, max, minLabel, maxLabel) =>
    `Enter a whole number from ${min} (${minLabel}) to ${max} (${maxLabel}).`,
  rankingHint: 'Give each option a different position: 1 for your first choice.',
  rankingEmpty: 'Choose',
  ordinal: englishOrdinal,
  otherText: 'Your “other” answer',
  conditionalHint: 'Answer this only if it applies, given your answers above.',
  saved: 'Answers saved',
  savedForLater:
    'Your answers are saved as you go, so you can close this page and finish later from the same link.',
  messages: {
    required: 'Please answer this question',
    outOfRange: (min, max) => `Enter a whole number from ${min} to ${max}`,
    invalid: 'This answer is not valid: please choose again',
    tooLong: (max) => `Use at most ${max} characters`,
    otherMissing: 'Please describe your “other” answer',
    pickAtLeast: (count) => `Choose at least ${count}`,
    pickAtMost: (count) => `Choose at most ${count}`,
    rankingIncomplete: (options) => `Give each option a different position, from 1 to ${options}`,
    matrixIncomplete: 'Please answer every row',
    consentRequired: 'Please tick the box to continue',
  },
  status: {
    closed: {
      title: 'This survey is closed',
      body: 'It is no longer accepting answers. Thank you for your interest.',
    },
    expired: {
      title: 'This link has expired',
      body: 'Survey links are valid for a limited time. If you would still like to share your views, please contact the person who sent you the link.',
    },
    alreadyAnswered: {
      title: 'You have already answered',
      body: 'We have received your answers to this survey, thank you. Each link can be used once.',
    },
    thankYou: { title: 'Thank you', body: 'Your answers have been received.' },
    notFound: {
      title: 'Survey not found',
      body: 'This link is incomplete or no longer valid. Please check that you opened the whole address.',
    },
  },
};

const ITALIAN: UiText = {
  next: 'Avanti',
  back: 'Indietro',
  submit: 'Invia',
  progress: (page, pages) => `Pagina ${page} di ${pages}`,
  errorSummaryTitle: 'C’è un problema',
  errorTitlePrefix: 'Errore: ',
  requiredMarker: '(obbligatoria)',
  languageLabel: 'Lingua',
  honeypotLabel: 'Lasci vuoto questo campo',
  selectionHint: (min, max) => {
    if (min !== undefined && max !== undefined) {
      return min === max ? `Ne scelga ${min}.` : `Ne scelga da ${min} a ${max}.`;
    }
    if (max !== undefined) return `Ne scelga fino a ${max}.`;
    return min !== undefined ? `Ne scelga almeno ${min}.` : '';
  },
  maxCharacters: (max) => `Massimo ${max} caratteri.`,
  numberHint: (min, max, minLabel, maxLabel) =>
    `Inserisca un numero intero da ${min} (${minLabel}) a ${max} (${maxLabel}).`,
  rankingHint: 'Assegni a ogni opzione una posizione diversa: 1 per la Sua prima scelta.',
  rankingEmpty: 'Scelga',
  ordinal: (position) => `${position}°`,
  otherText: 'La Sua risposta “Altro”',
  conditionalHint: 'Risponda solo se pertinente, in base alle risposte precedenti.',
  saved: 'Risposte salvate',
  savedForLater:
    'Le risposte vengono salvate man mano: può chiudere la pagina e completare il questionario in seguito dallo stesso link.',
  messages: {
    required: 'Risponda a questa domanda',
    outOfRange: (min, max) => `Inserisca un numero intero da ${min} a ${max}`,
    invalid: 'Questa risposta non è valida: la preghiamo di scegliere di nuovo',
    tooLong: (max) => `Usi al massimo ${max} caratteri`,
    otherMissing: 'Specifichi la risposta “Altro”',
    pickAtLeast: (count) => `Ne scelga almeno ${count}`,
    pickAtMost: (count) => `Ne scelga al massimo ${count}`,
    rankingIncomplete: (options) => `Assegni a ogni opzione una posizione diversa, da 1 a ${options}`,
    matrixIncomplete: 'Risponda per ogni riga',
    consentRequired: 'Selezioni la casella per continuare',
  },
  status: {
    closed: {
      title: 'Questo questionario è chiuso',
      body: 'Non accetta più risposte. Grazie per l’interesse.',
    },
    expired: {
      title: 'Questo link è scaduto',
      body: 'I link ai questionari restano validi per un periodo limitato. Se desidera comunque condividere la Sua opinione, contatti la persona che Le ha inviato il link.',
    },
    alreadyAnswered: {
      title: 'Ha già risposto',
      body: 'Abbiamo già ricevuto le Sue risposte a questo questionario, grazie. Ogni link può essere usato una sola volta.',
    },
    thankYou: { title: 'Grazie', body: 'Le Sue risposte sono state ricevute.' },
    notFound: {
      title: 'Questionario non trovato',
      body: 'Il link è incompleto o non è più valido. Verifichi di aver aperto l’indirizzo completo.',
    },
  },
};

const TEXTS: Readonly<Record<UiLanguage, UiText>> = { en: ENGLISH, it: ITALIAN };

/**
 * The language the page's own strings are shown in: the language itself when written, else its
 * primary subtag (`it-CH` → `it`), else English.
 * @param language a language code such as `it` or `pt-BR`
 * @returns one of `UI_LANGUAGES`
 * @example uiLanguage('it-CH') // 'it'
 */
export function uiLanguage(language: string): UiLanguage {
  const primary = language.toLowerCase().split('-')[0];
  return (UI_LANGUAGES as readonly string[]).includes(primary) ? (primary as UiLanguage) : 'en';
}

/**
 * The respondent page's own strings in a language (see `uiLanguage` for the fallback).
 * @param language a language code
 * @returns the strings
 * @example uiText('it').next // 'Avanti'
 */
export function uiText(language: string): UiText {
  return TEXTS[uiLanguage(language)];
}

function englishOrdinal(position: number): string {
  const tens = position % 100;
  if (tens >= 11 && tens <= 13) return `${position}th`;
  const suffix = ['th', 'st', 'nd', 'rd'][position % 10] ?? 'th';
  return `${position}${suffix}`;
}

const AUTONYMS: Readonly<Record<string, string>> = {
  en: 'English',
  it: 'Italiano',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  pt: 'Português',
  nl: 'Nederlands',
};

/**
 * A language's name in that language, for the language switcher (a reader looks for their own).
 * Known codes come from a small table; others from `Intl.DisplayNames`, else the code upper-cased.
 * @param code a language code
 * @returns the name, e.g. for `it`
 * @example languageName('it') // 'Italiano'
 */
export function languageName(code: string): string {
  const known = AUTONYMS[code];
  if (known !== undefined) return known;
  try {
    const name = new Intl.DisplayNames([code], { type: 'language' }).of(code);
    if (name !== undefined && name !== code) return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
  } catch {
    // An invalid tag has no name: fall through to the code.
  }
  return code.toUpperCase();
}
