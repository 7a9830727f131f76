import {
  type Answers,
  type HiddenValues,
  type Question,
  type SurveyDefinition,
  validateAnswers,
} from '../surveys/definition/index.ts';
import { surveyPage } from './pageQuestions.ts';
import type { PageIssue } from './renderSurveyPage.ts';
import { type UiText, uiText } from './uiText.ts';

/**
 * The survey's own checks (`validateAnswers`) limited to the questions of one page, at most one
 * issue per question (the first), in the respondent's language: required but unanswered, out of
 * range, text too long, blank "other", too few / too many picks, incomplete ranking or matrix,
 * refused required consent. Messages `validateAnswers` may add later map to the generic "not valid".
 * @param definition the survey
 * @param pageIndex the page, from 0
 * @param answers the answers (all pages), e.g. from `parseFormAnswers`
 * @param hidden hidden field values
 * @param language the respondent's language
 * @returns the issues of the page's questions
 * @example pageIssues(def, 0, {}, {}, 'it') // [{ questionId: 'nps', message: 'Risponda a questa domanda' }] (nps required)
 */
export function pageIssues(
  definition: SurveyDefinition,
  pageIndex: number,
  answers: Answers,
  hidden: HiddenValues,
  language: string,
): PageIssue[] {
  const ui = uiText(language);
  const questions = surveyPage(definition, pageIndex).blocks.flatMap((block) => block.questions);
  // Longest ids first, so `answers.a.b` goes to question `a.b` rather than row `b` of question `a`.
  const byLength = [...questions].sort((a, b) => b.id.length - a.id.length);
  const found = new Map<string, string>();
  for (const issue of validateAnswers(definition, answers, hidden)) {
    const rest = issue.path.startsWith('answers.') ? issue.path.slice('answers.'.length) : '';
    const question = byLength.find(
      (candidate) =>
        rest === candidate.id || rest.startsWith(`${candidate.id}.`) || rest.startsWith(`${candidate.id}[`),
    );
    if (question === undefined || found.has(question.id)) continue;
    found.set(question.id, localizeAnswerIssue(issue.message, rest !== question.id, question, ui));
  }
  return questions
    .filter((question) => found.has(question.id))
    .map((question) => ({ questionId: question.id, message: found.get(question.id) as string }));
}

/**
 * A `validateAnswers` message in the respondent's words.
 * @param message the English message of `validateAnswers`
 * @param aboutPart whether the issue concerns a part of the answer (a matrix row, a list item)
 * @param question the question
 * @param ui the page strings
 * @returns the localised message
 * @example localizeAnswerIssue('Pick at most 3', false, q, uiText('it')) // 'Ne scelga al massimo 3'
 */
export function localizeAnswerIssue(
  message: string,
  aboutPart: boolean,
  question: Question,
  ui: UiText,
): string {
  const m = ui.messages;
  if (message === 'Required') return aboutPart ? m.matrixIncomplete : m.required;
  if (message === 'Consent is required') return m.consentRequired;
  if (message === 'The "other" text must be filled in') return m.otherMissing;
  let match = /^Must be an integer from (-?\d+) to (-?\d+)$/.exec(message);
  if (match !== null) return m.outOfRange(Number(match[1]), Number(match[2]));
  match = /must be at most (\d+) characters$/i.exec(message);
  if (match !== null) return m.tooLong(Number(match[1]));
  match = /^Pick at least (\d+)$/.exec(message);
  if (match !== null) return m.pickAtLeast(Number(match[1]));
  match = /^Pick at most (\d+)$/.exec(message);
  if (match !== null) return m.pickAtMost(Number(match[1]));
  if (message.startsWith('Must rank every option exactly once') && question.type === 'ranking') {
    return m.rankingIncomplete(question.options.length);
  }
  return m.invalid;
}
