import { readFile } from 'node:fs/promises';
import { AnalyzeInputError } from './analyzeInputError.ts';
import type { CsvTable } from './csvTable.ts';
import { parseCsvTable } from './csvTable.ts';

/** Reads a file as UTF-8 text. */
export type TextFileReader = (path: string) => Promise<string>;

/** The default reader: the file system. */
export const readTextFile: TextFileReader = (path) => readFile(path, 'utf8');

/**
 * Reads and parses a CSV file (the command's only I/O); file-system failures become one clear
 * message instead of a stack trace.
 *
 * @param path the file, as the analyst typed it
 * @param reader how to read it (the file system by default; tests pass their own)
 * @returns the parsed table (see `parseCsvTable`)
 * @throws AnalyzeInputError ('missing_file') when the file cannot be read, ('not_csv') when it is not CSV
 * @example await readCsvTable('scores.csv', async () => 'nps\n9\n') // { source: 'scores.csv', delimiter: ',', columns: ['nps'], rows: [['9']], lines: [2] }
 */
export async function readCsvTable(path: string, reader: TextFileReader = readTextFile): Promise<CsvTable> {
  let text: string;
  try {
    text = await reader(path);
  } catch (error) {
    throw new AnalyzeInputError('missing_file', readFailure(path, error));
  }
  return parseCsvTable(text, path);
}

function readFailure(path: string, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return `file not found: ${path}`;
  if (code === 'EISDIR') return `${path} is a folder, not a CSV file`;
  if (code === 'EACCES' || code === 'EPERM') return `cannot read ${path}: permission denied`;
  return `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`;
}
