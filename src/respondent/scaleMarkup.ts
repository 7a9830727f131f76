import {
  AGREEMENT_SCALE_LABELS,
  type AgreementQuestion,
  DISSONANCE_LABELS,
  DISSONANCE_VALUES,
  type DissonanceQuestion,
  type MatrixQuestion,
  NOT_APPLICABLE,
  NOT_APPLICABLE_LABEL,
  type NpsQuestion,
  type Question,
  type RatingQuestion,
} from '../surveys/definition/index.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { answerField, partField } from './formFieldNames.ts';
import {
  checkedAttribute,
  describedByAttributes,
  errorMarkup,
  hintMarkup,
  type IdCounter,
  invalidAttribute,
  MAX_RADIO_POINTS,
  type QuestionContext,
  questionTitle,
  takeId,
} from './questionParts.ts';

type ScalePoint = { readonly value: string; readonly visible: string; readonly spoken?: string };

/**
 * An nps or rating question: a row of numbered buttons with the end labels under it, or a number box
 * when the scale has more than `MAX_RADIO_POINTS` points (a 0–100 share of spend).
 * @param question the question
 * @param context the question context
 * @returns the markup
 * @example scoreScaleMarkup(nps, ctx).value.includes('value="10"') // true
 */
export function scoreScaleMarkup(question: NpsQuestion | RatingQuestion, context: QuestionContext): SafeHtml {
  const min = question.type === 'nps' ? 0 : question.min;
  const max = question.type === 'nps' ? 10 : question.max;
  const minLabel = context.text(question.minLabel);
  const maxLabel = context.text(question.maxLabel);
  if (max - min + 1 > MAX_RADIO_POINTS) {
    return numberBoxMarkup(question, context, min, max, context.ui.numberHint(min, max, minLabel, maxLabel));
  }
  const counter: IdCounter = { questionId: question.id, next: 0 };
  const hint = hintMarkup(question, context);
  const points = integerPoints(min, max, minLabel, maxLabel);
  return html`<fieldset${describedByAttributes(question, context, hint.exists)}><legend>${questionTitle(question, context)}</legend>${hint.markup}${errorMarkup(question, context)}${scaleButtons(counter, answerField(question.id), points, scalar(context.answer), context, 'ctl')}${ends(minLabel, maxLabel)}</fieldset>`;
}

/**
 * A 5-point agreement statement: buttons 1–5 (each spoken with its full label), the end labels, and
 * the "don't know / not applicable" button when allowed.
 * @param question the question
 * @param context the question context
 * @returns the markup
 * @example agreementMarkup(item, ctx).value.includes('value="notApplicable"') // true when allowNotApplicable
 */
export function agreementMarkup(question: AgreementQuestion, context: QuestionContext): SafeHtml {
  const labels = (question.scaleLabels ?? AGREEMENT_SCALE_LABELS).map((label) => context.text(label));
  const counter: IdCounter = { questionId: question.id, next: 0 };
  const hint = hintMarkup(question, context);
  const points = labels.map((label, i) => ({ value: String(i + 1), visible: String(i + 1), spoken: label }));
  const selected = scalar(context.answer);
  const name = answerField(question.id);
  const notApplicable =
    question.allowNotApplicable === true
      ? html`<div class="na">${button(counter, 'radio', name, NOT_APPLICABLE, selected === NOT_APPLICABLE, html`${context.text(question.notApplicableLabel ?? NOT_APPLICABLE_LABEL)}`, context)}</div>`
      : html``;
  return html`<fieldset${describedByAttributes(question, context, hint.exists)}><legend>${questionTitle(question, context)}</legend>${hint.markup}${errorMarkup(question, context)}${scaleButtons(counter, name, points, selected, context, 'ctl')}${ends(labels[0], labels[labels.length - 1])}${notApplicable}</fieldset>`;
}

/**
 * The promise–experience question: three buttons showing their full labels.
 * @param question the question
 * @param context the question context
 * @returns the markup
 * @example dissonanceMarkup(q, ctx).value.includes('value="inLine"') // true
 */
export function dissonanceMarkup(question: DissonanceQuestion, context: QuestionContext): SafeHtml {
  const labels = question.scaleLabels ?? DISSONANCE_LABELS;
  const counter: IdCounter = { questionId: question.id, next: 0 };
  const hint = hintMarkup(question, context);
  const points = DISSONANCE_VALUES.map((value) => ({ value, visible: context.text(labels[value]) }));
  return html`<fieldset${describedByAttributes(question, context, hint.exists)}><legend>${questionTitle(question, context)}</legend>${hint.markup}${errorMarkup(question, context)}${scaleButtons(counter, answerField(question.id), points, scalar(context.answer), context, 'ctl t')}</fieldset>`;
}

/**
 * A matrix: the question is the outer fieldset (its hint says what the scale ends mean); each row is
 * its own fieldset with a row of buttons, or a labelled number box on scales over
 * `MAX_RADIO_POINTS` points.
 * @param question the question
 * @param context the question context
 * @returns the markup
 * @example matrixMarkup(q, ctx).value.includes('name="q:channels:portal"') // true
 */
