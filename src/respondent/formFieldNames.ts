/**
 * The naming scheme shared by the renderer, the parser and the script. Question ids, option values
 * and row ids never contain `:`, so `:` separates the parts without ambiguity.
 *
 * | field | holds |
 * | --- | --- |
 * | `q:<id>` | the answer of a one-value question (radio value, text, number, consent `true`), or each picked value of a multiple choice / emotions question |
 * | `q:<id>:other` | the free text of the "other" choice |
 * | `q:<id>:<rowId>` | a matrix row's scale point |
 * | `q:<id>:<optionValue>` | a ranking option's position, `1` = most preferred |
 * | `action` | the button pressed: `next`, `back` or `submit` |
 * | `website` | the honeypot: must stay empty |
 */

/** The button field; its values are `ACTIONS`. */
export const ACTION_FIELD = 'action';

export const ACTIONS = ['next', 'back', 'submit'] as const;

export type FormAction = (typeof ACTIONS)[number];

/** The honeypot field: people never see it, so a filled-in value means a bot. */
export const HONEYPOT_FIELD = 'website';

/** The header the script sends with its save-as-you-go posts (the route answers 204). */
export const SAVE_PARTIAL_HEADER = 'x-save-partial';

/** The value of a ticked consent box. */
export const CONSENT_VALUE = 'true';

/** The suffix of the "other" text field (`q:<id>:other`). */
export const OTHER_TEXT_PART = 'other';

/**
 * The form field that carries a question's answer.
 * @param questionId the question id
 * @returns `q:<id>`
 * @example answerField('outcome.nps') // 'q:outcome.nps'
 */
export function answerField(questionId: string): string {
  return `q:${questionId}`;
}

/**
 * The form field for one part of a question: a matrix row, a ranking option or the "other" text.
 * @param questionId the question id
 * @param part the row id, option value or `other`
 * @returns `q:<id>:<part>`
 * @example partField('channels', 'portal') // 'q:channels:portal'
 */
export function partField(questionId: string, part: string): string {
  return `q:${questionId}:${part}`;
}

/**
 * The element id of a question's control: the first control is `q-<id>` (the target of the error
 * summary links), later ones `q-<id>:<n>`.
 * @param questionId the question id
 * @param index the control's position within the question, from 0
 * @returns the element id
 * @example controlId('nps', 0) // 'q-nps'
 */
export function controlId(questionId: string, index: number): string {
  return index === 0 ? `q-${questionId}` : `q-${questionId}:${index}`;
}

/**
 * The element id of a question's inline error message (`e-<id>`) or hint (`h-<id>`).
 * @param kind `e` for the error, `h` for the hint
 * @param questionId the question id
 * @returns the element id
 * @example describedId('e', 'nps') // 'e-nps'
 */
export function describedId(kind: 'e' | 'h', questionId: string): string {
  return `${kind}-${questionId}`;
}
