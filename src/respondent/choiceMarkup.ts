import {
  type ConsentQuestion,
  EMOTION_KEYS,
  type EmotionsQuestion,
  EXPERIENCE_EMOTIONS,
  type LocalizedText,
  type MultipleChoiceQuestion,
  OTHER_CHOICE,
  OTHER_CHOICE_LABEL,
  OTHER_TEXT_MAX_LENGTH,
  type SingleChoiceQuestion,
} from '../surveys/definition/index.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { answerField, CONSENT_VALUE, OTHER_TEXT_PART, partField } from './formFieldNames.ts';
import {
  checkedAttribute,
  describedByAttributes,
  errorMarkup,
  hintMarkup,
  type IdCounter,
  invalidAttribute,
  type QuestionContext,
  questionTitle,
  takeId,
} from './questionParts.ts';
import { button } from './scaleMarkup.ts';

/**
 * A single or multiple choice question: a list of radios or checkboxes with their labels and, with
 * `other`, an "Other (please specify)" choice followed by its text box.
 * @param question the question
 * @param context the question context
 * @returns the markup
 * @example choiceMarkup(q, ctx).value.includes('name="q:incident.occurred:other"') // false (no `other`)
 */
export function choiceMarkup(
  question: SingleChoiceQuestion | MultipleChoiceQuestion,
  context: QuestionContext,
): SafeHtml {
  const type = question.type === 'singleChoice' ? 'radio' : 'checkbox';
  const name = answerField(question.id);
  const picked = question.type === 'singleChoice' ? [context.answer] : listAnswer(context.answer);
  const values = new Set(picked.filter((item): item is string => typeof item === 'string'));
  const other = picked.map(otherText).find((text) => text !== undefined);
  const counter: IdCounter = { questionId: question.id, next: 0 };
  const rows = question.options.map((option) =>
    choiceRow(
      counter,
      type,
      name,
      option.value,
      values.has(option.value),
      context.text(option.text),
      context,
    ),
  );
  let otherRows = html``;
  if (question.other === true) {
    const label = context.text(question.otherLabel ?? OTHER_CHOICE_LABEL);
    const choice = choiceRow(counter, type, name, OTHER_CHOICE, other !== undefined, label, context);
    const id = takeId(counter);
    otherRows = html`${choice}<div class="oth"><label class="vh" for="${id}">${context.ui.otherText}</label><input type="text" class="ot" id="${id}" name="${partField(question.id, OTHER_TEXT_PART)}" maxlength="${OTHER_TEXT_MAX_LENGTH}" value="${other ?? ''}"${invalidAttribute(context)}></div>`;
  }
  const limits =
    question.type === 'multipleChoice'
      ? [context.ui.selectionHint(question.minSelections, question.maxSelections)]
      : [];
  const hint = hintMarkup(question, context, limits);
  return html`<fieldset${describedByAttributes(question, context, hint.exists)}><legend>${questionTitle(question, context)}</legend>${hint.markup}${errorMarkup(question, context)}<div class="ctl">${rows}${otherRows}</div></fieldset>`;
}

/**
 * The emotions question: the offered emotions as checkbox chips, with "choose up to N" as hint.
 * @param question the question
 * @param context the question context
 * @returns the markup
 * @example emotionsMarkup(q, ctx).value.includes('value="trusting"') // true
 */
export function emotionsMarkup(question: EmotionsQuestion, context: QuestionContext): SafeHtml {
  const picked = new Set(listAnswer(context.answer).filter((item) => typeof item === 'string'));
  const counter: IdCounter = { questionId: question.id, next: 0 };
  const name = answerField(question.id);
  const chips = (question.emotions ?? EMOTION_KEYS).map((key) =>
    button(
      counter,
      'checkbox',
      name,
      key,
      picked.has(key),
      html`${context.text(emotionLabel(question, key))}`,
      context,
    ),
  );
  const hint = hintMarkup(question, context, [context.ui.selectionHint(undefined, question.maxPicks)]);
  return html`<fieldset${describedByAttributes(question, context, hint.exists)}><legend>${questionTitle(question, context)}</legend>${hint.markup}${errorMarkup(question, context)}<div class="ctl ch">${chips}</div></fieldset>`;
}

/**
 * A consent question: one checkbox whose label is the statement.
 * @param question the question
 * @param context the question context
 * @returns the markup
 * @example consentMarkup(q, { ...ctx, answer: true }).value.includes(' checked') // true
 */
export function consentMarkup(question: ConsentQuestion, context: QuestionContext): SafeHtml {
  const counter: IdCounter = { questionId: question.id, next: 0 };
  const id = takeId(counter);
  const hint = hintMarkup(question, context);
  return html`${hint.markup}${errorMarkup(question, context)}<div class="c ctl"><input type="checkbox" id="${id}" name="${answerField(question.id)}" value="${CONSENT_VALUE}"${checkedAttribute(context.answer === true)}${describedByAttributes(question, context, hint.exists)}${invalidAttribute(context)}><label for="${id}">${questionTitle(question, context)}</label></div>`;
}

function choiceRow(
  counter: IdCounter,
  type: 'radio' | 'checkbox',
  name: string,
  value: string,
  checked: boolean,
  label: string,
  context: QuestionContext,
): SafeHtml {
  const id = takeId(counter);
  return html`<div class="c"><input type="${type}" id="${id}" name="${name}" value="${value}"${checkedAttribute(checked)}${invalidAttribute(context)}><label for="${id}">${label}</label></div>`;
}

function emotionLabel(question: EmotionsQuestion, key: string): Readonly<LocalizedText> {
  const own = question.labels?.[key as keyof NonNullable<EmotionsQuestion['labels']>];
  if (own !== undefined) return own;
  return EXPERIENCE_EMOTIONS.find((emotion) => emotion.key === key)?.label ?? { en: key };
}

function listAnswer(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The text of a `{ other }` choice, or undefined for anything else. */
function otherText(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const text = (value as { other?: unknown }).other;
  return typeof text === 'string' ? text : undefined;
}
