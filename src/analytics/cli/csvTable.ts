import { CsvError, parse } from 'csv-parse/sync';
import { AnalyzeInputError } from './analyzeInputError.ts';

/** Field separators the analyst's CSV may use (`;` is what spreadsheets write in many locales). */
export type CsvDelimiter = ',' | ';';

/** A CSV file read as text cells, with the line each row starts on for error messages. */
export interface CsvTable {
  /** The file name, as the analyst typed it, for messages. */
  readonly source: string;
  readonly delimiter: CsvDelimiter;
  /** Header names, trimmed. */
  readonly columns: readonly string[];
  /** One array of raw cells per data row, aligned with `columns`. */
  readonly rows: readonly (readonly string[])[];
  /** The file line each data row starts on (the header is line 1 when the file starts with it). */
  readonly lines: readonly number[];
}

const BYTE_ORDER_MARK = '\uFEFF';

interface ParsedRecord {
  readonly record: string[];
  /** `bytes`: bytes consumed up to the end of the record and its line end. */
  readonly info: { readonly bytes: number };
}

/**
 * The delimiter of a CSV file, read from its header line: whichever of `;` and `,` occurs more
 * often outside double quotes; `,` on a tie (e.g. a one-column file).
 *
 * @param headerLine the first line of the file
 * @returns ';' or ','
 * @example detectDelimiter('name;"score, 0-10";segment') // ';'
 */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === ',') commas++;
    else if (!quoted && char === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/**
 * Parses the text of a CSV file into a header and rows of text cells.
 *
 * Accepts a UTF-8 byte order mark, `,` or `;` delimiters (see `detectDelimiter`), CRLF or LF line
 * ends, quoted fields (also spanning lines) and blank lines (skipped). Rejects, with an
 * `AnalyzeInputError` ('not_csv') that says what the file looks like instead: an empty file, a
 * binary file, a zip archive (an .xlsx workbook), HTML or XML (a web page saved in place of the
 * export), JSON, and rows whose number of fields differs from the header's.
 *
 * @param text the file's content
 * @param source the file name, for messages
 * @returns the table
 * @throws AnalyzeInputError when the text is not a CSV table
 * @example parseCsvTable('\uFEFFa;b\n1;2\n', 'x.csv').rows // [['1', '2']]
 */
export function parseCsvTable(text: string, source: string): CsvTable {
  const body = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  assertLooksLikeCsv(body, source);
  const headerLine = body.slice(0, firstLineEnd(body));
  const delimiter = detectDelimiter(headerLine);
  // Parse bytes, not the string, so each record's `info.bytes` offset can be mapped to file lines.
  const bytes = Buffer.from(body, 'utf8');
  let records: ParsedRecord[];
  try {
    // With `info: true` each record comes wrapped with the parser's position (typed as string[][]).
    records = parse(bytes, {
      delimiter,
      info: true,
      skip_empty_lines: true,
      // Real exports carry stray quotes inside unquoted text ("a 5" screen"); keep them as text.
      relax_quotes: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    if (error instanceof CsvError) throw new AnalyzeInputError('not_csv', malformedMessage(error, source));
    throw error;
  }
  if (records.length === 0) throw new AnalyzeInputError('not_csv', `${source} is empty: no header line`);
  const [header, ...data] = records;
  return {
    source,
    delimiter,
    columns: header.record.map((name) => name.trim()),
    rows: data.map((entry) => entry.record),
    lines: startLines(bytes, records).slice(1),
  };
}

function assertLooksLikeCsv(body: string, source: string): void {
  const start = body.trimStart();
  if (start === '') throw new AnalyzeInputError('not_csv', `${source} is empty`);
  if (start.startsWith('PK\u0003\u0004')) {
    throw new AnalyzeInputError(
      'not_csv',
      `${source} is a zip archive (an Excel .xlsx workbook?), not CSV: save the sheet as CSV first`,
    );
  }
  if (body.includes('\u0000')) throw new AnalyzeInputError('not_csv', `${source} is a binary file, not CSV`);
  if (start.startsWith('<')) {
    throw new AnalyzeInputError(
      'not_csv',
      `${source} looks like HTML or XML, not CSV (a web page saved instead of the export?)`,
    );
  }
  if ((start.startsWith('{') || start.startsWith('[')) && isJson(start)) {
    throw new AnalyzeInputError('not_csv', `${source} is JSON, not CSV`);
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function firstLineEnd(body: string): number {
  const end = body.search(/\r?\n/);
  return end === -1 ? body.length : end;
}

/**
 * The line each record starts on. csv-parse's own line count is off after a quoted field holding
 * CRLF line breaks (it counts both characters), so lines are counted here from the byte offsets:
 * a line break is LF, CRLF or a lone CR; blank lines the parser skipped are stepped over.
 */
function startLines(bytes: Buffer, records: readonly ParsedRecord[]): number[] {
  const LF = 0x0a;
  const CR = 0x0d;
  const isBreak = (i: number) => bytes[i] === LF || (bytes[i] === CR && bytes[i + 1] !== LF);
  let offset = 0;
  let line = 1;
  return records.map((entry) => {
    while (offset < bytes.length && (bytes[offset] === LF || bytes[offset] === CR)) {
      if (isBreak(offset)) line++;
      offset++;
    }
    const start = line;
    for (; offset < entry.info.bytes; offset++) if (isBreak(offset)) line++;
    return start;
  });
}

function malformedMessage(error: CsvError, source: string): string {
  const { lines } = error as CsvError & { lines?: number };
  const where = lines === undefined ? '' : ` (line ${lines})`;
  if (error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') {
    const counts = /expect (\d+), got (\d+)/.exec(error.message);
    const detail = counts
      ? `${counts[2]} fields where the header has ${counts[1]}`
      : 'a different number of fields than the header';
    return `${source} is not a well-formed CSV table${where}: the row has ${detail}`;
  }
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return `${source} is not a well-formed CSV table${where}: a quoted field is never closed`;
  }
  return `${source} is not a well-formed CSV table${where}: ${error.message}`;
}
