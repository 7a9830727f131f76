import {
  AGREEMENT_SCALE_LABELS,
  DISSONANCE_LABELS,
  EXPERIENCE_EMOTIONS,
  NOT_APPLICABLE,
  NOT_APPLICABLE_LABEL,
  OTHER_CHOICE,
  type Question,
  type SurveyDefinition,
  surveyQuestions,
} from '../surveys/definition/index.ts';
import type { ColumnTarget, MappedColumn } from './columnMapping.ts';

type Cells = readonly string[];
type Answers = Record<string, unknown>;
type Hidden = Record<string, string>;

/** What a response row becomes: answers by question id, hidden values, and cells it could not read. */
export interface RowAnswers {
  answers: Answers;
  hidden: Hidden;
  problems: string[];
}

const INTEGER = /^[+-]?\d+$/;
// Qualtrics writes -99 for "seen but not answered"; it is a blank, not a value.
const SEEN_UNANSWERED = '-99';
const YES = new Set(['1', 'y', 'yes', 'true', 't', 'checked', 'selected']);
const NO = new Set(['0', 'n', 'no', 'false', 'f', 'unchecked', 'not selected']);

const fold = (text: string) => text.trim().toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ');

/** Reads a choice by its value, then by its text in any language, then by a code made value-safe. */
function labelIndex(entries: { value: string | number; texts: string[] }[]) {
  const index = new Map<string, string | number>();
  for (const entry of entries) for (const text of entry.texts) index.set(fold(text), entry.value);
  for (const entry of entries) index.set(fold(String(entry.value)), entry.value);
  return index;
}

/** An option value made from an export's code: value-safe characters only, starting with a letter or digit. */
export function optionValueOf(code: string): string {
  const cleaned = code
    .trim()
    .replace(/[^A-Za-z0-9_.-]+/g, '_')
    .replace(/^[^A-Za-z0-9]+/, '');
  const safe = code.trim().startsWith('-') ? `n${cleaned}` : cleaned;
  return (safe || 'x').slice(0, 64);
}

type ScalarReader = (raw: string) => { value: unknown } | { problem: string };

function scalarReader(question: Question): ScalarReader {
  const integer = (raw: string) =>
    INTEGER.test(raw) ? { value: Number(raw) } : { problem: 'not a whole number' };
  switch (question.type) {
    case 'nps':
    case 'rating':
      return integer;
    case 'agreement': {
      const labels = question.scaleLabels ?? AGREEMENT_SCALE_LABELS;
      const index = labelIndex(labels.map((text, i) => ({ value: i + 1, texts: Object.values(text) })));
      const notApplicable = new Set(
        [
          'n/a',
          'na',
          'not applicable',
          ...Object.values(question.notApplicableLabel ?? NOT_APPLICABLE_LABEL),
        ].map(fold),
      );
      return (raw) => {
        if (INTEGER.test(raw)) return { value: Number(raw) };
        const folded = fold(raw);
        if (notApplicable.has(folded) || folded === fold(NOT_APPLICABLE)) return { value: NOT_APPLICABLE };
        const value = index.get(folded);
        return value === undefined ? { problem: 'not on the agreement scale' } : { value };
      };
    }
    case 'singleChoice': {
      const index = labelIndex(
        question.options.map((o) => ({ value: o.value, texts: Object.values(o.text) })),
      );
      return (raw) => {
        const value = index.get(fold(raw)) ?? index.get(fold(optionValueOf(raw)));
        if (value !== undefined) return { value };
        return question.other ? { value: { other: raw } } : { problem: 'not one of the choices' };
      };
    }
    case 'dissonance': {
      const labels = question.scaleLabels ?? DISSONANCE_LABELS;
      const index = labelIndex(
        (['worse', 'inLine', 'better'] as const).map((key) => ({
          value: key,
          texts: Object.values(labels[key]),
        })),
      );
      return (raw) => {
        const value = index.get(fold(raw));
        return value === undefined ? { problem: 'not worse, in line or better' } : { value };
      };
    }
    case 'consent':
      return (raw) => {
        const folded = fold(raw);
        if (YES.has(folded)) return { value: true };
        if (NO.has(folded)) return { value: false };
        return { problem: 'not yes or no' };
      };
    case 'text':
      return (raw) => ({ value: raw });
    default:
      return () => ({ problem: `a ${question.type} question is answered in several columns` });
  }
}

/** A reader that remembers its answers: coded columns repeat a handful of values a million times. */
function remembered(read: ScalarReader): ScalarReader {
  const known = new Map<string, ReturnType<ScalarReader>>();
  return (raw) => {
    let result = known.get(raw);
    if (result === undefined) {
      result = read(raw);
      if (known.size < 512) known.set(raw, result);
    }
    return result;
  };
}

/** How one mapped column contributes to a row's answers. */
type CellStep = (raw: string, row: RowAnswers, parts: Map<string, unknown>) => void;

