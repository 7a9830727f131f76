import type { Question } from './questionSchema.ts';
import type { SurveyDefinition } from './surveyDefinitionSchema.ts';

/**
 * Every question of a survey in definition order (pages, then blocks, then questions), ignoring
 * logic and randomisation.
 * @param definition the survey
 * @returns the questions
 * @example surveyQuestions(def).map((q) => q.id) // ['nps', 'reason']
 */
export function surveyQuestions(definition: SurveyDefinition): Question[] {
  return definition.pages.flatMap((page) => page.blocks.flatMap((block) => block.questions));
}
