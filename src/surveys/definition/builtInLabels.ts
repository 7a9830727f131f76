import type { LocalizedText } from './localizedText.ts';

/**
 * Labels the renderer supplies when a question does not override them. They exist in these
 * languages only; a survey in any other language must give its own (validation says where).
 */
export const BUILT_IN_LANGUAGES: readonly string[] = ['en', 'it'];

/** The 5-point agreement scale, from 1 (strongly disagree) to 5 (strongly agree). */
export const AGREEMENT_SCALE_LABELS: readonly Readonly<LocalizedText>[] = [
  { en: 'Strongly disagree', it: 'Completamente in disaccordo' },
  { en: 'Disagree', it: 'In disaccordo' },
  { en: 'Neither agree nor disagree', it: 'Né d’accordo né in disaccordo' },
  { en: 'Agree', it: 'D’accordo' },
  { en: 'Strongly agree', it: 'Completamente d’accordo' },
];

/** The opt-out offered by an agreement question with `allowNotApplicable`. */
export const NOT_APPLICABLE_LABEL: Readonly<LocalizedText> = {
  en: 'Don’t know / not applicable',
  it: 'Non so / non applicabile',
};

/** The three answers of the promise–experience question. */
export const DISSONANCE_LABELS: Readonly<Record<'worse' | 'inLine' | 'better', Readonly<LocalizedText>>> = {
  worse: { en: 'Worse than promised', it: 'Peggiore di quanto promesso' },
  inLine: { en: 'In line with what was promised', it: 'In linea con quanto promesso' },
  better: { en: 'Better than promised', it: 'Migliore di quanto promesso' },
};

/** The free-text choice added by `other: true`. */
export const OTHER_CHOICE_LABEL: Readonly<LocalizedText> = {
  en: 'Other (please specify)',
  it: 'Altro (specificare)',
};
