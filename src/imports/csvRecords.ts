import { CsvError, parse } from 'csv-parse';
import { decodeExportText } from './decodeExportText.ts';
import { ImportFileError } from './importFileError.ts';

/** One CSV record and the line it starts on (1-based). */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/** Waits until the parser wants more text, or has been closed (the reader stopped early). */
function drainedOrClosed(parser: ReturnType<typeof parse>): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      parser.off('drain', done);
      parser.off('close', done);
      resolve();
    };
    parser.on('drain', done);
    parser.on('close', done);
  });
}

/**
 * Reads an export's bytes as CSV records. Every record must have as many fields as the first one
 * (the header); a ragged row, an unclosed quote or a broken encoding stops the read with the line.
 */
export async function* csvRecords(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<CsvRecord> {
  const parser = parse({ skip_empty_lines: true, relax_column_count: true, info: true });
  const text = decodeExportText(chunks);
  // Feed the parser from the decoded text; errors from either side end the read.
  const feeding = (async () => {
    try {
      for await (const piece of text) {
        if (parser.destroyed) break;
        if (!parser.write(piece)) await drainedOrClosed(parser);
      }
      if (!parser.destroyed) parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  let width = -1;
  let nextLine = 1;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      const line = nextLine;
      nextLine = info.lines + 1;
      if (width === -1) width = record.length;
      else if (record.length !== width) {
        throw new ImportFileError(
          line,
          `${record.length} fields where the header has ${width} (a ragged row: a stray comma or an unquoted line break?)`,
        );
      }
      yield { fields: record, line };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const what =
        error.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'a quoted field is never closed'
          : error.code === 'CSV_INVALID_CLOSING_QUOTE'
            ? 'a quote inside a quoted field is not doubled'
            : error.message.replace(/^Invalid [^:]*: /, '');
      throw new ImportFileError(nextLine, `not valid CSV: ${what}`);
    }
    throw error;
  } finally {
    parser.destroy();
    await feeding;
  }
}
