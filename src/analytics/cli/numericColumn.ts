import { AnalyzeInputError } from './analyzeInputError.ts';
import { columnIndexOf } from './columnIndex.ts';
import type { CsvTable } from './csvTable.ts';
import type { MissingValues } from './missingValues.ts';
import { isMissingCell, NO_MISSING_CODES } from './missingValues.ts';
import { numberOfCell } from './numberOfCell.ts';
import type { ValueMap } from './valueMap.ts';
import { mappedValue } from './valueMap.ts';

/** How cells become numbers: codes read as blank (`--missing`) and text recodings (`--map`). */
export interface CellRules {
  readonly missing: MissingValues;
  readonly maps: readonly ValueMap[];
}

/** Only blank cells are missing and nothing is recoded. */
export const PLAIN_CELLS: CellRules = { missing: NO_MISSING_CODES, maps: [] };

/**
 * The numbers of one column, `null` where the answer is missing.
 *
 * Per cell, in order: blank or a `--missing` code → null; a `--map` of the column that covers the
 * cell → its number; otherwise the cell must be a number (`numberOfCell`; "3,5" is read as 3.5 in a
 * `;`-delimited file).
 *
 * @param table the parsed CSV
 * @param name the column
 * @param rules missing codes and recodings
 * @returns one value per data row
 * @throws AnalyzeInputError for an unknown column or a cell that is not a number, naming the column,
 *   the value and its line (the header is line 1)
 * @example numericColumn({ source: 'x.csv', delimiter: ',', columns: ['q'], rows: [['4'], [''], ['2']], lines: [2, 3, 4] }, 'q', PLAIN_CELLS) // [4, null, 2]
 */
export function numericColumn(table: CsvTable, name: string, rules: CellRules): (number | null)[] {
  const index = columnIndexOf(table, name);
  const map = rules.maps.find((candidate) => candidate.column === name);
  const decimalComma = table.delimiter === ';';
  return table.rows.map((row, r) => {
    const cell = row[index];
    if (isMissingCell(cell, name, rules.missing)) return null;
    const value =
      (map === undefined ? undefined : mappedValue(cell, map)) ?? numberOfCell(cell, decimalComma);
    if (value === undefined) {
      throw new AnalyzeInputError(
        'non_numeric',
        `column '${name}' of ${table.source} is not numeric: '${cell.trim()}' on line ${table.lines[r]} (blank it, treat it as missing with --missing, or recode text with --map "${name}=${cell.trim()}:1,*:0")`,
      );
    }
    return value;
  });
}

/**
 * Checks that every column named in `--missing COLUMN=…` and `--map COLUMN=…` exists, so a typo
 * is reported instead of silently ignored.
 *
 * @param table the parsed CSV
 * @param rules missing codes and recodings
 * @throws AnalyzeInputError ('unknown_column') for a name the header lacks
 * @example assertRuleColumns({ source: 'x.csv', delimiter: ',', columns: ['q'], rows: [], lines: [] }, PLAIN_CELLS) // returns
 */
export function assertRuleColumns(table: CsvTable, rules: CellRules): void {
  for (const column of Object.keys(rules.missing.byColumn)) columnIndexOf(table, column);
  for (const map of rules.maps) columnIndexOf(table, map.column);
}