function recode(target: ColumnTarget, raw: string): string | null {
  if (!('question' in target) || !target.values) return raw;
  if (!(raw in target.values)) return raw;
  const value = target.values[raw];
  return value === null ? null : String(value);
}

function cellStep(
  question: Question,
  target: Extract<ColumnTarget, { question: string }>,
  name: string,
): CellStep {
  const id = question.id;
  const where = (message: string) => `column "${name}": ${message}`;
  if (target.other) {
    return (raw, _row, parts) => {
      const list = (parts.get(`${id}/other`) as string[] | undefined) ?? [];
      list.push(raw);
      parts.set(`${id}/other`, list);
    };
  }
  if (target.row !== undefined) {
    const rowId = target.row;
    return (raw, row, parts) => {
      if (!INTEGER.test(raw)) return void row.problems.push(where('not a whole number'));
      const cells = (parts.get(id) as Record<string, number> | undefined) ?? {};
      cells[rowId] = Number(raw);
      parts.set(id, cells);
    };
  }
  if (target.option !== undefined) {
    const option = target.option;
    if (question.type === 'ranking') {
      return (raw, row, parts) => {
        if (!INTEGER.test(raw)) return void row.problems.push(where('not a rank'));
        const ranks = (parts.get(id) as [number, string][] | undefined) ?? [];
        ranks.push([Number(raw), option]);
        parts.set(id, ranks);
      };
    }
    return (raw, row, parts) => {
      const folded = fold(raw);
      if (NO.has(folded)) return;
      if (!YES.has(folded) && folded !== fold(option)) {
        // Qualtrics may export the choice's text instead of 1 for a ticked box.
        const known =
          question.type === 'emotions' ? EXPERIENCE_EMOTIONS.find((e) => e.key === option) : undefined;
        if (!known || !Object.values(known.label).some((l) => fold(l) === folded)) {
          if (question.type !== 'multipleChoice') return void row.problems.push(where('not a tick'));
        }
      }
      const picked = (parts.get(id) as string[] | undefined) ?? [];
      picked.push(option);
      parts.set(id, picked);
    };
  }
  const read = question.type === 'text' ? scalarReader(question) : remembered(scalarReader(question));
  return (raw, row) => {
    const result = read(raw);
    if ('problem' in result) row.problems.push(where(result.problem));
    else row.answers[id] = result.value;
  };
}

/**
 * Compiles a mapping into a function from a row's cells to its answers. Blank cells (and -99) are
 * unanswered; codes are recoded by the mapping's `values` first; multi-column questions (matrix,
 * multiple choice, emotions, ranking, "other" texts) are assembled after every cell is read.
 */
export function compileRowAnswers(
  definition: SurveyDefinition,
  mapped: readonly MappedColumn[],
): (cells: Cells) => RowAnswers {
  const questions = new Map(surveyQuestions(definition).map((q) => [q.id, q]));
  const steps: { index: number; target: ColumnTarget; step: CellStep | null; hidden: string | null }[] = [];
  const assembled = new Set<Question>();
  for (const { column, target } of mapped) {
    if ('hidden' in target) {
      steps.push({ index: column.index, target, step: null, hidden: target.hidden });
      continue;
    }
    const question = questions.get(target.question);
    if (!question) continue;
    if (target.row !== undefined || target.option !== undefined || target.other) assembled.add(question);
    steps.push({ index: column.index, target, step: cellStep(question, target, column.name), hidden: null });
  }
  const finishers = [...assembled].map((question) => (row: RowAnswers, parts: Map<string, unknown>) => {
    const id = question.id;
    const others = parts.get(`${id}/other`) as string[] | undefined;
    const value = parts.get(id);
    if (question.type === 'ranking' && value) {
      row.answers[id] = (value as [number, string][]).sort((a, b) => a[0] - b[0]).map(([, option]) => option);
    } else if (question.type === 'multipleChoice') {
      const picked: unknown[] = ((value as string[] | undefined) ?? []).filter((v) => v !== OTHER_CHOICE);
      for (const text of others ?? []) picked.push({ other: text });
      if (picked.length) row.answers[id] = picked;
    } else if (question.type === 'singleChoice') {
      const current = row.answers[id];
      if (others?.length && (current === undefined || current === OTHER_CHOICE))
        row.answers[id] = { other: others[0] };
      else if (current === OTHER_CHOICE) delete row.answers[id];
    } else if (value !== undefined) row.answers[id] = value;
  });
  return (cells) => {
    const row: RowAnswers = { answers: {}, hidden: {}, problems: [] };
    const parts = new Map<string, unknown>();
    for (const { index, target, step, hidden } of steps) {
      const cell = cells[index];
      if (cell === undefined || cell === '' || cell === SEEN_UNANSWERED) continue;
      const raw = recode(target, cell.trim());
      if (raw === null || raw === '') continue;
      if (hidden !== null) row.hidden[hidden] = raw;
      else step!(raw, row, parts);
    }
    for (const finish of finishers) finish(row, parts);
    return row;
  };
}
