import {
  type Answers,
  END_OF_SURVEY,
  evaluateCondition,
  type HiddenValues,
  type SurveyDefinition,
} from '../surveys/definition/index.ts';

export type PageNavigation = {
  /** The next page to show, or null when this page ends the survey (its button is Submit). */
  readonly next: number | null;
  /** The page Back returns to, or null on the first page shown. */
  readonly previous: number | null;
  /** "Page X of Y" for the progress: this page's position on the path (from 1) and the path length. */
  readonly page: number;
  readonly pages: number;
};

/**
 * The pages a respondent goes through with these answers, in order: the walk of `visibleQuestions`
 * (a page's `skipTo` rules, tried in order after it, jump forward or end the survey; conditions see
 * only answers to questions shown), leaving out pages on which no question is shown. Pages not yet
 * answered count as visited, so the length is an estimate that later skips can shorten.
 * @param definition the survey
 * @param answers answers so far
 * @param hidden hidden field values
 * @returns page indexes
 * @example pagePath(def, { nps: 10 }, {}) // [0, 2] (def: page 0 skips to page 2 when nps gte 9)
 */
export function pagePath(definition: SurveyDefinition, answers: Answers, hidden: HiddenValues): number[] {
  const path: number[] = [];
  const seen: Record<string, unknown> = {};
  const pages = definition.pages;
  let index = 0;
  while (index < pages.length) {
    const page = pages[index];
    let shownHere = 0;
    for (const block of page.blocks) {
      for (const question of block.questions) {
        if (question.displayIf !== undefined && !evaluateCondition(question.displayIf, seen, hidden))
          continue;
        shownHere += 1;
        if (Object.hasOwn(answers, question.id)) seen[question.id] = answers[question.id];
      }
    }
    if (shownHere > 0) path.push(index);
    const rule = page.skipTo?.find((candidate) => evaluateCondition(candidate.when, seen, hidden));
    if (rule === undefined) {
      index += 1;
      continue;
    }
    if (rule.to === END_OF_SURVEY) break;
    const target = pages.findIndex((candidate) => candidate.id === rule.to);
    index = target > index ? target : index + 1;
  }
  return path;
}

/**
 * Where Next and Back lead from a page, and its place in the progress, from `pagePath`.
 * @param definition the survey
 * @param pageIndex the page shown, from 0
 * @param answers answers so far (including this page's, after a post)
 * @param hidden hidden field values
 * @returns next / previous page (null at the ends), page number and page count
 * @example pageNavigation(def, 0, { nps: 10 }, {}) // { next: 2, previous: null, page: 1, pages: 2 }
 */
export function pageNavigation(
  definition: SurveyDefinition,
  pageIndex: number,
  answers: Answers,
  hidden: HiddenValues,
): PageNavigation {
  const path = pagePath(definition, answers, hidden);
  const next = path.find((index) => index > pageIndex) ?? null;
  const previous = path.findLast((index) => index < pageIndex) ?? null;
  const before = path.filter((index) => index < pageIndex).length;
  const onPath = path.includes(pageIndex);
  return { next, previous, page: before + 1, pages: Math.max(path.length + (onPath ? 0 : 1), before + 1) };
}
