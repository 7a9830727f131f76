import type { CsvRecord } from './csvRecords.ts';
import { ImportFileError } from './importFileError.ts';

export const IMPORT_FORMATS = ['qualtrics', 'limesurvey'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * The export shapes read: Qualtrics' current three header rows (names, labels, `{"ImportId":…}`
 * JSON), the 2016–17 "Insights" variant whose third row is a Python-style `{'ImportId': …}`, the
 * legacy two-row V1..V10 export, and LimeSurvey's "R data file" CSV (one header row of labels).
 */
export type ExportShape = 'qualtrics' | 'qualtrics-2016' | 'qualtrics-legacy' | 'limesurvey';

export interface ExportColumn {
  index: number;
  /** The column's name in the export (Qualtrics' export tag, LimeSurvey's label). */
  name: string;
  /** The question text the export carries for it. */
  label: string;
  importId: string | null;
}

export const META_FIELDS = [
  'responseId',
  'submittedAt',
  'startedAt',
  'finished',
  'language',
  'email',
] as const;
export type MetaField = (typeof META_FIELDS)[number];

export interface ExportLayout {
  shape: ExportShape;
  columns: ExportColumn[];
  /** Rows before the first response. */
  headerRows: number;
  /** Where each piece of response metadata is, by column index. */
  meta: Partial<Record<MetaField, number>>;
}

// Keys are compared lower-case with everything but letters and digits removed, so `ResponseId`,
// `_recordId`, `Response ID` and `panel-RecipientEmail` meet their candidates.
const META_CANDIDATES: Record<MetaField, string[]> = {
  responseId: ['responseid', 'recordid'],
  submittedAt: ['recordeddate', 'datesubmitted', 'submitdate', 'enddate'],
  startedAt: ['startdate', 'datestarted'],
  finished: ['finished'],
  language: ['userlanguage', 'startlanguage'],
  email: ['recipientemail', 'panelrecipientemail', 'emailaddress'],
};

export const normalizedKey = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

const JSON_IMPORT_ID = /^\{\s*"ImportId"\s*:\s*"((?:[^"\\]|\\.)*)"/;
const PYTHON_IMPORT_ID = /^\{\s*'ImportId'\s*:\s*'([^']*)'/;

function importIdRow(
  record: CsvRecord | undefined,
): { style: 'json' | 'python'; ids: (string | null)[] } | null {
  if (!record) return null;
  const first = record.fields.find((f) => f.trim() !== '') ?? '';
  const style = JSON_IMPORT_ID.test(first) ? 'json' : PYTHON_IMPORT_ID.test(first) ? 'python' : null;
  if (!style) return null;
  const pattern = style === 'json' ? JSON_IMPORT_ID : PYTHON_IMPORT_ID;
  return {
    style,
    ids: record.fields.map((field) => {
      const match = pattern.exec(field.trim());
      if (!match) return null;
      return style === 'json' ? (JSON.parse(`"${match[1]}"`) as string) : match[1];
    }),
  };
}

function locateMeta(columns: ExportColumn[]): ExportLayout['meta'] {
  const meta: ExportLayout['meta'] = {};
  for (const field of META_FIELDS) {
    for (const candidate of META_CANDIDATES[field]) {
      const column = columns.find(
        (c) =>
          normalizedKey(c.name) === candidate ||
          normalizedKey(c.label) === candidate ||
          (c.importId !== null && normalizedKey(c.importId) === candidate),
      );
      if (column) {
        meta[field] = column.index;
        break;
      }
    }
  }
  return meta;
}

const preview = (fields: string[]) => JSON.stringify(fields.slice(0, 3).join(',').slice(0, 60));

/**
 * Recognises the export's shape from its first three records and describes its columns. A file
 * that is not the promised format, or lacks a header row, is refused naming the line.
 */
export function exportLayout(format: ImportFormat, head: CsvRecord[]): ExportLayout {
  const [names, second, third] = head;
  if (!names) throw new ImportFileError(1, 'the file is empty');
  let layout: Omit<ExportLayout, 'meta'>;
  if (format === 'limesurvey') {
    const first = normalizedKey(names.fields[0] ?? '');
    if (first !== 'responseid' && first !== 'id') {
      throw new ImportFileError(
        names.line,
        `not a LimeSurvey "R data file" export: its first column should be "Response ID" (or "id"), found ${preview(names.fields)}`,
      );
    }
    layout = {
      shape: 'limesurvey',
      headerRows: 1,
      columns: names.fields.map((name, index) => ({ index, name, label: name, importId: null })),
    };
  } else if (names.fields[0] === 'V1' && names.fields[1] === 'V2') {
    if (!second)
      throw new ImportFileError(2, 'the legacy Qualtrics export lacks its second header row (the labels)');
    layout = {
      shape: 'qualtrics-legacy',
      headerRows: 2,
      columns: names.fields.map((name, index) => ({
        index,
        name,
        label: second.fields[index] ?? '',
        importId: null,
      })),
    };
  } else {
    if (!second || !third) {
      throw new ImportFileError(
        (second ?? names).line + 1,
        'a Qualtrics export has three header rows (names, question texts, ImportIds); this one ends before them',
      );
    }
    const ids = importIdRow(third);
    if (!ids) {
      const firstName = normalizedKey(names.fields[0] ?? '');
      throw new ImportFileError(
        third.line,
        firstName === 'startdate' || firstName === 'responseid'
          ? `expected the third header row of a Qualtrics export ({"ImportId": …}), found ${preview(third.fields)}: export again with the ImportId row, or use the legacy format`
          : `not a Qualtrics export: row 1 ${preview(names.fields)} is neither V1,V2,… nor Qualtrics' column names, and row 3 has no ImportIds`,
      );
    }
    layout = {
      shape: ids.style === 'json' ? 'qualtrics' : 'qualtrics-2016',
      headerRows: 3,
      columns: names.fields.map((name, index) => ({
        index,
        name,
        label: second.fields[index] ?? '',
        importId: ids.ids[index] ?? null,
      })),
    };
  }
  const meta = locateMeta(layout.columns);
  // LimeSurvey's exports with question codes as headings name the response id just "id".
  if (
    meta.responseId === undefined &&
    layout.shape === 'limesurvey' &&
    normalizedKey(names.fields[0]) === 'id'
  )
    meta.responseId = 0;
  if (meta.responseId === undefined) {
    throw new ImportFileError(
      names.line,
      'no response id column (ResponseId, ResponseID or Response ID): re-importing could not tell responses apart',
    );
  }
  return { ...layout, meta };
}
