import { ImportFileError } from './importFileError.ts';

/** Counts newlines, the unit every message about a file is given in. */
export function countNewlines(text: string, end = text.length): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function refuseOtherFormats(head: Uint8Array): void {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
    throw new ImportFileError(1, 'the file is UTF-16 encoded; export it again as CSV in UTF-8');
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04)
    throw new ImportFileError(1, 'this is a ZIP archive (an XLSX workbook?), not a CSV file');
  // UTF-16 without a byte-order mark shows as NUL bytes between ASCII letters.
  if (head.subarray(0, 512).includes(0))
    throw new ImportFileError(1, 'the file contains NUL bytes: it is binary or UTF-16, not a UTF-8 CSV file');
}

const HTML_START = /^\s*<(!doctype\s+html|html|head|body|\?xml)/i;

/**
 * Decodes an export's bytes as UTF-8, chunk by chunk, refusing anything else with the line where
 * it goes wrong: UTF-16, a ZIP/XLSX, an HTML page saved as .csv, bytes that are not UTF-8 (a
 * Windows-1252 export, say). A leading byte-order mark is dropped.
 */
export async function* decodeExportText(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let linesBefore = 0;
  let first = true;
  for await (const chunk of chunks) {
    if (first && chunk.length > 0) refuseOtherFormats(chunk);
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      const lenient = new TextDecoder('utf-8').decode(chunk);
      const at = lenient.indexOf('\uFFFD');
      throw new ImportFileError(
        linesBefore + countNewlines(lenient, at === -1 ? lenient.length : at) + 1,
        'the text is not valid UTF-8 (an export in Windows-1252 or Latin-1?); export it again as UTF-8',
      );
    }
    if (first && text.length > 0) {
      first = false;
      if (HTML_START.test(text.slice(0, 200)))
        throw new ImportFileError(
          1,
          'this is an HTML page, not a CSV export (a login or error page saved as .csv?)',
        );
    }
    linesBefore += countNewlines(text);
    if (text) yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    throw new ImportFileError(linesBefore + 1, 'the file ends in the middle of a UTF-8 character');
  }
}
