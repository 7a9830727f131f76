import type { Answers, HiddenValues } from './answers.ts';
import { END_OF_SURVEY } from './endOfSurvey.ts';
import { evaluateCondition } from './evaluateCondition.ts';
import type { Question } from './questionSchema.ts';
import type { SurveyDefinition } from './surveyDefinitionSchema.ts';

/**
 * The questions a respondent is shown, given their answers and the hidden fields, in definition
 * order. Pages are walked in order: on each page a question is shown when it has no `displayIf` or
 * the condition holds; after the page, the first `skipTo` rule that holds jumps forward to its page
 * (or `end`), skipping the pages in between. Conditions only see answers to questions already shown,
 * so a stale answer to a question hidden by logic cannot steer later logic.
 * @param definition the survey
 * @param answers answers by question id
 * @param hidden hidden field values by name
 * @returns the shown questions
 * @example visibleQuestions(def, { nps: 10 }, {}).map((q) => q.id) // ['nps'] (def: 'nps', then 'whyLow' with displayIf nps lte 6)
 */
export function visibleQuestions(
  definition: SurveyDefinition,
  answers: Answers,
  hidden: HiddenValues,
): Question[] {
  const shown: Question[] = [];
  const seen: Record<string, unknown> = {};
  const pages = definition.pages;
  let index = 0;
  while (index < pages.length) {
    const page = pages[index];
    for (const block of page.blocks) {
      for (const question of block.questions) {
        if (question.displayIf !== undefined && !evaluateCondition(question.displayIf, seen, hidden))
          continue;
        shown.push(question);
        if (Object.hasOwn(answers, question.id)) seen[question.id] = answers[question.id];
      }
    }
    const rule = page.skipTo?.find((candidate) => evaluateCondition(candidate.when, seen, hidden));
    if (rule === undefined) {
      index += 1;
      continue;
    }
    if (rule.to === END_OF_SURVEY) break;
    const target = pages.findIndex((candidate) => candidate.id === rule.to);
    // Validation only allows forward targets; anything else falls through to the next page.
    index = target > index ? target : index + 1;
  }
  return shown;
}
