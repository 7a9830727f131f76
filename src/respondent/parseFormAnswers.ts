import {
  type Answers,
  type HiddenValues,
  type SurveyDefinition,
  visibleQuestions,
} from '../surveys/definition/index.ts';
import { surveyPage } from './pageQuestions.ts';
import { type FormValues, formProblemMessage, parseQuestionForm } from './parseQuestionForm.ts';
import type { PageIssue } from './renderSurveyPage.ts';
import { uiText } from './uiText.ts';

export type ParsedForm = { readonly answers: Answers; readonly issues: PageIssue[] };

/**
 * The answers after a page is posted: `answersSoFar` with every question of the page replaced by
 * what its fields say (`parseQuestionForm`; a field left empty clears the old answer), then without
 * the answers the logic now hides (`visibleQuestions`, e.g. a follow-up whose trigger was changed,
 * or pages a new skip jumps over), so the result passes `validateAnswers`' "hidden by logic" rule.
 * Issues are the malformed fields of the page's shown questions, one per question, in the
 * respondent's language. Check the rest (required, limits) with `pageIssues` on the result.
 * @param definition the survey
 * @param pageIndex the posted page, from 0
 * @param form the posted fields (repeated names as lists)
 * @param hidden hidden field values
 * @param answersSoFar the answers before this post (all pages)
 * @param language the respondent's language (for the messages)
 * @returns the complete answers and the form issues
 * @example parseFormAnswers(def, 0, { 'q:nps': '11' }, {}, {}, 'en').issues // [{ questionId: 'nps', message: 'Enter a whole number from 0 to 10' }]
 */
export function parseFormAnswers(
  definition: SurveyDefinition,
  pageIndex: number,
  form: FormValues,
  hidden: HiddenValues,
  answersSoFar: Answers,
  language: string,
): ParsedForm {
  const ui = uiText(language);
  const merged: Record<string, unknown> = { ...answersSoFar };
  const problems: PageIssue[] = [];
  for (const block of surveyPage(definition, pageIndex).blocks) {
    for (const question of block.questions) {
      delete merged[question.id];
      const parsed = parseQuestionForm(question, form);
      if (parsed.value !== undefined) merged[question.id] = parsed.value;
      if (parsed.problem !== undefined) {
        problems.push({ questionId: question.id, message: formProblemMessage(ui, parsed.problem) });
      }
    }
  }
  const shown = new Set(visibleQuestions(definition, merged, hidden).map((question) => question.id));
  for (const id of Object.keys(merged)) if (!shown.has(id)) delete merged[id];
  return { answers: merged, issues: problems.filter((issue) => shown.has(issue.questionId)) };
}
