import { type ConditionScope, conditionIssues } from './conditionIssues.ts';
import { END_OF_SURVEY } from './endOfSurvey.ts';
import { EMOTION_KEYS } from './experienceEmotions.ts';
import { formatIssuePath, type LocatedIssue, type PathSegment, type SurveyIssue } from './issuePath.ts';
import type { Question } from './questionSchema.ts';
import type { SurveyDefinition } from './surveyDefinitionSchema.ts';
import { translationIssues } from './translationIssues.ts';

/**
 * The cross-field problems of a structurally valid definition, as `{ path, message }` (the same
 * rules `surveyDefinitionSchema` applies in its refinement): see `collectDefinitionIssues`.
 * @param definition a definition with the right shape
 * @returns the issues, empty when the definition is valid
 * @example validateSurveyDefinition({ ...def, defaultLanguage: 'fr' })[0] // { path: 'defaultLanguage', message: 'Must be one of the survey languages: en, it' }
 */
export function validateSurveyDefinition(definition: SurveyDefinition): SurveyIssue[] {
  return collectDefinitionIssues(definition).map((issue) => ({
    path: formatIssuePath(issue.segments),
    message: issue.message,
  }));
}

/**
 * The cross-field rules, with paths as segments:
 * languages unique and containing the default; hidden fields unique; page, block and question ids
 * unique (questions across the whole survey); scales with max > min; agreement tagging consistent;
 * option values, matrix rows and emotion subsets unique; selection limits possible; ranking
 * `supplierOption` present among the options; `displayIf` refers only to questions earlier in the
 * survey (not in its own randomised block) and declared hidden fields, with operators and values that
 * fit; `skipTo` jumps forward only and refers to questions up to its page; translations complete
 * (see `translationIssues`).
 * @param definition a definition with the right shape
 * @returns the issues in document order
 * @example collectDefinitionIssues(def).length // 0 for a valid survey
 */
export function collectDefinitionIssues(definition: SurveyDefinition): LocatedIssue[] {
  const issues: LocatedIssue[] = [];
  const add = (segments: readonly PathSegment[], message: string): void => {
    issues.push({ segments, message });
  };

  for (const i of duplicates(definition.languages)) add(['languages', i], 'Duplicate language');
  if (!definition.languages.includes(definition.defaultLanguage)) {
    add(['defaultLanguage'], `Must be one of the survey languages: ${definition.languages.join(', ')}`);
  }
  const hiddenFields = definition.hiddenFields ?? [];
  for (const i of duplicates(hiddenFields)) add(['hiddenFields', i], 'Duplicate hidden field');

  const pageIds = definition.pages.map((page) => page.id);
  for (const i of duplicates(pageIds)) add(['pages', i, 'id'], `Duplicate page id "${pageIds[i]}"`);
  definition.pages.forEach((page, p) => {
    if (page.id === END_OF_SURVEY) add(['pages', p, 'id'], `"${END_OF_SURVEY}" is reserved for skipTo`);
  });

  const blockIds = new Set<string>();
  const questionPositions = new Map<
    string,
    { page: number; block: string; randomized: boolean; order: number }
  >();
  const questionsById = new Map<string, Question>();
  let order = 0;
  definition.pages.forEach((page, p) => {
    page.blocks.forEach((block, b) => {
      if (blockIds.has(block.id)) add(['pages', p, 'blocks', b, 'id'], `Duplicate block id "${block.id}"`);
      blockIds.add(block.id);
      block.questions.forEach((question, q) => {
        const at = ['pages', p, 'blocks', b, 'questions', q];
        if (questionsById.has(question.id)) add([...at, 'id'], `Duplicate question id "${question.id}"`);
        else {
          questionsById.set(question.id, question);
          questionPositions.set(question.id, {
            page: p,
            block: block.id,
            randomized: block.randomize === true,
            order: order++,
          });
        }
        for (const issue of questionIssues(question)) add([...at, ...issue.segments], issue.message);
      });
    });
  });

  const hidden = new Set(hiddenFields);
  definition.pages.forEach((page, p) => {
    page.blocks.forEach((block, b) => {
      block.questions.forEach((question, q) => {
        if (question.displayIf === undefined) return;
        const self = questionPositions.get(question.id);
        const scope: ConditionScope = {
          hiddenFields: hidden,
          question: (id) => {
            const target = questionsById.get(id);
            const position = questionPositions.get(id);
            if (target === undefined || position === undefined) return `Refers to unknown question "${id}"`;
            if (id === question.id) return 'A question cannot depend on itself';
            if (self !== undefined && position.order > self.order) {
              return `Refers to "${id}", which comes later in the survey`;
            }
            if (self !== undefined && position.block === self.block && self.randomized) {
              return `Refers to "${id}" in the same randomized block, whose order is not fixed`;
            }
            return target;
          },
        };
        const at = ['pages', p, 'blocks', b, 'questions', q, 'displayIf'];
        issues.push(...conditionIssues(question.displayIf, at, scope));
      });
    });
    (page.skipTo ?? []).forEach((rule, r) => {
      const at = ['pages', p, 'skipTo', r];
      const scope: ConditionScope = {
        hiddenFields: hidden,
        question: (id) => {
          const target = questionsById.get(id);
          const position = questionPositions.get(id);
          if (target === undefined || position === undefined) return `Refers to unknown question "${id}"`;
          return position.page > p ? `Refers to "${id}", which is on a later page` : target;
        },
      };
      issues.push(...conditionIssues(rule.when, [...at, 'when'], scope));
      if (rule.to !== END_OF_SURVEY) {
        const target = pageIds.indexOf(rule.to);
        if (target === -1) add([...at, 'to'], `Unknown page "${rule.to}"`);
        else if (target <= p)
          add([...at, 'to'], `Skips may only jump forward; "${rule.to}" is not after this page`);
      }
    });
  });

  issues.push(...translationIssues(definition));
  return issues;
}

