import type { SurveyDefinition } from '../surveys/definition/index.ts';

/**
 * The language a respondent sees a survey in: the requested one when the survey offers it, else the
 * offered language with the same primary subtag (`it-CH` → `it`), else the survey's default.
 * @param definition the survey (its `languages` and `defaultLanguage`)
 * @param requested the language asked for (contact language, link parameter or switcher)
 * @returns one of the survey's languages
 * @example respondentLanguage({ ...def, languages: ['en', 'it'], defaultLanguage: 'en' }, 'it-CH') // 'it'
 */
export function respondentLanguage(
  definition: Pick<SurveyDefinition, 'languages' | 'defaultLanguage'>,
  requested: string,
): string {
  if (definition.languages.includes(requested)) return requested;
  const primary = requested.toLowerCase().split('-')[0];
  return definition.languages.find((language) => language === primary) ?? definition.defaultLanguage;
}
