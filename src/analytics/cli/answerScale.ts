import { csatPoints } from '../../domain/forces/index.ts';
import { AnalyzeInputError } from './analyzeInputError.ts';
import type { CsvTable } from './csvTable.ts';

/** The range of a rating scale, e.g. 1–5 or 0–100. */
export interface AnswerScale {
  readonly min: number;
  readonly max: number;
}

/**
 * Reads a scale option written `MIN-MAX` (e.g. `1-5`, `0-10`, `0-100`).
 *
 * @param text the option's value
 * @param option the option's name, for the message
 * @returns the scale
 * @throws AnalyzeInputError ('malformed_option') unless MIN and MAX are non-negative numbers with MIN < MAX
 * @example answerScaleOf('0-100', '--attachment-scale') // { min: 0, max: 100 }
 */
export function answerScaleOf(text: string, option: string): AnswerScale {
  const match = /^\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*$/.exec(text);
  const min = match ? Number(match[1]) : Number.NaN;
  const max = match ? Number(match[2]) : Number.NaN;
  if (!(min < max)) {
    throw new AnalyzeInputError(
      'malformed_option',
      `${option} '${text}' is not a scale: write MIN-MAX, e.g. 1-5`,
    );
  }
  return { min, max };
}

/**
 * Rescales a column's answers to 0–100 points with `csatPoints`: 100 · (x − min) / (max − min),
 * so 1–5 gives 1→0, 2→25, 3→50, 4→75, 5→100, and 0–100 stays as it is.
 *
 * @param values the column's numbers (null = missing)
 * @param scale the column's scale
 * @param where the table and column, for messages
 * @returns the points, null kept
 * @throws AnalyzeInputError ('out_of_range') naming the column, the value, its line and the scale
 * @example pointsOnScale([4, null], { min: 1, max: 5 }, { table: { source: 'x.csv', delimiter: ',', columns: ['s'], rows: [], lines: [2, 3] }, column: 's', option: '--satisfaction-scale' }) // [75, null]
 */
export function pointsOnScale(
  values: readonly (number | null)[],
  scale: AnswerScale,
  where: { table: CsvTable; column: string; option: string },
): (number | null)[] {
  return values.map((value, r) => {
    if (value === null) return null;
    assertOnScale(value, scale, where, r);
    return csatPoints(value, scale.min, scale.max);
  });
}

/**
 * Checks an answer lies on its scale.
 *
 * @param value the answer
 * @param scale the scale
 * @param where the table and column, for the message
 * @param row the 0-based data row, for the line number
 * @throws AnalyzeInputError ('out_of_range') naming the column, the value, its line and the scale
 * @example assertOnScale(3, { min: 1, max: 5 }, { table: { source: 'x.csv', delimiter: ',', columns: ['s'], rows: [], lines: [2] }, column: 's', option: '--retention-scale' }, 0) // returns
 */
export function assertOnScale(
  value: number,
  scale: AnswerScale,
  where: { table: CsvTable; column: string; option: string },
  row: number,
): void {
  if (value >= scale.min && value <= scale.max) return;
  throw new AnalyzeInputError(
    'out_of_range',
    `column '${where.column}' of ${where.table.source} has ${value} on line ${where.table.lines[row]}, outside its scale ${scale.min}-${scale.max} (set ${where.option})`,
  );
}
