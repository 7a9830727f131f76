import { AnalyzeInputError } from './analyzeInputError.ts';
import { numberOfCell } from './numberOfCell.ts';

/** Recoding of one text column into numbers (e.g. "Satisfied" → 1, anything else → 0). */
export interface ValueMap {
  readonly column: string;
  /** Labels, lower-cased and trimmed, with their numbers. */
  readonly labels: Readonly<Record<string, number>>;
  /** Number for every other non-blank value (`*`), if given. */
  readonly otherwise?: number;
}

/**
 * Reads one `--map` option: `COLUMN=label:number,label:number,*:number`. Labels match the trimmed
 * cell case-insensitively; `*` stands for every other non-blank value (blank cells stay missing).
 * The number follows the last `:` of an entry, so a label may contain `:` but not `,`.
 *
 * @param option the option's value
 * @returns the recoding
 * @throws AnalyzeInputError ('malformed_option') with the expected form
 * @example valueMapOf('Satisfaction=satisfied:1,*:0') // { column: 'Satisfaction', labels: { satisfied: 1 }, otherwise: 0 }
 */
export function valueMapOf(option: string): ValueMap {
  const malformed = (why: string) =>
    new AnalyzeInputError(
      'malformed_option',
      `--map '${option}' is malformed (${why}); write --map "COLUMN=label:1,other label:2,*:0"`,
    );
  const equals = option.indexOf('=');
  if (equals <= 0) throw malformed('no COLUMN= before the labels');
  const column = option.slice(0, equals).trim();
  if (column === '') throw malformed('the column name is empty');
  const labels: Record<string, number> = {};
  let otherwise: number | undefined;
  for (const entry of option.slice(equals + 1).split(',')) {
    const colon = entry.lastIndexOf(':');
    if (colon === -1) throw malformed(`'${entry.trim()}' has no ':number'`);
    const label = entry.slice(0, colon).trim().toLowerCase();
    const value = numberOfCell(entry.slice(colon + 1), false);
    if (label === '') throw malformed('a label is empty');
    if (value === undefined) throw malformed(`'${entry.slice(colon + 1).trim()}' is not a number`);
    if (label === '*') otherwise = value;
    else labels[label] = value;
  }
  return otherwise === undefined ? { column, labels } : { column, labels, otherwise };
}

/**
 * The number a recoding gives a cell, or `undefined` when the cell is not covered (no matching
 * label and no `*`).
 *
 * @param cell the raw, non-blank cell text
 * @param map the recoding
 * @returns the number, or undefined
 * @example mappedValue(' SATISFIED ', { column: 's', labels: { satisfied: 1 }, otherwise: 0 }) // 1
 */
export function mappedValue(cell: string, map: ValueMap): number | undefined {
  const label = cell.trim().toLowerCase();
  return Object.hasOwn(map.labels, label) ? map.labels[label] : map.otherwise;
}
