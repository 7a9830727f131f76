import { categoryCountsOf, npsFromCounts } from '../../domain/statistics/index.ts';
import { AnalyzeInputError } from './analyzeInputError.ts';
import { COMMON_OPTIONS, cellRulesOf, commandOptionsOf } from './commandOptions.ts';
import type { CsvTable } from './csvTable.ts';
import { figureText, intervalText, percentText } from './figureText.ts';
import { npsAnswersOf } from './npsAnswers.ts';
import type { CellRules } from './numericColumn.ts';
import { assertRuleColumns } from './numericColumn.ts';
import type { SubcommandContext } from './subcommandContext.ts';
import { formatTextTable } from './textTable.ts';

export const NPS_USAGE = 'rapport analyze nps --csv FILE --column COL [--missing CODES] [--json]';

/** A count and its share of the answers. */
export interface CategoryFigure {
  readonly count: number;
  readonly share: number;
}

/** The result of `rapport analyze nps`. */
export interface NpsReport {
  readonly command: 'nps';
  readonly file: string;
  readonly column: string;
  /** Data rows in the file. */
  readonly rows: number;
  /** Rows without an answer (blank or a --missing code). */
  readonly missing: number;
  /** Answers the score is computed on. */
  readonly n: number;
  readonly promoters: CategoryFigure;
  readonly passives: CategoryFigure;
  readonly detractors: CategoryFigure;
  /** NPS on −100…100. */
  readonly nps: number;
  readonly standardError: number;
  readonly confidence: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * NPS of one 0–10 column: 100 · (promoters − detractors) / n, its standard error
 * 100 · √(((p + d) − (p − d)²) / n) and the 95 % Wald interval (see `npsFromCounts`).
 *
 * @param table the parsed CSV
 * @param column the likelihood-to-recommend column (whole numbers 0–10; blanks are skipped)
 * @param rules missing codes and recodings
 * @returns the report
 * @throws AnalyzeInputError for an unknown column, a non-numeric or out-of-scale answer (with its
 *   line), or a column without answers
 * @example npsReportOf({ source: 'x.csv', delimiter: ',', columns: ['r'], rows: [['10'], ['9'], ['7'], ['3']], lines: [2, 3, 4, 5] }, 'r', PLAIN_CELLS).nps // 25
 */
export function npsReportOf(table: CsvTable, column: string, rules: CellRules): NpsReport {
  assertRuleColumns(table, rules);
  const answers = npsAnswersOf(table, column, rules).filter((value) => value !== null);
  if (answers.length === 0) {
    throw new AnalyzeInputError(
      'too_few_rows',
      `column '${column}' of ${table.source} has no answers (${table.rows.length} data rows, all blank)`,
    );
  }
  const counts = categoryCountsOf(answers);
  const result = npsFromCounts(counts);
  const figure = (count: number) => ({ count, share: count / result.n });
  return {
    command: 'nps',
    file: table.source,
    column,
    rows: table.rows.length,
    missing: table.rows.length - result.n,
    n: result.n,
    promoters: figure(counts.promoters),
    passives: figure(counts.passives),
    detractors: figure(counts.detractors),
    nps: result.score,
    standardError: result.standardError,
    confidence: result.confidence,
    lower: result.lower,
    upper: result.upper,
  };
}

/**
 * The NPS report as plain text: a header line, the category table and the score line.
 *
 * @param report the report
 * @returns the text (no final newline)
 * @example formatNpsReport(report).split('\n')[0] // with the report of `npsReportOf`'s example: "NPS of 'r' in x.csv: n = 4 answers (0 missing of 4 rows)"
 */
export function formatNpsReport(report: NpsReport): string {
  const level = Math.round(report.confidence * 100);
  const table = formatTextTable(
    ['category', 'count', 'share'],
    [
      ['promoters (9-10)', String(report.promoters.count), percentText(report.promoters.share)],
      ['passives (7-8)', String(report.passives.count), percentText(report.passives.share)],
      ['detractors (0-6)', String(report.detractors.count), percentText(report.detractors.share)],
    ],
  );
  return [
    `NPS of '${report.column}' in ${report.file}: n = ${report.n} answers (${report.missing} missing of ${report.rows} rows)`,
    '',
    table,
    '',
    `NPS ${figureText(report.nps, 1)}  standard error ${figureText(report.standardError, 1)}  ${level}% interval ${intervalText(report.lower, report.upper, 1)}`,
  ].join('\n');
}

/**
 * `rapport analyze nps`: reads the file, computes the report and writes it as text or JSON.
 *
 * @param args the arguments after `nps`
 * @param context output and file loading
 * @throws AnalyzeInputError for bad options or input
 * @example await runNpsCommand(['--csv', 'x.csv', '--column', 'r'], context) // resolves after context.stdout received the report
 */
export async function runNpsCommand(args: readonly string[], context: SubcommandContext): Promise<void> {
  const options = commandOptionsOf(args, { ...COMMON_OPTIONS, column: 'string' }, NPS_USAGE);
  const csv = options.required('csv');
  const column = options.required('column');
  const rules = cellRulesOf(options);
  const report = npsReportOf(await context.loadTable(csv), column, rules);
  context.stdout(options.flag('json') ? JSON.stringify(report, null, 2) : formatNpsReport(report));
}