export function matrixMarkup(question: MatrixQuestion, context: QuestionContext): SafeHtml {
  const { min, max } = question.scale;
  const minLabel = context.text(question.scale.minLabel);
  const maxLabel = context.text(question.scale.maxLabel);
  const asNumbers = max - min + 1 > MAX_RADIO_POINTS;
  const meaning = asNumbers
    ? context.ui.numberHint(min, max, minLabel, maxLabel)
    : `${min} = ${minLabel} · ${max} = ${maxLabel}`;
  const hint = hintMarkup(question, context, [meaning]);
  const counter: IdCounter = { questionId: question.id, next: 0 };
  const answered = isRecord(context.answer) ? context.answer : {};
  const points = integerPoints(min, max, minLabel, maxLabel);
  const rows = question.rows.map((row) => {
    const name = partField(question.id, row.id);
    const value = scalar(answered[row.id]);
    if (asNumbers) {
      const id = takeId(counter);
      return html`<div class="r"><label for="${id}">${context.text(row.text)}</label>${numberInput(id, name, value, min, max, context, question.required === true, html``)}</div>`;
    }
    return html`<fieldset class="r"><legend>${context.text(row.text)}</legend>${scaleButtons(counter, name, points, value, context, '')}</fieldset>`;
  });
  return html`<fieldset${describedByAttributes(question, context, hint.exists)}><legend>${questionTitle(question, context)}</legend>${hint.markup}${errorMarkup(question, context)}<div class="ctl">${rows}</div></fieldset>`;
}

function numberBoxMarkup(
  question: Question,
  context: QuestionContext,
  min: number,
  max: number,
  instruction: string,
): SafeHtml {
  const counter: IdCounter = { questionId: question.id, next: 0 };
  const id = takeId(counter);
  const hint = hintMarkup(question, context, [instruction]);
  return html`<label class="ql" for="${id}">${questionTitle(question, context)}</label>${hint.markup}${errorMarkup(question, context)}${numberInput(id, answerField(question.id), scalar(context.answer), min, max, context, question.required === true, describedByAttributes(question, context, hint.exists))}`;
}

function numberInput(
  id: string,
  name: string,
  value: string | undefined,
  min: number,
  max: number,
  context: QuestionContext,
  required: boolean,
  described: SafeHtml,
): SafeHtml {
  // A text box with a numeric keyboard: number inputs change value on scroll and reject partial input.
  const keyboard = min >= 0 ? html` inputmode="numeric"` : html``;
  const requiredAttribute = required ? html` aria-required="true"` : html``;
  return html`<input type="text"${keyboard} class="ctl num" id="${id}" name="${name}" value="${value ?? ''}" data-min="${min}" data-max="${max}" autocomplete="off"${described}${requiredAttribute}${invalidAttribute(context)}>`;
}

function scaleButtons(
  counter: IdCounter,
  name: string,
  points: readonly ScalePoint[],
  selected: string | undefined,
  context: QuestionContext,
  className: string,
): SafeHtml {
  // A phone fits about six 44 px targets in a row: longer scales wrap in two balanced rows (k = columns).
  const columns = points.length === 6 ? 'k3' : points.length > 6 ? `k${Math.ceil(points.length / 2)}` : '';
  const classes = ['s', columns, className].filter((c) => c !== '').join(' ');
  const buttons = points.map((point) => {
    const spoken = point.spoken === undefined ? html`` : html`<span class="vh"> ${point.spoken}</span>`;
    return button(
      counter,
      'radio',
      name,
      point.value,
      selected === point.value,
      html`${point.visible}${spoken}`,
      context,
    );
  });
  return html`<div class="${classes}">${buttons}</div>`;
}

/**
 * One large button-like radio or checkbox: the native input (invisible, on top, so it keeps keyboard
 * and screen reader behaviour) and its label, styled by the CSS.
 * @param counter the question's id counter
 * @param type radio or checkbox
 * @param name the form field
 * @param value the submitted value
 * @param checked pre-filled
 * @param label the label content
 * @param context the question context
 * @returns the markup
 * @example button({ questionId: 'x', next: 0 }, 'radio', 'q:x', '1', false, html`1`, ctx).value // '<span class="o"><input type="radio" id="q-x" name="q:x" value="1"><label for="q-x">1</label></span>'
 */
export function button(
  counter: IdCounter,
  type: 'radio' | 'checkbox',
  name: string,
  value: string,
  checked: boolean,
  label: SafeHtml,
  context: QuestionContext,
): SafeHtml {
  const id = takeId(counter);
  return html`<span class="o"><input type="${type}" id="${id}" name="${name}" value="${value}"${checkedAttribute(checked)}${invalidAttribute(context)}><label for="${id}">${label}</label></span>`;
}

function integerPoints(min: number, max: number, minLabel: string, maxLabel: string): ScalePoint[] {
  const points: ScalePoint[] = [];
  for (let value = min; value <= max; value++) {
    const spoken = value === min ? minLabel : value === max ? maxLabel : undefined;
    points.push(
      spoken === undefined
        ? { value: String(value), visible: String(value) }
        : { value: String(value), visible: String(value), spoken },
    );
  }
  return points;
}

function ends(minLabel: string, maxLabel: string): SafeHtml {
  // Spoken with the first and last buttons already, so hidden from screen readers here.
  return html`<div class="ends" aria-hidden="true"><span>${minLabel}</span><span>${maxLabel}</span></div>`;
}

/** A pre-filled scalar answer as the form value it matches, or undefined. */
function scalar(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
