import type { Condition, ConditionValue, HiddenFieldCondition, QuestionCondition } from './condition.ts';
import { EMOTION_KEYS } from './experienceEmotions.ts';
import type { LocatedIssue, PathSegment } from './issuePath.ts';
import { DISSONANCE_VALUES, NOT_APPLICABLE, OTHER_CHOICE, type Question } from './questionSchema.ts';

/** What a condition may refer to where it stands. */
export type ConditionScope = {
  /** The question a reference resolves to, or why the reference is not allowed here. */
  readonly question: (id: string) => Question | string;
  readonly hiddenFields: ReadonlySet<string>;
};

/**
 * The problems with a condition tree: references outside its scope (later questions, undeclared
 * hidden fields), and operators or values that cannot apply to the referenced question
 * (e.g. `gt` on a choice, an option value the question does not have).
 * @param condition the tree
 * @param at the path of the condition in the definition
 * @param scope what it may refer to
 * @returns the issues
 * @example conditionIssues({ hidden: 'tier', op: 'eq', value: 'gold' }, ['displayIf'], { question: () => 'none', hiddenFields: new Set() }) // [{ segments: ['displayIf', 'hidden'], message: 'Refers to undeclared hidden field "tier"' }]
 */
export function conditionIssues(
  condition: Condition,
  at: readonly PathSegment[],
  scope: ConditionScope,
): LocatedIssue[] {
  if ('all' in condition)
    return condition.all.flatMap((c, i) => conditionIssues(c, [...at, 'all', i], scope));
  if ('any' in condition)
    return condition.any.flatMap((c, i) => conditionIssues(c, [...at, 'any', i], scope));
  if ('not' in condition) return conditionIssues(condition.not, [...at, 'not'], scope);
  if ('question' in condition) return questionLeafIssues(condition, at, scope);
  return hiddenLeafIssues(condition, at, scope);
}

function issue(at: readonly PathSegment[], key: PathSegment, message: string): LocatedIssue {
  return { segments: [...at, key], message };
}

function operandShapeIssues(leaf: QuestionCondition | HiddenFieldCondition, at: readonly PathSegment[]) {
  const { op, value } = leaf;
  if (op === 'answered' || op === 'notAnswered') {
    return value === undefined ? [] : [issue(at, 'value', `"${op}" takes no value`)];
  }
  if (value === undefined) return [issue(at, 'value', `"${op}" needs a value`)];
  if (op === 'in') {
    return Array.isArray(value) && value.length > 0
      ? []
      : [issue(at, 'value', '"in" needs a non-empty list')];
  }
  if (Array.isArray(value)) return [issue(at, 'value', `"${op}" compares with a single value, not a list`)];
  if (op !== 'eq' && op !== 'neq' && typeof value !== 'number') {
    return [issue(at, 'value', `"${op}" compares numbers`)];
  }
  return [];
}

function hiddenLeafIssues(leaf: HiddenFieldCondition, at: readonly PathSegment[], scope: ConditionScope) {
  const issues = operandShapeIssues(leaf, at);
  if (!scope.hiddenFields.has(leaf.hidden)) {
    issues.unshift(issue(at, 'hidden', `Refers to undeclared hidden field "${leaf.hidden}"`));
  }
  return issues;
}

function questionLeafIssues(leaf: QuestionCondition, at: readonly PathSegment[], scope: ConditionScope) {
  const question = scope.question(leaf.question);
  if (typeof question === 'string') return [issue(at, 'question', question)];
  const shapeIssues = operandShapeIssues(leaf, at);
  if (shapeIssues.length > 0 || leaf.op === 'answered' || leaf.op === 'notAnswered') return shapeIssues;
  return operandFitIssues(question, leaf.op, leaf.value as ConditionValue, at);
}

/** Whether the operator and the compared values make sense for this question type. */
function operandFitIssues(
  question: Question,
  op: QuestionCondition['op'],
  value: ConditionValue,
  at: readonly PathSegment[],
): LocatedIssue[] {
  const values = Array.isArray(value) ? value : [value];
  const numeric = question.type === 'nps' || question.type === 'rating' || question.type === 'agreement';
  if (question.type === 'text' || question.type === 'matrix') {
    return [issue(at, 'op', `Only "answered" / "notAnswered" apply to a ${question.type} question`)];
  }
  if ((op === 'lt' || op === 'lte' || op === 'gt' || op === 'gte') && !numeric) {
    return [issue(at, 'op', `"${op}" needs a numeric question; "${question.id}" is ${question.type}`)];
  }
  const allowed = allowedValues(question);
  const bad = values.filter((candidate) => !allowed(candidate));
  return bad.map((candidate) =>
    issue(
      at,
      'value',
      `"${question.id}" (${question.type}) cannot have the value ${JSON.stringify(candidate)}`,
    ),
  );
}

function allowedValues(question: Question): (value: unknown) => boolean {
  switch (question.type) {
    case 'nps':
      return (v) => typeof v === 'number';
    case 'rating':
      return (v) => typeof v === 'number';
    case 'agreement':
      return (v) => typeof v === 'number' || (question.allowNotApplicable === true && v === NOT_APPLICABLE);
    case 'singleChoice':
    case 'multipleChoice': {
      const values: unknown[] = question.options.map((option) => option.value);
      if (question.other === true) values.push(OTHER_CHOICE);
      return (v) => values.includes(v);
    }
    case 'ranking': {
      const values: unknown[] = question.options.map((option) => option.value);
      return (v) => values.includes(v);
    }
    case 'dissonance':
      return (v) => (DISSONANCE_VALUES as readonly unknown[]).includes(v);
    case 'emotions': {
      const offered: readonly unknown[] = question.emotions ?? EMOTION_KEYS;
      return (v) => offered.includes(v);
    }
    case 'consent':
      return (v) => typeof v === 'boolean';
    default:
      return () => false;
  }
}
