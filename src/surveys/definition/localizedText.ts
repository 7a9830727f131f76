import { z } from 'zod';

/** A language code such as `en`, `it` or `pt-BR` (lower-case language, optional region or script). */
export const languageCodeSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Invalid language code');

/**
 * Translatable text: one string per language, e.g. `{ en: 'Yes', it: 'Sì' }`. Completeness (every
 * language the survey declares) is checked by `validateSurveyDefinition`, which knows the survey.
 */
export const localizedTextSchema = z.record(languageCodeSchema, z.string());

export type LocalizedText = z.infer<typeof localizedTextSchema>;

/**
 * The string of a translatable text in the wanted language, falling back when it is missing or blank.
 * Order: `text[lang]`, then `text[fallback]`, then the first non-blank translation, else `''`.
 * @param text the translations
 * @param lang the respondent's language
 * @param fallback usually the survey's default language
 * @returns the chosen string
 * @example localize({ en: 'Yes', it: 'Sì' }, 'fr', 'it') // 'Sì'
 */
export function localize(text: Readonly<LocalizedText>, lang: string, fallback: string): string {
  const wanted = text[lang];
  if (wanted !== undefined && wanted.trim() !== '') return wanted;
  const backup = text[fallback];
  if (backup !== undefined && backup.trim() !== '') return backup;
  return Object.values(text).find((value) => value.trim() !== '') ?? '';
}
