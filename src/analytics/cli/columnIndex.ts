import { AnalyzeInputError } from './analyzeInputError.ts';
import type { CsvTable } from './csvTable.ts';

/**
 * Position of a named column in the table's header (exact match on the trimmed name).
 *
 * @param table the parsed CSV
 * @param name the column the analyst asked for
 * @returns its 0-based index
 * @throws AnalyzeInputError ('unknown_column') naming the column and listing the available ones,
 *   or ('ambiguous_column') when the header holds the name twice
 * @example columnIndexOf({ source: 'x.csv', delimiter: ',', columns: ['id', 'nps'], rows: [], lines: [] }, 'nps') // 1
 */
export function columnIndexOf(table: CsvTable, name: string): number {
  const positions = table.columns.flatMap((column, i) => (column === name ? [i] : []));
  if (positions.length === 1) return positions[0];
  if (positions.length > 1) {
    throw new AnalyzeInputError(
      'ambiguous_column',
      `column '${name}' appears ${positions.length} times in the header of ${table.source} (columns ${positions.map((i) => i + 1).join(', ')}); rename one`,
    );
  }
  const hint = table.columns.find((column) => column.toLowerCase() === name.toLowerCase());
  throw new AnalyzeInputError(
    'unknown_column',
    `unknown column '${name}' in ${table.source}${hint === undefined ? '' : ` (did you mean '${hint}'?)`}; the columns are: ${availableColumns(table)}`,
  );
}

/**
 * Checks every named column exists before any value is read, so a typo in the last option is
 * reported before a bad value in the first column.
 *
 * @param table the parsed CSV
 * @param names the columns the analysis uses
 * @throws AnalyzeInputError as `columnIndexOf`, for the first name that fails
 * @example assertColumnsExist({ source: 'x.csv', delimiter: ',', columns: ['id', 'nps'], rows: [], lines: [] }, ['nps']) // returns
 */
export function assertColumnsExist(table: CsvTable, names: readonly string[]): void {
  for (const name of names) columnIndexOf(table, name);
}

/** The header names, quoted and comma-separated, for messages. */
function availableColumns(table: CsvTable): string {
  return table.columns
    .map((column, i) => (column === '' ? `(unnamed column ${i + 1})` : `'${column}'`))
    .join(', ');
}
