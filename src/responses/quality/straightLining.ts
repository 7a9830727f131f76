import { type Answers, type SurveyDefinition, surveyQuestions } from '../../surveys/definition/index.ts';
import { type CleaningRules, DEFAULT_CLEANING_RULES } from './cleaningRules.ts';

/**
 * Whether a respondent straight-lined the agreement items: gave one and the same answer to every
 * agreement item they answered, over at least `straightLineMinItems` of them.
 *
 * Only numeric answers to `agreement` questions count; unanswered items and "not applicable" are
 * ignored (they neither count towards the minimum nor break the line).
 *
 * Tension-keyed items are compared by their raw answer, not reverse-scored: a straight-liner clicks
 * the same box down the page whatever the wording says, so "agree" to "I am kept informed" and
 * "agree" to "I feel left in the dark" is the same line. A careful respondent who agrees with the
 * fulfilled wordings and disagrees with the tension ones is, rightly, not a straight-liner.
 *
 * @param definition the survey, for which questions are agreement items
 * @param answers the response's answers by question id
 * @param rules `straightLineMinItems` (default 6)
 * @returns true when ≥ straightLineMinItems agreement items were answered, all with the same value
 * @example isStraightLiner(survey, { c1: 4, c2: 4, c3: 4, c4: 4, c5: 4, c6: 4 }) // true (six agreement items)
 */
export function isStraightLiner(
  definition: SurveyDefinition,
  answers: Answers,
  rules: Pick<CleaningRules, 'straightLineMinItems'> = DEFAULT_CLEANING_RULES,
): boolean {
  let count = 0;
  let first: number | undefined;
  for (const question of surveyQuestions(definition)) {
    if (question.type !== 'agreement') continue;
    const value = answers[question.id];
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    if (first === undefined) first = value;
    else if (value !== first) return false;
    count++;
  }
  return count >= rules.straightLineMinItems;
}
