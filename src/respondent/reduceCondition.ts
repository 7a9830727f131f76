import {
  type Answers,
  type Condition,
  evaluateCondition,
  type HiddenValues,
} from '../surveys/definition/index.ts';

/**
 * A condition partly evaluated on the server: every leaf that does not read a "live" question (one
 * answered on the page being shown) is replaced by its value under the answers and hidden fields
 * known now, and the tree is simplified (`all` drops `true` children and is `false` with any `false`
 * one; `any` the reverse; `not` of a constant flips it). What is left reads live questions only, so
 * the page script can evaluate it without seeing hidden values or earlier answers.
 * @param condition the `displayIf` condition
 * @param isLive whether a question id is answered on the current page
 * @param seen answers to questions shown on earlier pages
 * @param hidden hidden field values
 * @returns `true` / `false` when settled, otherwise the reduced condition
 * @example reduceCondition({ all: [{ hidden: 'tier', op: 'eq', value: 'key' }, { question: 'inc', op: 'eq', value: 'yes' }] }, (id) => id === 'inc', {}, { tier: 'key' }) // { question: 'inc', op: 'eq', value: 'yes' }
 */
export function reduceCondition(
  condition: Condition,
  isLive: (questionId: string) => boolean,
  seen: Answers,
  hidden: HiddenValues,
): Condition | boolean {
  const reduce = (node: Condition): Condition | boolean => reduceCondition(node, isLive, seen, hidden);
  if ('all' in condition) return combine(condition.all.map(reduce), 'all');
  if ('any' in condition) return combine(condition.any.map(reduce), 'any');
  if ('not' in condition) {
    const inner = reduce(condition.not);
    return typeof inner === 'boolean' ? !inner : { not: inner };
  }
  if ('question' in condition && isLive(condition.question)) return condition;
  return evaluateCondition(condition, seen, hidden);
}

function combine(children: readonly (Condition | boolean)[], kind: 'all' | 'any'): Condition | boolean {
  // For `all`, a false child settles it and true children are neutral; `any` is the mirror image.
  const settling = kind === 'any';
  if (children.includes(settling)) return settling;
  const open = children.filter((child): child is Condition => typeof child !== 'boolean');
  if (open.length === 0) return !settling;
  if (open.length === 1) return open[0];
  return kind === 'all' ? { all: open } : { any: open };
}
