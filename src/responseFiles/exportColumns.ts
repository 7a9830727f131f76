import {
  EXPERIENCE_EMOTIONS,
  type LocalizedText,
  localize,
  type Question,
  type SurveyDefinition,
  surveyQuestions,
} from '../surveys/definition/index.ts';

/** A stored response as the export reads it: its metadata as text and its answers. */
export interface ExportRow {
  fields: readonly (string | null)[];
  answers: Record<string, any>;
}

/** One column of a response export: its name, its label row text, its ImportId and how to read its cell. */
export interface ExportColumnSpec {
  name: string;
  label: string;
  importId: string;
  cell: (row: ExportRow) => string | null;
  /**
   * The same cell for the line writer: a metadata field's index, or the question whose answer
   * `read` turns into the cell (a number is written as String writes it, and needs no quoting).
   */
  source: { field: number } | { constant: string } | { question: string; read: (answer: any) => Cell };
}

type Cell = string | number | null;

const utc = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS')`;

/** What the database sends per response: metadata already as text, then the answers as JSON. */
export const EXPORT_SELECT = [
  'r.response_id::text',
  utc('r.started_at'),
  utc('r.submitted_at'),
  'r.language',
  'r.channel',
  'r.survey_version::text',
  "case when r.excluded then '1' else '0' end",
  'r.answers::text',
].join(', ');

const metaField = (index: number) => ({
  cell: (row: ExportRow) => row.fields[index],
  source: { field: index },
});

/** Response metadata first, named as Qualtrics names them so the export reads back in. */
const META_COLUMNS: ExportColumnSpec[] = [
  { name: 'ResponseId', label: 'Response ID', importId: '_recordId', ...metaField(0) },
  { name: 'StartDate', label: 'Start Date', importId: 'startDate', ...metaField(1) },
  { name: 'RecordedDate', label: 'Recorded Date', importId: 'recordedDate', ...metaField(2) },
  { name: 'Finished', label: 'Finished', importId: 'finished', cell: () => '1', source: { constant: '1' } },
  { name: 'UserLanguage', label: 'User Language', importId: 'userLanguage', ...metaField(3) },
  { name: 'Channel', label: 'Channel', importId: 'channel', ...metaField(4) },
  { name: 'SurveyVersion', label: 'Survey version', importId: 'surveyVersion', ...metaField(5) },
  { name: 'Excluded', label: 'Excluded from analysis', importId: 'excluded', ...metaField(6) },
];

const scalar = (value: unknown): Cell =>
  value === undefined || value === null
    ? null
    : typeof value === 'object'
      ? JSON.stringify(value)
      : typeof value === 'number'
        ? value
        : String(value);

const asText = (cell: Cell): string | null => (cell === null ? null : String(cell));

function optionsOf(question: Question): { value: string; label: LocalizedText }[] {
  if (question.type === 'emotions')
    return EXPERIENCE_EMOTIONS.filter((e) => !question.emotions || question.emotions.includes(e.key)).map(
      (e) => ({
        value: e.key,
        label: { ...e.label, ...(question.labels?.[e.key] ?? {}) },
      }),
    );
  if (question.type === 'multipleChoice' || question.type === 'ranking')
    return question.options.map((o) => ({ value: o.value, label: o.text }));
  return [];
}

/**
 * The columns of a survey's response export, one per question (one per matrix row, one per
 * option of multiple choice, emotions and ranking questions, plus the "other" texts), each
 * reading its cell from the stored answers.
 */
