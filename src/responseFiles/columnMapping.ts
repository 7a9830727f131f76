import { z } from 'zod';
import {
  EXPERIENCE_EMOTIONS,
  type LocalizedText,
  OTHER_CHOICE_LABEL,
  type Question,
  type SurveyDefinition,
  surveyQuestions,
} from '../surveys/definition/index.ts';
import type { ExportColumn, ExportLayout } from './exportLayout.ts';

/**
 * Where one export column goes: a question's answer, one matrix row, one option of a multiple
 * choice, emotions or ranking question (the cell is "selected" or the rank), the free text of the
 * "other" choice, or a hidden field. `values` recodes the export's codes first (`null` = blank).
 */
export const columnTargetSchema = z.union([
  z.strictObject({
    question: z.string().min(1),
    row: z.string().min(1).optional(),
    option: z.string().min(1).optional(),
    other: z.literal(true).optional(),
    values: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional(),
  }),
  z.strictObject({ hidden: z.string().min(1) }),
]);
export type ColumnTarget = z.infer<typeof columnTargetSchema>;

/**
 * A mapping file: column (its name or ImportId) → question id, a target object, or null to leave
 * the column out. Columns not named keep the suggested target.
 */
export const mappingFileSchema = z.strictObject({
  columns: z.record(z.string(), z.union([z.string().min(1), columnTargetSchema, z.null()])),
});
export type MappingFile = z.infer<typeof mappingFileSchema>;

export type MappedBy = 'id' | 'importId' | 'label' | 'mapping';

export interface MappedColumn {
  column: ExportColumn;
  target: ColumnTarget;
  by: MappedBy;
}

export interface ColumnMappingResult {
  mapped: MappedColumn[];
  unmapped: { column: ExportColumn; reason: string }[];
}

export class MappingError extends Error {}

const squeeze = (text: string) =>
  text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

const textsOf = (text: LocalizedText | undefined) => (text ? Object.values(text).map(squeeze) : []);

/** How exports label the free text of an "other" choice: "Other", "Other (please specify) - Text"… */
function otherTexts(label: LocalizedText | undefined): string[] {
  const names = ['other', ...textsOf(label ?? OTHER_CHOICE_LABEL)];
  return names.flatMap((name) => [name, `${name} - text`, `${name} text`]);
}

/** The parts a question is answered in: itself, its rows or options, its "other" text. */
interface Part {
  key: string;
  target: ColumnTarget;
  codes: string[];
  texts: string[];
}

function partsOf(question: Question): { whole: Part | null; parts: Part[] } {
  const own = { question: question.id };
  const texts = textsOf(question.text);
  switch (question.type) {
    case 'matrix':
      return {
        whole: null,
        parts: question.rows.map((row) => ({
          key: `${question.id}/row/${row.id}`,
          target: { ...own, row: row.id },
          codes: [row.id],
          texts: textsOf(row.text),
        })),
      };
    case 'multipleChoice':
    case 'ranking':
    case 'emotions': {
      const options =
        question.type === 'emotions'
          ? EXPERIENCE_EMOTIONS.filter((e) => !question.emotions || question.emotions.includes(e.key)).map(
              (e) => ({ value: e.key, text: { ...e.label, ...(question.labels?.[e.key] ?? {}) } }),
            )
          : question.options;
      const parts: Part[] = options.map((option) => ({
        key: `${question.id}/option/${option.value}`,
        target: { ...own, option: option.value },
        codes: [option.value],
        texts: textsOf(option.text as LocalizedText),
      }));
      if (question.type === 'multipleChoice' && question.other)
        parts.push({
          key: `${question.id}/other`,
          target: { ...own, other: true },
          codes: ['TEXT', 'other'],
          texts: otherTexts(question.otherLabel),
        });
      return { whole: null, parts };
    }
    case 'singleChoice':
      return {
        whole: { key: question.id, target: own, codes: [], texts },
        parts: question.other
          ? [
              {
                key: `${question.id}/other`,
                target: { ...own, other: true },
                codes: ['TEXT', 'other'],
                texts: otherTexts(question.otherLabel),
              },
            ]
          : [],
      };
    default:
      return { whole: { key: question.id, target: own, codes: [], texts }, parts: [] };
  }
}

const SEPARATORS = /^[\s\-–:[]+|[\s\]]+$/g;

/**
 * Suggests where each column goes: by name or ImportId equal to a question id (`Q1`, `nps`), a
 * question id plus a row or option suffix (`Q2_3`, `QID2-3`, `Q5_TEXT`), or by label: the
 * question's text, or its text followed by a row or option text (`Text - Row`, `Text [Option]`).
 * Each question part takes the first column that claims it.
 */
