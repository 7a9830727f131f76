import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { detectDelimiter, utf8Text } from './csvText.ts';
import { FileProblem } from './fileProblem.ts';

export type TableFormat = 'csv' | 'xlsx';

/** One data row with the line (CSV) or row number (XLSX) it starts on. */
export interface TableRow {
  line: number;
  cells: string[];
}

/** A file read as a table: the header row's column names, then the data rows one at a time. */
export interface Table {
  header: string[];
  headerLine: number;
  rows: AsyncGenerator<TableRow>;
}

const LOOKS_LIKE_DATA = [
  { test: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, what: 'an email address' },
  { test: /^-?\d+([.,]\d+)?$/, what: 'a number' },
  { test: /^\d{4}-\d{2}-\d{2}/, what: 'a date' },
];

/**
 * Checks that the first row names the columns: a missing header row shows up as data in it (an
 * email address, a number, a date), blank names between named ones, or the same name twice.
 */
export function checkHeader(cells: string[], line: number): string[] {
  const header = cells.map((cell) => cell.trim());
  while (header.length && header[header.length - 1] === '') header.pop();
  if (header.length === 0)
    throw new FileProblem(line, 'The header row is empty: the first row must name the columns.');
  const seen = new Map<string, number>();
  header.forEach((name, index) => {
    if (name === '')
      throw new FileProblem(
        line,
        `Column ${index + 1} has no name in the header row; every column needs one.`,
      );
    for (const { test, what } of LOOKS_LIKE_DATA) {
      if (test.test(name))
        throw new FileProblem(
          line,
          `The first row should name the columns, but "${name}" looks like ${what}: the header row is missing.`,
        );
    }
    const key = name.toLowerCase();
    if (seen.has(key))
      throw new FileProblem(
        line,
        `Column "${name}" appears twice in the header row (columns ${seen.get(key)! + 1} and ${index + 1}).`,
      );
    seen.set(key, index);
  });
  return header;
}

/** Cells beyond the header must be empty; a missing or surplus cell in CSV makes the row ragged. */
function checkWidth(cells: string[], width: number, line: number, strict: boolean): string[] {
  if (cells.length === width) return cells;
  const extra = cells.slice(width);
  if (cells.length > width && extra.every((cell) => cell.trim() === '')) return cells.slice(0, width);
  if (cells.length < width && !strict) return [...cells, ...Array(width - cells.length).fill('')];
  throw new FileProblem(
    line,
    `This row has ${cells.length} fields but the header has ${width}: the rows are ragged (a missing or extra separator, or an unquoted value containing one).`,
  );
}

async function openCsv(source: AsyncIterable<Buffer | Uint8Array>): Promise<Table> {
  const text = utf8Text(source);
  // Read until the first line is complete, to find the delimiter before parsing starts.
  const buffered: string[] = [];
  let seen = '';
  while (!seen.includes('\n')) {
    const next = await text.next();
    if (next.done) break;
    buffered.push(next.value);
    seen += next.value;
  }
  if (seen.trim() === '')
    throw new FileProblem(1, 'The file is empty: expected a header row naming the columns.');
  const delimiter = detectDelimiter(seen.split('\n')[0]);
  async function* all() {
    yield* buffered;
    yield* text;
  }
  const parser = parse({
    delimiter,
    record_delimiter: ['\r\n', '\n', '\r'],
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    bom: false,
  });
  // pipeline (not pipe) so an encoding error in the text destroys the parser and reaches the reader below.
  pipeline(Readable.from(all()), parser).catch(() => {});
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<{
    record: string[];
    info: { lines: number };
  }>;
  const next = async () => {
    try {
      const result = await records.next();
      if (result.done) return null;
      const { record, info } = result.value;
      // csv-parse reports the line a record ends on; quoted line breaks inside it move its start back.
      const inner = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
      return { cells: record, line: info.lines - inner };
    } catch (error) {
      if (error instanceof FileProblem) throw error;
      const { lines, code } = error as { lines?: number; code?: string };
      const reason =
        code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'A quoted value is never closed (a stray double quote).'
          : `The CSV cannot be parsed: ${(error as Error).message.replace(/\s*at line \d+.*$/, '')}`;
      throw new FileProblem(lines ?? null, reason);
    }
  };
  const first = await next();
  if (!first) throw new FileProblem(1, 'The file is empty: expected a header row naming the columns.');
  const header = checkHeader(first.cells, first.line);
  async function* rows(): AsyncGenerator<TableRow> {
    for (let row = await next(); row; row = await next()) {
      yield { line: row.line, cells: checkWidth(row.cells, header.length, row.line, true) };
    }
  }
  return { header, headerLine: first.line, rows: rows() };
}

