/** The free-text "other" choice in a choice answer. */
export type OtherChoice = { readonly other: string };

/**
 * What a respondent can send per question type:
 * nps / rating / agreement: integer (agreement also `'notApplicable'`); singleChoice: option value or
 * `{ other }`; multipleChoice: list of those; text: string; matrix: `{ rowId: integer }`;
 * ranking: option values, most preferred first; dissonance: `'worse' | 'inLine' | 'better'`;
 * emotions: emotion keys; consent: boolean.
 */
export type AnswerValue =
  | number
  | string
  | boolean
  | OtherChoice
  | readonly (string | OtherChoice)[]
  | Readonly<Record<string, number>>;

/** Answers keyed by question id. Typed loosely: they arrive from outside and are checked. */
export type Answers = Readonly<Record<string, unknown>>;

/** Values passed by the sender for the declared hidden fields (usually strings from a link). */
export type HiddenValues = Readonly<Record<string, string | number | boolean | null | undefined>>;

/**
 * Whether a value counts as an answer: not null/undefined, not a blank string, not an empty list,
 * not an empty object.
 * @param value the raw answer
 * @returns true when something was answered
 * @example isAnswered('  ') // false
 */
export function isAnswered(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}
