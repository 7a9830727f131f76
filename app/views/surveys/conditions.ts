/**
 * Display and skip conditions as the builder edits them: "always", or all / any of a list of
 * comparisons, each on an earlier answer or a hidden field. Trees the form cannot show (nested
 * groups, `not`, `in`) are left as they are and shown as read-only text.
 */
import { EMOTIONS } from '../comments/vocabulary.ts';
import type { Condition, Question } from './draft.ts';

export type ConditionMode = 'always' | 'all' | 'any';
export type Operator = 'eq' | 'neq' | 'lt' | 'lte' | 'gt' | 'gte' | 'answered' | 'notAnswered';

/** One comparison: `source` is `q:<question id>` or `h:<hidden field>`; `value` as typed. */
export interface ConditionRow {
  source: string;
  op: Operator;
  value: string;
}

export interface EditableCondition {
  mode: ConditionMode;
  rows: ConditionRow[];
}

const NUMERIC_TYPES = new Set(['nps', 'rating', 'agreement']);
const PRESENCE: Operator[] = ['answered', 'notAnswered'];
const EQUALITY: Operator[] = ['eq', 'neq'];
const ORDER: Operator[] = ['lt', 'lte', 'gt', 'gte'];

/** The operators that make sense on a question of this type, or on a hidden field. */
export function operatorsFor(question: Question | null): Operator[] {
  if (question === null) return [...EQUALITY, ...ORDER, ...PRESENCE];
  if (NUMERIC_TYPES.has(question.type)) return [...EQUALITY, ...ORDER, ...PRESENCE];
  if (question.type === 'text' || question.type === 'matrix') return [...PRESENCE];
  return [...EQUALITY, ...PRESENCE];
}

export const takesValue = (op: Operator) => op !== 'answered' && op !== 'notAnswered';

/**
 * The values a comparison on this question can take, when they form a list (choices, consent,
 * dissonance, emotions, the agreement scale): `label` is a text of the survey or a message key
 * suffix for built-in values; null when the value is typed (numbers, hidden fields).
 */
export function valueChoices(
  question: Question | null,
): { value: string; text?: Record<string, string>; builtIn?: string }[] | null {
  if (question === null) return null;
  switch (question.type) {
    case 'singleChoice':
    case 'multipleChoice':
    case 'ranking':
      return [
        ...question.options.map((option) => ({ value: option.value, text: option.text })),
        ...('other' in question && question.other ? [{ value: '_other', builtIn: 'other' }] : []),
      ];
    case 'consent':
      return [
        { value: 'true', builtIn: 'consentYes' },
        { value: 'false', builtIn: 'consentNo' },
      ];
    case 'dissonance':
      return ['worse', 'inLine', 'better'].map((value) => ({ value, builtIn: `dissonance.${value}` }));
    case 'emotions':
      return (question.emotions ?? EMOTIONS).map((value) => ({ value, builtIn: `emotion.${value}` }));
    default:
      return null;
  }
}

function leafRow(condition: Condition): ConditionRow | null {
  if (!('op' in condition)) return null;
  if (condition.op === 'in') return null;
  const value = condition.value;
  if (Array.isArray(value)) return null;
  const source = 'question' in condition ? `q:${condition.question}` : `h:${condition.hidden}`;
  return { source, op: condition.op, value: value === undefined ? '' : String(value) };
}

/** The form's view of a condition, or null when the tree is beyond what the form shows. */
export function toEditable(condition: Condition | undefined): EditableCondition | null {
  if (condition === undefined) return { mode: 'always', rows: [] };
  const single = leafRow(condition);
  if (single) return { mode: 'all', rows: [single] };
  const mode = 'all' in condition ? 'all' : 'any' in condition ? 'any' : null;
  if (mode === null) return null;
  const children = 'all' in condition ? condition.all : 'any' in condition ? condition.any : [];
  const rows = children.map(leafRow);
  if (rows.some((row) => row === null)) return null;
  return { mode, rows: rows as ConditionRow[] };
}

/** A typed value: numbers for numeric comparisons, true/false for consent, text otherwise. */
function typedValue(row: ConditionRow, question: Question | null): string | number | boolean {
  const asNumber = () => {
    const trimmed = row.value.trim();
    const number = Number(trimmed);
    // Not a number: sent as typed, so the API names the field rather than the form guessing.
    return trimmed !== '' && Number.isFinite(number) ? number : row.value;
  };
  if (question === null) return ORDER.includes(row.op) ? asNumber() : row.value;
  if (question.type === 'consent') return row.value === 'true';
  if (NUMERIC_TYPES.has(question.type)) {
    if (question.type === 'agreement' && row.value === 'notApplicable') return row.value;
    return asNumber();
  }
  return row.value;
}

/** The condition the form describes (undefined for "always" or when no row is complete). */
export function fromEditable(
  editable: EditableCondition,
  findQuestion: (id: string) => Question | null,
): Condition | undefined {
  if (editable.mode === 'always') return undefined;
  const leaves = editable.rows
    .filter((row) => row.source !== '')
    .map((row): Condition => {
      const isQuestion = row.source.startsWith('q:');
      const name = row.source.slice(2);
      const question = isQuestion ? findQuestion(name) : null;
      const base = isQuestion ? { question: name, op: row.op } : { hidden: name, op: row.op };
      return takesValue(row.op) ? { ...base, value: typedValue(row, question) } : base;
    });
  if (leaves.length === 0) return undefined;
  // One comparison under "all" is the comparison itself; under "any" the group is kept, so it reads back as chosen.
  if (leaves.length === 1 && editable.mode === 'all') return leaves[0];
  return editable.mode === 'all' ? { all: leaves } : { any: leaves };
}
