import { answerIssues } from './answerIssues.ts';
import { type Answers, type HiddenValues, isAnswered } from './answers.ts';
import { formatIssuePath, type SurveyIssue } from './issuePath.ts';
import type { SurveyDefinition } from './surveyDefinitionSchema.ts';
import { surveyQuestions } from './surveyQuestions.ts';
import { visibleQuestions } from './visibleQuestions.ts';

// Question ids per survey version, built once: ingestion and imports validate many responses against
// one definition object, and definitions are never changed once parsed.
const knownIdsOf = new WeakMap<SurveyDefinition, ReadonlySet<string>>();

function knownIds(definition: SurveyDefinition): ReadonlySet<string> {
  let known = knownIdsOf.get(definition);
  if (!known) {
    known = new Set(surveyQuestions(definition).map((question) => question.id));
    knownIdsOf.set(definition, known);
  }
  return known;
}

/**
 * The problems with a submitted set of answers, as `{ path: 'answers.<questionId>…', message }`:
 * answers to unknown questions; answers to questions that logic hides; required questions that are
 * shown but unanswered; and, per answered question, type/range/length checks (see `answerIssues`).
 * Empty answers (null, blank text, empty list) count as not answered and are never an error on
 * their own.
 * @param definition the survey version the respondent answered
 * @param answers answers by question id
 * @param hidden hidden field values by name
 * @returns the issues, empty when the answers are acceptable
 * @example validateAnswers(def, { nps: 12 }, {}) // [{ path: 'answers.nps', message: 'Must be an integer from 0 to 10' }]
 */
export function validateAnswers(
  definition: SurveyDefinition,
  answers: Answers,
  hidden: HiddenValues,
): SurveyIssue[] {
  const known = knownIds(definition);
  const shown = visibleQuestions(definition, answers, hidden);
  const shownIds = new Set(shown.map((question) => question.id));
  const issues: SurveyIssue[] = [];
  for (const [id, value] of Object.entries(answers)) {
    if (!known.has(id)) issues.push({ path: formatIssuePath(['answers', id]), message: 'Unknown question' });
    else if (!shownIds.has(id) && isAnswered(value)) {
      issues.push({
        path: formatIssuePath(['answers', id]),
        message: 'Question is hidden by logic for these answers',
      });
    }
  }
  for (const question of shown) {
    const value = answers[question.id];
    if (!isAnswered(value)) {
      if (question.required === true)
        issues.push({ path: formatIssuePath(['answers', question.id]), message: 'Required' });
      continue;
    }
    for (const found of answerIssues(question, value)) {
      issues.push({ path: formatIssuePath(['answers', question.id, ...found.at]), message: found.message });
    }
  }
  return issues;
}
