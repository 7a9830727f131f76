import type { Question } from '../surveys/definition/index.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { choiceMarkup, consentMarkup, emotionsMarkup } from './choiceMarkup.ts';
import type { PageQuestion } from './pageQuestions.ts';
import type { QuestionContext } from './questionParts.ts';
import { agreementMarkup, dissonanceMarkup, matrixMarkup, scoreScaleMarkup } from './scaleMarkup.ts';
import { rankingMarkup, textMarkup } from './textAndRankingMarkup.ts';

/**
 * One question on the page, in its wrapper `<div class="q" data-q="<id>">`. The wrapper carries
 * what the script needs: `data-req` (required), `data-all` (every matrix row / ranking option must
 * be answered), `data-c` (a consent box, which counts as `false` when unticked) and `data-if` (the
 * reduced display condition, JSON) for a question that depends on an answer on the same page.
 * @param placed the question and its remaining condition
 * @param context the question context
 * @returns the markup
 * @example questionMarkup({ question: nps, showIf: null }, ctx).value.startsWith('<div class="q" data-q="nps"') // true
 */
export function questionMarkup(placed: PageQuestion, context: QuestionContext): SafeHtml {
  const { question, showIf } = placed;
  const required = question.required === true;
  const flags = html`${required ? html` data-req` : ''}${required && (question.type === 'matrix' || question.type === 'ranking') ? html` data-all` : ''}${question.type === 'consent' ? html` data-c` : ''}`;
  if (showIf === null)
    return html`<div class="q" data-q="${question.id}"${flags}>${body(question, context)}</div>`;
  return html`<div class="q" data-q="${question.id}"${flags} data-if="${JSON.stringify(showIf)}"><p class="hint nojs">${context.ui.conditionalHint}</p>${body(question, context)}</div>`;
}

function body(question: Question, context: QuestionContext): SafeHtml {
  switch (question.type) {
    case 'nps':
    case 'rating':
      return scoreScaleMarkup(question, context);
    case 'agreement':
      return agreementMarkup(question, context);
    case 'dissonance':
      return dissonanceMarkup(question, context);
    case 'matrix':
      return matrixMarkup(question, context);
    case 'singleChoice':
    case 'multipleChoice':
      return choiceMarkup(question, context);
    case 'emotions':
      return emotionsMarkup(question, context);
    case 'consent':
      return consentMarkup(question, context);
    case 'text':
      return textMarkup(question, context);
    case 'ranking':
      return rankingMarkup(question, context);
  }
}
