import { PassThrough, Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { copyOutInIndexOrder } from '../db/copyOut.ts';
import type { Database } from '../db/database.ts';
import type { Actor } from '../policies/actor.ts';
import {
  EXPORT_SELECT,
  type ExportRow,
  exportColumns,
  exportHeader,
  exportLineWriter,
} from './exportColumns.ts';
import type { ImportTarget } from './importResponses.ts';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Whose responses: an organisation, and a unit subtree for unit-scoped actors (null: all). */
export type ExportScope = Pick<Actor, 'orgId' | 'unitPath'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNIT_PATH = /^\/([0-9a-f-]{36}\/)+$/i;
const PAGE = 5000;

/**
 * The WHERE clause of an export, written out because COPY takes no bind parameters: every value in
 * it is checked to be a UUID or a unit path first, so nothing else can reach the SQL.
 */
function scopeCondition(scope: ExportScope, surveyId: string): string {
  if (!UUID.test(scope.orgId) || !UUID.test(surveyId)) throw new Error('export scope: not a UUID');
  let where = `r.org_id = '${scope.orgId}' and r.survey_id = '${surveyId}' and r.status = 'complete'`;
  if (scope.unitPath !== null) {
    if (!UNIT_PATH.test(scope.unitPath)) throw new Error('export scope: not a unit path');
    where += ` and exists (select 1 from org_units u where u.org_id = r.org_id and u.unit_id = r.unit_id and u.path like '${scope.unitPath}%')`;
  }
  return where;
}

/** Pages of responses in submission order, by keyset (PGlite, and the XLSX writer on both engines). */
async function* pagedRows(database: Database, where: string): AsyncGenerator<ExportRow[]> {
  let after: { at: Date; id: string } | null = null;
  for (;;) {
    const params: unknown[] = [];
    let keyset = '';
    if (after) {
      params.push(after.at, after.id);
      keyset = ' and (r.submitted_at, r.response_id) > ($1, $2::uuid)';
    }
    const { rows } = await database.pool.query(
      `select r.submitted_at as k_at, r.response_id as k_id, array[${EXPORT_SELECT}] as fields
       from responses r where ${where}${keyset} order by r.submitted_at, r.response_id limit ${PAGE}`,
      params,
    );
    if (rows.length === 0) return;
    yield rows.map((row) => ({ fields: row.fields, answers: JSON.parse(row.fields[7]) }));
    const last = rows[rows.length - 1];
    after = { at: last.k_at, id: last.k_id };
    if (rows.length < PAGE) return;
  }
}

const TEXT_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** The fields of one line of COPY's text format (tab-separated, `\\N` for null, backslash escapes). */
export function copyTextFields(line: string): (string | null)[] {
  const fields: (string | null)[] = [];
  let from = 0;
  for (;;) {
    const tab = line.indexOf('\t', from);
    const field = tab === -1 ? line.slice(from) : line.slice(from, tab);
    fields.push(
      field === '\\N'
        ? null
        : field.includes('\\')
          ? field.replace(/\\(.)/g, (_, c: string) => TEXT_ESCAPES[c] ?? c)
          : field,
    );
    if (tab === -1) return fields;
    from = tab + 1;
  }
}

/**
 * A survey's responses as CSV (three header rows like a current Qualtrics export, so the file reads
 * back in). On a Postgres server the rows come through COPY TO (the database streams, this thread
 * formats, both at once); on PGlite pages are read by keyset. Memory stays constant either way.
 * (Letting COPY write the whole CSV, each cell a SQL expression over the answers, was measured too:
 * it cost the database more CPU than the two halves together cost now, all of it on one backend.)
 */
async function* csvChunks(
  database: Database,
  scope: ExportScope,
  target: ImportTarget,
): AsyncGenerator<Buffer> {
  const columns = exportColumns(target.definition);
  const lineOf = exportLineWriter(columns);
  const where = scopeCondition(scope, target.surveyId);
  yield Buffer.from(exportHeader(columns));
  if (database.engine === 'postgres') {
    // COPY's text format, not CSV: the answers' JSON is full of quotes, which CSV doubles and a CSV
    // reader must undo one by one; in text format only backslashes are escaped.
    const copy = copyOutInIndexOrder(
      database,
      `COPY (select ${EXPORT_SELECT} from responses r where ${where} order by r.submitted_at, r.response_id) TO STDOUT`,
    );
    // Each row is decoded on its own (a newline byte only ever ends a row in COPY's text format, and
    // is never part of a multi-byte character): a row of plain ASCII then becomes a one-byte string,
    // which JSON.parse and the line writer handle a quarter faster than slices of a chunk decoded
    // whole, which are two-byte strings as soon as one comment in the chunk has an accent.
    let rest: Buffer | null = null;
    for await (const arrived of copy) {
      const chunk: Buffer = rest ? Buffer.concat([rest, arrived]) : arrived;
      let out = '';
      let start = 0;
      for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, start)) {
        const fields = copyTextFields(chunk.toString('utf8', start, end));
        out += lineOf(fields, JSON.parse(fields[7]!));
        start = end + 1;
      }
      rest = start < chunk.length ? chunk.subarray(start) : null;
      if (out) yield Buffer.from(out);
    }
    if (rest) throw new Error('The database ended the export in the middle of a row.');
    return;
  }
  for await (const page of pagedRows(database, where)) {
    yield Buffer.from(page.map((row) => lineOf(row.fields, row.answers)).join(''));
  }
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** The same export as an XLSX workbook, written row by row with exceljs' streaming writer. */
async function writeXlsx(
  database: Database,
  scope: ExportScope,
  target: ImportTarget,
  output: Writable,
): Promise<void> {
  const columns = exportColumns(target.definition);
  const where = scopeCondition(scope, target.surveyId);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('Responses');
  sheet.addRow(columns.map((c) => c.name)).commit();
  sheet.addRow(columns.map((c) => c.label)).commit();
  sheet.addRow(columns.map((c) => JSON.stringify({ ImportId: c.importId }))).commit();
  for await (const page of pagedRows(database, where)) {
    for (const row of page)
      sheet
        .addRow(
          columns.map((column) => {
            const cell = column.cell(row);
            return cell !== null && NUMBER.test(cell) ? Number(cell) : cell;
          }),
        )
        .commit();
  }
  sheet.commit();
  await workbook.commit();
}

/** The export as a readable stream, for a file (CLI) or a response body (API). */
export function responseExport(
  database: Database,
  scope: ExportScope,
  target: ImportTarget,
  format: ExportFormat,
): Readable {
  if (format === 'csv') return Readable.from(csvChunks(database, scope, target));
  const output = new PassThrough();
  writeXlsx(database, scope, target, output).catch((error) => output.destroy(error));
  return output;
}

/** Writes the export to a stream and returns how many responses it holds. */
export async function writeResponseExport(
  database: Database,
  scope: ExportScope,
  target: ImportTarget,
  format: ExportFormat,
  output: Writable,
): Promise<void> {
  await pipeline(responseExport(database, scope, target, format), output);
}