export function suggestMapping(definition: SurveyDefinition, layout: ExportLayout): ColumnMappingResult {
  const questions = surveyQuestions(definition);
  const metaIndexes = new Set(Object.values(layout.meta));
  const byId = new Map(questions.map((q) => [q.id.toLowerCase(), q]));
  const hidden = new Map((definition.hiddenFields ?? []).map((h) => [h.toLowerCase(), h]));
  const taken = new Set<string>();
  const result: ColumnMappingResult = { mapped: [], unmapped: [] };
  const described = questions.map((q) => ({ question: q, texts: textsOf(q.text), ...partsOf(q) }));

  const claim = (column: ExportColumn, part: Part, by: MappedBy) => {
    if (taken.has(part.key)) return false;
    taken.add(part.key);
    result.mapped.push({ column, target: part.target, by });
    return true;
  };

  const byKey = (column: ExportColumn, key: string, by: MappedBy): boolean => {
    const lower = key.toLowerCase();
    const direct = byId.get(lower);
    if (direct) {
      const { whole } = partsOf(direct);
      if (whole) return claim(column, whole, by);
    }
    // A question id followed by a row, option or TEXT suffix: the longest id that fits wins.
    for (let cut = key.length - 1; cut > 0; cut--) {
      const separator = key[cut];
      if (separator !== '_' && separator !== '-' && separator !== '#') continue;
      const question = byId.get(lower.slice(0, cut));
      if (!question) continue;
      const suffix = key.slice(cut + 1).toLowerCase();
      const part = partsOf(question).parts.find((p) => p.codes.some((code) => code.toLowerCase() === suffix));
      if (part) return claim(column, part, by);
    }
    return false;
  };

  const byLabel = (column: ExportColumn): boolean => {
    const label = squeeze(column.label);
    if (!label) return false;
    const same = described.filter((entry) => entry.whole && entry.texts.includes(label));
    // A label shared by several questions ("Click to write the question text") decides nothing.
    if (same.length === 1 && claim(column, same[0].whole!, 'label')) return true;
    if (same.length > 1) return false;
    for (const entry of described) {
      for (const text of entry.texts) {
        if (!text || !label.startsWith(text) || label.length === text.length) continue;
        const rest = label.slice(text.length).replace(SEPARATORS, '');
        const part = entry.parts.find((p) => p.texts.includes(rest));
        if (part && claim(column, part, 'label')) return true;
      }
    }
    return false;
  };

  for (const column of layout.columns) {
    if (metaIndexes.has(column.index)) continue;
    const hiddenName = hidden.get(column.name.toLowerCase());
    if (hiddenName) {
      result.mapped.push({ column, target: { hidden: hiddenName }, by: 'id' });
      continue;
    }
    if (byKey(column, column.name, 'id')) continue;
    if (column.importId && byKey(column, column.importId, 'importId')) continue;
    if (byLabel(column)) continue;
    result.unmapped.push({ column, reason: 'no question matches its name, ImportId or label' });
  }
  return result;
}

/** The suggestion with a mapping file's choices laid over it; unknown columns or questions are refused. */
export function resolveMapping(
  definition: SurveyDefinition,
  layout: ExportLayout,
  file: MappingFile | null,
): ColumnMappingResult {
  const suggested = suggestMapping(definition, layout);
  if (!file) return suggested;
  const questions = new Map(surveyQuestions(definition).map((q) => [q.id, q]));
  const columnFor = (key: string) =>
    layout.columns.find((c) => c.name === key) ?? layout.columns.find((c) => c.importId === key);
  const chosen = new Map<number, ColumnTarget | null>();
  const problems: string[] = [];
  for (const [key, value] of Object.entries(file.columns)) {
    const column = columnFor(key);
    if (!column) {
      problems.push(`mapping names column "${key}", which the file does not have`);
      continue;
    }
    const target = typeof value === 'string' ? { question: value } : value;
    if (target && 'question' in target) {
      const question = questions.get(target.question);
      if (!question) problems.push(`column "${key}": the survey has no question "${target.question}"`);
      else if (target.row && (question.type !== 'matrix' || !question.rows.some((r) => r.id === target.row)))
        problems.push(`column "${key}": question "${target.question}" has no matrix row "${target.row}"`);
    } else if (target && !(definition.hiddenFields ?? []).includes(target.hidden)) {
      problems.push(`column "${key}": the survey declares no hidden field "${target.hidden}"`);
    }
    chosen.set(column.index, target);
  }
  if (problems.length) throw new MappingError(problems.join('; '));
  const mapped: MappedColumn[] = [];
  const unmapped: ColumnMappingResult['unmapped'] = [];
  for (const entry of suggested.mapped) {
    if (!chosen.has(entry.column.index)) mapped.push(entry);
  }
  for (const entry of suggested.unmapped) {
    if (!chosen.has(entry.column.index)) unmapped.push(entry);
  }
  for (const [index, target] of chosen) {
    const column = layout.columns[index];
    if (target) mapped.push({ column, target, by: 'mapping' });
    else unmapped.push({ column, reason: 'left out by the mapping' });
  }
  mapped.sort((a, b) => a.column.index - b.column.index);
  unmapped.sort((a, b) => a.column.index - b.column.index);
  return { mapped, unmapped };
}

/** A mapping as the file format, so a suggestion can be saved, edited and passed back. */
export function mappingAsFile(result: ColumnMappingResult): MappingFile {
  const columns: MappingFile['columns'] = {};
  for (const { column, target } of result.mapped) {
    columns[column.name] =
      'question' in target && Object.keys(target).length === 1 ? target.question : target;
  }
  for (const { column } of result.unmapped) columns[column.name] = null;
  return { columns };
}
