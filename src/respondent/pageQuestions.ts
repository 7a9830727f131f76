import {
  type Answers,
  type Condition,
  type HiddenValues,
  type Question,
  randomizedOrder,
  type SurveyDefinition,
  visibleQuestions,
} from '../surveys/definition/index.ts';
import { reduceCondition } from './reduceCondition.ts';

/** A question as placed on the page: `showIf` is what remains of its condition for the script. */
export type PageQuestion = { readonly question: Question; readonly showIf: Condition | null };

/**
 * The questions to render on a survey page, in display order (blocks in order, randomised blocks
 * shuffled by `randomizedOrder(block, seed)`). A question's `displayIf` is reduced against the
 * earlier pages and hidden fields (`reduceCondition`): settled false → not rendered; settled true →
 * rendered with `showIf: null`; still depending on an answer on this page → rendered with the reduced
 * condition, which the script evaluates live (without the script the question stays visible and
 * the server drops an answer the logic hides).
 * @param definition the survey
 * @param pageIndex the page, from 0
 * @param answers answers so far (all pages)
 * @param hidden hidden field values
 * @param seed the respondent's seed for randomised blocks
 * @returns the page's questions to render
 * @example pageQuestions(def, 0, {}, {}, 1).map((p) => p.question.id) // ['nps', 'why'] (def: one page, nps then why with displayIf nps lte 6 → showIf kept)
 */
export function pageQuestions(
  definition: SurveyDefinition,
  pageIndex: number,
  answers: Answers,
  hidden: HiddenValues,
  seed: number | string,
): PageQuestion[] {
  const page = surveyPage(definition, pageIndex);
  const onPage = new Set(page.blocks.flatMap((block) => block.questions.map((question) => question.id)));
  const seen: Record<string, unknown> = {};
  for (const question of visibleQuestions(definition, answers, hidden)) {
    if (!onPage.has(question.id) && Object.hasOwn(answers, question.id)) {
      seen[question.id] = answers[question.id];
    }
  }
  const rendered = new Set<string>();
  const placed: PageQuestion[] = [];
  for (const block of page.blocks) {
    for (const question of randomizedOrder(block, seed)) {
      const reduced =
        question.displayIf === undefined
          ? true
          : reduceCondition(question.displayIf, (id) => rendered.has(id), seen, hidden);
      if (reduced === false) continue;
      rendered.add(question.id);
      placed.push({ question, showIf: reduced === true ? null : reduced });
    }
  }
  return placed;
}

/**
 * A page of the survey by index, or a RangeError (a route bug, not a respondent error).
 * @param definition the survey
 * @param pageIndex the page, from 0
 * @returns the page
 * @example surveyPage(def, 0).id // 'main'
 */
export function surveyPage(
  definition: SurveyDefinition,
  pageIndex: number,
): SurveyDefinition['pages'][number] {
  const page = Number.isInteger(pageIndex) ? definition.pages[pageIndex] : undefined;
  if (page === undefined) throw new RangeError(`No page ${pageIndex} in this survey`);
  return page;
}
