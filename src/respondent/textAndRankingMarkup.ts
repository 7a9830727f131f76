import {
  DEFAULT_TEXT_MAX_LENGTH,
  type RankingQuestion,
  type TextQuestion,
} from '../surveys/definition/index.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { answerField, partField } from './formFieldNames.ts';
import {
  describedByAttributes,
  errorMarkup,
  hintMarkup,
  type IdCounter,
  invalidAttribute,
  type QuestionContext,
  questionTitle,
  takeId,
} from './questionParts.ts';

/**
 * An open text question: a textarea (`multiline: true`) or a one-line box, both with `maxlength`
 * and the limit stated in the hint.
 * @param question the question
 * @param context the question context
 * @returns the markup
 * @example textMarkup({ ...comment, maxLength: 2000 }, ctx).value.includes('maxlength="2000"') // true
 */
export function textMarkup(question: TextQuestion, context: QuestionContext): SafeHtml {
  const max = question.maxLength ?? DEFAULT_TEXT_MAX_LENGTH;
  const id = takeId({ questionId: question.id, next: 0 });
  const hint = hintMarkup(question, context, [context.ui.maxCharacters(max)]);
  const value = typeof context.answer === 'string' ? context.answer : '';
  const attributes = html`id="${id}" name="${answerField(question.id)}" maxlength="${max}"${describedByAttributes(question, context, hint.exists)}${question.required === true ? html` aria-required="true"` : html``}${invalidAttribute(context)}`;
  // The newline after <textarea> is eaten by the HTML parser, so a leading newline in the answer survives.
  const control =
    question.multiline === true
      ? html`<textarea class="ctl" rows="5" ${attributes}>\n${value}</textarea>`
      : html`<input type="text" class="ctl" ${attributes} value="${value}">`;
  return html`<label class="ql" for="${id}">${questionTitle(question, context)}</label>${hint.markup}${errorMarkup(question, context)}${control}`;
}

/**
 * A ranking question that works without JavaScript: one select per option offering the positions
 * 1st…Nth; the answer is the options ordered by position.
 * @param question the question
 * @param context the question context
 * @returns the markup
 * @example rankingMarkup(q, { ...ctx, answer: ['us', 'inHouse'] }).value.includes('<option value="1" selected>') // true
 */
export function rankingMarkup(question: RankingQuestion, context: QuestionContext): SafeHtml {
  const order = Array.isArray(context.answer) ? context.answer : [];
  const counter: IdCounter = { questionId: question.id, next: 0 };
  const count = question.options.length;
  const rows = question.options.map((option) => {
    const id = takeId(counter);
    const position = order.indexOf(option.value) + 1;
    const choices: SafeHtml[] = [];
    for (let p = 1; p <= count; p++) {
      choices.push(
        html`<option value="${p}"${p === position ? html` selected` : html``}>${context.ui.ordinal(p)}</option>`,
      );
    }
    return html`<div class="rk r"><label for="${id}">${context.text(option.text)}</label><select id="${id}" name="${partField(question.id, option.value)}"${invalidAttribute(context)}><option value="">${context.ui.rankingEmpty}</option>${choices}</select></div>`;
  });
  const hint = hintMarkup(question, context, [context.ui.rankingHint]);
  return html`<fieldset${describedByAttributes(question, context, hint.exists)}><legend>${questionTitle(question, context)}</legend>${hint.markup}${errorMarkup(question, context)}<div class="ctl">${rows}</div></fieldset>`;
}