/** Indexes of the items that repeat an earlier item. */
function duplicates(items: readonly string[]): number[] {
  const seen = new Set<string>();
  const repeated: number[] = [];
  items.forEach((item, i) => {
    if (seen.has(item)) repeated.push(i);
    seen.add(item);
  });
  return repeated;
}

/** The rules that concern one question alone. */
function questionIssues(question: Question): LocatedIssue[] {
  const issues: LocatedIssue[] = [];
  const add = (segments: readonly PathSegment[], message: string): void => {
    issues.push({ segments, message });
  };
  const scaleIssues = (min: number, max: number, at: readonly PathSegment[]) => {
    if (max <= min) add([...at, 'max'], 'Must be greater than min');
    else if (max - min > 100) add([...at, 'max'], 'A scale has at most 101 points');
  };
  const uniqueValues = (values: readonly string[], at: (i: number) => PathSegment[], what: string): void => {
    for (const i of duplicates(values)) add(at(i), `Duplicate ${what} "${values[i]}"`);
  };

  switch (question.type) {
    case 'rating':
      scaleIssues(question.min, question.max, []);
      break;
    case 'matrix':
      scaleIssues(question.scale.min, question.scale.max, ['scale']);
      uniqueValues(
        question.rows.map((row) => row.id),
        (i) => ['rows', i, 'id'],
        'row id',
      );
      break;
    case 'agreement':
      if (question.force !== undefined && question.measure !== undefined) {
        add(['measure'], 'An item feeds either a Force or the attachment measure, not both');
      }
      if (question.force !== undefined && question.keying === undefined) {
        add(['keying'], 'A Force item needs keying: "fulfilled" or "tension"');
      }
      if (question.notApplicableLabel !== undefined && question.allowNotApplicable !== true) {
        add(['notApplicableLabel'], 'Only used with allowNotApplicable: true');
      }
      break;
    case 'singleChoice':
    case 'multipleChoice': {
      uniqueValues(
        question.options.map((option) => option.value),
        (i) => ['options', i, 'value'],
        'option value',
      );
      if (question.otherLabel !== undefined && question.other !== true)
        add(['otherLabel'], 'Only used with other: true');
      if (question.type === 'multipleChoice') {
        const choices = question.options.length + (question.other === true ? 1 : 0);
        const { minSelections: min, maxSelections: max } = question;
        if (min !== undefined && max !== undefined && min > max)
          add(['minSelections'], 'Must not exceed maxSelections');
        if (min !== undefined && min > choices) add(['minSelections'], `Only ${choices} choices exist`);
        if (max !== undefined && max > choices) add(['maxSelections'], `Only ${choices} choices exist`);
      }
      break;
    }
    case 'ranking': {
      const values = question.options.map((option) => option.value);
      uniqueValues(values, (i) => ['options', i, 'value'], 'option value');
      if (question.measure === 'preference' && question.supplierOption === undefined) {
        add(['supplierOption'], 'A preference ranking must name the option that is the supplier');
      }
      if (question.supplierOption !== undefined && !values.includes(question.supplierOption)) {
        add(['supplierOption'], `"${question.supplierOption}" is not one of the options`);
      }
      break;
    }
    case 'emotions': {
      const offered = question.emotions ?? EMOTION_KEYS;
      if (question.emotions !== undefined) {
        uniqueValues(question.emotions, (i) => ['emotions', i], 'emotion');
      }
      if (question.maxPicks > new Set(offered).size)
        add(['maxPicks'], `Only ${new Set(offered).size} emotions are offered`);
      break;
    }
    default:
      break;
  }
  return issues;
}