/** A spreadsheet cell as text: dates as ISO dates, formulas by their result, rich text and links by their text. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'object') {
    const cell = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (cell.richText) return cell.richText.map((part) => part.text).join('');
    if ('result' in cell) return cellText(cell.result);
    if (cell.text !== undefined) return cellText(cell.text);
    if (cell.error) return cell.error;
  }
  return String(value);
}

async function openXlsx(source: AsyncIterable<Buffer | Uint8Array>): Promise<Table> {
  const iterator = source[Symbol.asyncIterator]();
  const firstChunk = await iterator.next();
  const head = firstChunk.done ? Buffer.alloc(0) : Buffer.from(firstChunk.value);
  if (head.length === 0) throw new FileProblem(null, 'The file is empty.');
  if (!head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    const looksHtml = /^\s*</.test(head.subarray(0, 64).toString('latin1'));
    throw new FileProblem(
      null,
      looksHtml
        ? 'This is an HTML or XML page saved with a spreadsheet name, not an XLSX workbook.'
        : 'This is not an XLSX workbook (it is not a zip archive); old .xls files must be saved as .xlsx or CSV.',
    );
  }
  async function* bytes() {
    yield head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(bytes()), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const unreadable = (error: unknown) =>
    error instanceof FileProblem
      ? error
      : new FileProblem(
          null,
          `The XLSX workbook cannot be read (${(error as Error).message}); it may be damaged.`,
        );
  // Rows of the first worksheet only; later sheets are ignored.
  async function* sheetRows(): AsyncGenerator<TableRow> {
    try {
      for await (const worksheet of reader) {
        for await (const row of worksheet as AsyncIterable<{ number: number; values: unknown[] }>) {
          const values = Array.isArray(row.values) ? row.values.slice(1) : [];
          const cells = Array.from(values, cellText);
          if (cells.every((cell) => cell.trim() === '')) continue;
          yield { line: row.number, cells };
        }
        return;
      }
    } catch (error) {
      throw unreadable(error);
    }
  }
  const rows = sheetRows();
  const first = await rows.next();
  if (first.done)
    throw new FileProblem(1, 'The first worksheet is empty: expected a header row naming the columns.');
  const header = checkHeader(first.value.cells, first.value.line);
  async function* data(): AsyncGenerator<TableRow> {
    for await (const row of rows)
      yield { line: row.line, cells: checkWidth(row.cells, header.length, row.line, false) };
  }
  return { header, headerLine: first.value.line, rows: data() };
}

/** Opens a CSV or XLSX byte stream as a table; a file that cannot be one throws FileProblem. */
export function openTable(source: AsyncIterable<Buffer | Uint8Array>, format: TableFormat): Promise<Table> {
  return format === 'csv' ? openCsv(source) : openXlsx(source);
}

/** The format a file name or content type stands for. */
export function formatOf(nameOrType: string): TableFormat | null {
  const value = nameOrType.toLowerCase();
  if (value.endsWith('.xlsx') || value.includes('spreadsheetml')) return 'xlsx';
  if (
    value.endsWith('.csv') ||
    value.endsWith('.txt') ||
    value.includes('text/csv') ||
    value.includes('text/plain')
  )
    return 'csv';
  return null;
}
