import { type CsvRecord, CsvSplitter, CsvSyntaxError } from './csvSplitter.ts';
import { decodeExportText } from './decodeExportText.ts';
import { ImportFileError } from './importFileError.ts';

export type { CsvRecord } from './csvSplitter.ts';

/**
 * Reads an export's bytes as CSV records. Every record must have as many fields as the first one
 * (the header); a ragged row, an unclosed quote or a broken encoding stops the read with the line.
 */
export async function* csvRecords(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<CsvRecord> {
  const splitter = new CsvSplitter();
  let width = -1;
  const checked = function* (records: CsvRecord[]) {
    for (const record of records) {
      if (width === -1) width = record.fields.length;
      else if (record.fields.length !== width) {
        throw new ImportFileError(
          record.line,
          `${record.fields.length} fields where the header has ${width} (a ragged row: a stray comma or an unquoted line break?)`,
        );
      }
      yield record;
    }
  };
  try {
    for await (const text of decodeExportText(chunks)) yield* checked(splitter.push(text));
    yield* checked(splitter.push('', true));
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      throw new ImportFileError(error.line, `not valid CSV: ${error.message}`);
    throw error;
  }
}
