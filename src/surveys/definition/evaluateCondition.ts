import { type Answers, type HiddenValues, isAnswered } from './answers.ts';
import type { Condition, ConditionOperator, ConditionValue } from './condition.ts';
import { OTHER_CHOICE } from './questionSchema.ts';

/**
 * Whether a display/skip condition holds.
 * `all` = every child holds (and of none is true), `any` = at least one holds, `not` negates.
 * A leaf compares one answer (or hidden field) with `value`:
 * - `answered` / `notAnswered` test presence (see `isAnswered`);
 * - any other operator on a missing value is false (so `neq` needs an answer; use `notAnswered`);
 * - `eq` / `neq` on a list answer (multipleChoice, emotions, ranking) mean contains / does not contain;
 * - `in` holds when the answer (or any item of a list answer) is in the `value` list;
 * - `lt`, `lte`, `gt`, `gte` compare numbers only (hidden fields are parsed as numbers);
 * - a `{ other: text }` choice compares as `OTHER_CHOICE` (`'_other'`); hidden fields compare as text.
 * @param condition the expression tree
 * @param answers answers so far, by question id
 * @param hidden hidden field values, by name
 * @returns true when the condition holds
 * @example evaluateCondition({ any: [{ question: 'nps', op: 'lte', value: 6 }, { hidden: 'tier', op: 'eq', value: 'gold' }] }, { nps: 9 }, { tier: 'gold' }) // true
 */
export function evaluateCondition(condition: Condition, answers: Answers, hidden: HiddenValues): boolean {
  if ('all' in condition) return condition.all.every((child) => evaluateCondition(child, answers, hidden));
  if ('any' in condition) return condition.any.some((child) => evaluateCondition(child, answers, hidden));
  if ('not' in condition) return !evaluateCondition(condition.not, answers, hidden);
  if ('question' in condition) {
    return compare(normalizeAnswer(answers[condition.question]), condition.op, condition.value, false);
  }
  return compare(hidden[condition.hidden], condition.op, condition.value, true);
}

/** `{ other: text }` becomes the OTHER_CHOICE token so conditions can name it. */
function normalizeAnswer(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalizeAnswer);
  if (isOtherChoice(value)) return OTHER_CHOICE;
  return value;
}

function isOtherChoice(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && typeof (value as { other?: unknown }).other === 'string';
}

function compare(
  actual: unknown,
  op: ConditionOperator,
  expected: ConditionValue | undefined,
  asText: boolean,
): boolean {
  if (op === 'answered') return isAnswered(actual);
  if (op === 'notAnswered') return !isAnswered(actual);
  if (!isAnswered(actual)) return false;
  const equals = (item: unknown, target: unknown) =>
    asText ? String(item) === String(target) : item === target;
  switch (op) {
    case 'eq':
      return Array.isArray(actual) ? actual.some((item) => equals(item, expected)) : equals(actual, expected);
    case 'neq':
      return Array.isArray(actual)
        ? !actual.some((item) => equals(item, expected))
        : !equals(actual, expected);
    case 'in': {
      if (!Array.isArray(expected)) return false;
      const items = Array.isArray(actual) ? actual : [actual];
      return items.some((item) => expected.some((target) => equals(item, target)));
    }
    default:
      return compareNumbers(asText ? Number(actual) : actual, op, expected);
  }
}

function compareNumbers(actual: unknown, op: 'lt' | 'lte' | 'gt' | 'gte', expected: unknown): boolean {
  if (typeof actual !== 'number' || !Number.isFinite(actual)) return false;
  if (typeof expected !== 'number' || !Number.isFinite(expected)) return false;
  if (op === 'lt') return actual < expected;
  if (op === 'lte') return actual <= expected;
  if (op === 'gt') return actual > expected;
  return actual >= expected;
}