export function exportColumns(definition: SurveyDefinition): ExportColumnSpec[] {
  const language = definition.defaultLanguage;
  const columns = [...META_COLUMNS];
  for (const question of surveyQuestions(definition)) {
    const id = question.id;
    const text = localize(question.text, language, language);
    const add = (suffix: string, label: string, read: (answer: any) => Cell) =>
      columns.push({
        name: suffix ? `${id}_${suffix}` : id,
        label: label ? `${text} - ${label}` : text,
        importId: suffix ? `${id}_${suffix}` : id,
        cell: (row) => (row.answers[id] === undefined ? null : asText(read(row.answers[id]))),
        source: { question: id, read },
      });
    switch (question.type) {
      case 'matrix':
        for (const r of question.rows)
          add(r.id, localize(r.text, language, language), (answer) => scalar(answer?.[r.id]));
        break;
      case 'multipleChoice':
      case 'emotions':
        for (const option of optionsOf(question))
          add(option.value, localize(option.label, language, language), (answer) =>
            Array.isArray(answer) && answer.includes(option.value) ? '1' : null,
          );
        if (question.type === 'multipleChoice' && question.other)
          add('TEXT', 'Other', (answer) =>
            Array.isArray(answer) ? (answer.find((a) => typeof a === 'object')?.other ?? null) : null,
          );
        break;
      case 'ranking':
        for (const option of optionsOf(question))
          add(option.value, localize(option.label, language, language), (answer) => {
            const at = Array.isArray(answer) ? answer.indexOf(option.value) : -1;
            return at === -1 ? null : at + 1;
          });
        break;
      case 'singleChoice':
        add('', '', (answer) => (typeof answer === 'object' ? '_other' : scalar(answer)));
        if (question.other)
          add('TEXT', 'Other', (answer) => (typeof answer === 'object' ? String(answer.other) : null));
        break;
      default:
        add('', '', scalar);
    }
  }
  return columns;
}

/** One response as a CSV line (the reference for {@link exportLineWriter}). */
export function exportLine(columns: readonly ExportColumnSpec[], row: ExportRow): string {
  let line = '';
  for (let i = 0; i < columns.length; i++) line += (i ? ',' : '') + csvField(columns[i].cell(row));
  return `${line}\n`;
}

/**
 * The CSV line of a response, written the way {@link exportLine} writes it but with the columns
 * unpacked once: an export of a million rows calls it a million times, and the per-cell closures
 * and quote checks of numbers were two thirds of its cost.
 */
export function exportLineWriter(
  columns: readonly ExportColumnSpec[],
): (fields: readonly (string | null)[], answers: Record<string, any>) => string {
  const n = columns.length;
  const kinds = new Int8Array(n);
  const fieldAt = new Int32Array(n);
  const constants: string[] = [];
  const questions: string[] = [];
  const reads: ((answer: any) => Cell)[] = [];
  columns.forEach(({ source }, i) => {
    if ('field' in source) fieldAt[i] = source.field;
    else if ('constant' in source) {
      kinds[i] = 1;
      constants[i] = csvField(source.constant);
    } else {
      kinds[i] = 2;
      questions[i] = source.question;
      reads[i] = source.read;
    }
  });
  return (fields, answers) => {
    let line = '';
    for (let i = 0; i < n; i++) {
      if (i) line += ',';
      const kind = kinds[i];
      if (kind === 0) {
        const value = fields[fieldAt[i]];
        if (value !== null && value !== undefined) line += csvField(value);
      } else if (kind === 1) line += constants[i];
      else {
        const answer = answers[questions[i]];
        if (answer === undefined) continue;
        const value = reads[i](answer);
        if (value === null) continue;
        line += typeof value === 'number' ? String(value) : csvField(value);
      }
    }
    return `${line}\n`;
  };
}

/** One CSV field: quoted when it holds a comma, quote or line break. */
export function csvField(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The three header rows: names, labels, and `{"ImportId": …}` as in a current Qualtrics export. */
export function exportHeader(columns: readonly ExportColumnSpec[]): string {
  const row = (cells: string[]) => `${cells.map(csvField).join(',')}\n`;
  return (
    row(columns.map((c) => c.name)) +
    row(columns.map((c) => c.label)) +
    row(columns.map((c) => JSON.stringify({ ImportId: c.importId })))
  );
}
