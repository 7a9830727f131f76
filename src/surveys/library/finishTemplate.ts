import {
  type LocalizedText,
  mapSurveyTexts,
  parseSurveyDefinition,
  type SurveyDefinition,
} from '../definition/index.ts';

/** The languages the library is written in. */
export const LIBRARY_LANGUAGES = ['en', 'it'] as const;

export type LibraryLanguage = (typeof LIBRARY_LANGUAGES)[number];

/**
 * A template's definition trimmed to the chosen languages and checked against the schema and the
 * cross-field rules. A template that fails is a programming error (or bad options), so it throws.
 * @param draft the definition with every library language
 * @param languages the languages to keep
 * @returns the validated definition
 * @example finishTemplate(draft, ['en']).title // { en: 'Survey' } when draft.title is { en: 'Survey', it: 'Questionario' }
 */
export function finishTemplate(draft: SurveyDefinition, languages: readonly string[]): SurveyDefinition {
  const trimmed = mapSurveyTexts(draft, (text) => keepLanguages(text, languages));
  const parsed = parseSurveyDefinition(trimmed);
  if (!parsed.ok) {
    const details = parsed.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    throw new Error(`Invalid survey template: ${details}`);
  }
  return parsed.definition;
}

function keepLanguages(text: LocalizedText, languages: readonly string[]): LocalizedText {
  return Object.fromEntries(Object.entries(text).filter(([language]) => languages.includes(language)));
}
