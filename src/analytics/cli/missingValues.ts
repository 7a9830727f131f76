import { AnalyzeInputError } from './analyzeInputError.ts';

/** Cell values to read as "not answered", besides blank cells. */
export interface MissingValues {
  /** Codes that mean "not answered" in every column. */
  readonly everywhere: readonly string[];
  /** Codes that mean "not answered" in one column only. */
  readonly byColumn: Readonly<Record<string, readonly string[]>>;
}

/** No codes: only blank cells are missing. */
export const NO_MISSING_CODES: MissingValues = { everywhere: [], byColumn: {} };

/**
 * Reads the `--missing` options. Each option is a comma-separated list of codes, for every column
 * (`--missing 0,99`) or for one column (`--missing "Seat Comfort=0"`): a code is read as a blank.
 * Why per column: a 0 may mean "not rated" on a 1–5 rating but is a real answer on the 0–10
 * recommendation scale.
 *
 * @param options the values of the repeated `--missing` option
 * @returns the codes
 * @throws AnalyzeInputError ('malformed_option') for an empty code or column name
 * @example missingValuesOf(['0', 'nps=-1']) // { everywhere: ['0'], byColumn: { nps: ['-1'] } }
 */
export function missingValuesOf(options: readonly string[]): MissingValues {
  const everywhere: string[] = [];
  const byColumn: Record<string, string[]> = {};
  for (const option of options) {
    const equals = option.indexOf('=');
    const column = equals === -1 ? undefined : option.slice(0, equals).trim();
    const codes = (equals === -1 ? option : option.slice(equals + 1)).split(',').map((code) => code.trim());
    if (column === '' || codes.some((code) => code === '')) {
      throw new AnalyzeInputError(
        'malformed_option',
        `--missing '${option}' is malformed: write codes as --missing 0,99 or for one column --missing "COLUMN=0"`,
      );
    }
    if (column === undefined) everywhere.push(...codes);
    else byColumn[column] = [...(byColumn[column] ?? []), ...codes];
  }
  return { everywhere, byColumn };
}

/**
 * Whether a cell counts as not answered: blank (after trimming), or equal to one of the codes for
 * its column, as text or as the same number ("0" matches "0.0").
 *
 * @param cell the raw cell text
 * @param column the cell's column
 * @param missing the codes
 * @returns true when the answer is missing
 * @example isMissingCell(' 0.0 ', 'seat', { everywhere: ['0'], byColumn: {} }) // true
 */
export function isMissingCell(cell: string, column: string, missing: MissingValues): boolean {
  const text = cell.trim();
  if (text === '') return true;
  const codes = [...missing.everywhere, ...(missing.byColumn[column] ?? [])];
  if (codes.length === 0) return false;
  const value = Number(text);
  return codes.some((code) => code === text || (Number.isFinite(value) && Number(code) === value));
}
