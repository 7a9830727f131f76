import { AnalyzeInputError } from './analyzeInputError.ts';
import type { CsvTable } from './csvTable.ts';
import type { CellRules } from './numericColumn.ts';
import { numericColumn } from './numericColumn.ts';

/**
 * The likelihood-to-recommend answers of a column, checked to be whole numbers 0–10 (null =
 * missing).
 *
 * @param table the parsed CSV
 * @param column the 0–10 recommendation column
 * @param rules missing codes and recodings
 * @returns one answer per data row
 * @throws AnalyzeInputError for an unknown column, a non-numeric cell, or an answer that is not a
 *   whole number 0–10, naming the value and its line
 * @example npsAnswersOf({ source: 'x.csv', delimiter: ',', columns: ['r'], rows: [['10'], ['']], lines: [2, 3] }, 'r', PLAIN_CELLS) // [10, null]
 */
export function npsAnswersOf(table: CsvTable, column: string, rules: CellRules): (number | null)[] {
  const values = numericColumn(table, column, rules);
  values.forEach((value, r) => {
    if (value === null || (Number.isInteger(value) && value >= 0 && value <= 10)) return;
    throw new AnalyzeInputError(
      'out_of_range',
      `column '${column}' of ${table.source} has ${value} on line ${table.lines[r]}, but an NPS answer is a whole number from 0 to 10`,
    );
  });
  return values;
}
