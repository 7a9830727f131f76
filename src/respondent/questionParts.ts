import type { LocalizedText, Question } from '../surveys/definition/index.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { controlId, describedId } from './formFieldNames.ts';
import type { UiText } from './uiText.ts';

/** Scales with more points than this are asked with a number box instead of a row of buttons. */
export const MAX_RADIO_POINTS = 11;

/** What a question's markup needs besides the question: language, piping, its answer and error. */
export type QuestionContext = {
  readonly ui: UiText;
  /** Localises and pipes a text: survey texts and built-in labels (plain text, escaped when interpolated). */
  readonly text: (text: Readonly<LocalizedText>) => string;
  readonly answer: unknown;
  readonly error: string | undefined;
};

/** Hands out a question's control ids in order: `q-<id>`, then `q-<id>:1`, `q-<id>:2`… */
export type IdCounter = { readonly questionId: string; next: number };

/**
 * The next control id of a question (see `controlId`).
 * @param counter the question's counter, advanced by one
 * @returns the id
 * @example takeId({ questionId: 'nps', next: 0 }) // 'q-nps'
 */
export function takeId(counter: IdCounter): string {
  const id = controlId(counter.questionId, counter.next);
  counter.next += 1;
  return id;
}

/**
 * The visible question title: the text (in `.qt`, which the error summary quotes) and the required
 * marker.
 * @param question the question
 * @param context the question context
 * @returns the markup
 * @example questionTitle(q, ctx).value // '<span class="qt">How likely…</span> <span class="req">(required)</span>'
 */
export function questionTitle(question: Question, context: QuestionContext): SafeHtml {
  const marker =
    question.required === true ? html` <span class="req">${context.ui.requiredMarker}</span>` : '';
  return html`<span class="qt">${context.text(question.text)}</span>${marker}`;
}

/**
 * The question's hint paragraph (`h-<id>`): the help text and any extra instructions, or nothing.
 * @param question the question
 * @param context the question context
 * @param extra instructions added after the help (limits, scale meaning)
 * @returns the markup and whether it exists
 * @example hintMarkup(q, ctx, ['Up to 500 characters.']).exists // true
 */
export function hintMarkup(
  question: Question,
  context: QuestionContext,
  extra: readonly string[] = [],
): { readonly markup: SafeHtml; readonly exists: boolean } {
  const parts = [question.help === undefined ? '' : context.text(question.help), ...extra].filter(
    (part) => part.trim() !== '',
  );
  if (parts.length === 0) return { markup: html``, exists: false };
  return {
    markup: html`<p class="hint" id="${describedId('h', question.id)}">${parts.join(' ')}</p>`,
    exists: true,
  };
}

/**
 * The inline error (`e-<id>`), placed just before the controls, or nothing.
 * @param question the question
 * @param context the question context
 * @returns the markup
 * @example errorMarkup(q, { ...ctx, error: 'Please answer this question' }).value // '<p class="err" id="e-nps">Please answer this question</p>'
 */
export function errorMarkup(question: Question, context: QuestionContext): SafeHtml {
  if (context.error === undefined) return html``;
  return html`<p class="err" id="${describedId('e', question.id)}">${context.error}</p>`;
}

/**
 * The attributes of the element the hint and error describe: `data-d` (the script finds it by it),
 * `aria-describedby` when there is something to point at.
 * @param question the question
 * @param context the question context
 * @param hasHint whether the hint paragraph exists
 * @returns the attribute markup, with a leading space
 * @example describedByAttributes(q, ctx, true).value // ' data-d aria-describedby="h-nps"'
 */
export function describedByAttributes(
  question: Question,
  context: QuestionContext,
  hasHint: boolean,
): SafeHtml {
  const ids = [
    hasHint ? describedId('h', question.id) : '',
    context.error === undefined ? '' : describedId('e', question.id),
  ].filter((id) => id !== '');
  return ids.length === 0 ? html` data-d` : html` data-d aria-describedby="${ids.join(' ')}"`;
}

/**
 * `aria-invalid="true"` for every control of a question with an error, else nothing.
 * @param context the question context
 * @returns the attribute markup, with a leading space
 * @example invalidAttribute({ ...ctx, error: 'x' }).value // ' aria-invalid="true"'
 */
export function invalidAttribute(context: QuestionContext): SafeHtml {
  return context.error === undefined ? html`` : html` aria-invalid="true"`;
}

/**
 * The `checked` attribute of a pre-filled radio or checkbox.
 * @param on whether the answer selects this control
 * @returns ` checked` or nothing
 * @example checkedAttribute(true).value // ' checked'
 */
export function checkedAttribute(on: boolean): SafeHtml {
  return on ? html` checked` : html``;
}
