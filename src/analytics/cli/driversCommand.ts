import type { BootstrapInterval, PredictorSpec } from '../../domain/drivers/index.ts';
import {
  bootstrapImportance,
  cellsFromRows,
  crossProductsOf,
  DriverInputError,
  lmg,
  MAX_LMG_PREDICTORS,
  relativeWeights,
} from '../../domain/drivers/index.ts';
import type { AnalyzeProblem } from './analyzeInputError.ts';
import { AnalyzeInputError } from './analyzeInputError.ts';
import { assertColumnsExist } from './columnIndex.ts';
import { COMMON_OPTIONS, cellRulesOf, commandOptionsOf, wholeNumberOption } from './commandOptions.ts';
import type { CsvTable } from './csvTable.ts';
import type { DriverList } from './driverList.ts';
import { driverListOf, predictorSpecOf } from './driverList.ts';
import { figureText, intervalText, percentText } from './figureText.ts';
import type { CellRules } from './numericColumn.ts';
import { assertRuleColumns, numericColumn } from './numericColumn.ts';
import type { SubcommandContext } from './subcommandContext.ts';
import { formatTextTable } from './textTable.ts';

export const DRIVERS_USAGE =
  'rapport analyze drivers --csv FILE --outcome COL --drivers A,B,C [--method lmg|relative-weights] [--bootstrap N] [--seed S] [--missing CODES] [--map COL=label:1,*:0] [--json]';

/** Importance measures the command offers. */
export const DRIVER_METHODS = ['lmg', 'relative-weights'] as const;
export type DriverMethod = (typeof DRIVER_METHODS)[number];

/** Seed of the bootstrap when `--seed` is not given, so a rerun gives the same intervals. */
export const DEFAULT_BOOTSTRAP_SEED = 1;

/** What the analyst asked `rapport analyze drivers` for. */
export interface DriversRequest {
  readonly outcome: string;
  readonly drivers: DriverList;
  readonly method: DriverMethod;
  /** Resamples and seed of the row bootstrap, if intervals are wanted. */
  readonly bootstrap?: { readonly replicates: number; readonly seed: number };
  readonly rules: CellRules;
}

/** One driver's importance. */
export interface DriverFigure {
  /** The column, or the group's name. */
  readonly name: string;
  readonly columns: readonly string[];
  /** Raw importance: the driver's part of R² (they sum to R²). */
  readonly importance: number;
  /** importance / R² (they sum to 1). */
  readonly share: number;
  /** 1 = most important. */
  readonly rank: number;
  /** Relative weights only: direction of the driver's association with the outcome. */
  readonly sign?: '+' | '-' | '0';
  /** Bootstrap percentile intervals, when asked. */
  readonly importanceInterval?: { readonly lower: number; readonly upper: number };
  readonly shareInterval?: { readonly lower: number; readonly upper: number };
}

/** The result of `rapport analyze drivers`. */
export interface DriversReport {
  readonly command: 'drivers';
  readonly file: string;
  readonly outcome: string;
  readonly method: DriverMethod;
  /** Data rows in the file. */
  readonly rows: number;
  /** Complete rows used (outcome and every driver answered). */
  readonly n: number;
  /** Rows left out for a missing value. */
  readonly dropped: number;
  readonly rSquared: number;
  /** In the order of `--drivers`. */
  readonly drivers: readonly DriverFigure[];
  readonly bootstrap?: {
    /** Each complete row is a cell: the classic respondent bootstrap. */
    readonly resampling: 'rows';
    readonly seed: number;
    readonly confidence: number;
    /** Resamples that produced an estimate. */
    readonly replicates: number;
    /** Resamples skipped because a driver was constant or collinear in them. */
    readonly failedReplicates: number;
    readonly rSquared: { readonly lower: number; readonly upper: number };
  };
}

/**
 * Key-driver analysis of a CSV: the importance of each driver (column or group) for the outcome,
 * as LMG (the Shapley decomposition of R², averaging each driver's R² increase over all orders of
 * entry) or Johnson's relative weights (one eigen-decomposition; columns only), on the complete
 * rows. With a bootstrap, each complete row is resampled as a cell with the given seed and the
 * 95 % percentile intervals are reported.
 *
 * @param table the parsed CSV
 * @param request outcome, drivers, method, bootstrap and cell rules
 * @returns R², n and per-driver importance and share
 * @throws AnalyzeInputError for unknown columns, non-numeric values, groups with relative weights,
 *   too many drivers for LMG, too few complete rows, a constant column or collinear drivers
 * @example
 * const table = { source: 'x.csv', delimiter: ',', columns: ['y', 'x'], rows: [['1', '1'], ['2', '3'], ['4', '4']], lines: [2, 3, 4] };
 * driversReportOf(table, { outcome: 'y', drivers: driverListOf('x'), method: 'lmg', rules: PLAIN_CELLS }).rSquared // 0.8622448979591831
 */
export function driversReportOf(table: CsvTable, request: DriversRequest): DriversReport {
  const { outcome, drivers, method } = request;
  assertRequestFits(request);
  const variables = [outcome, ...drivers.columns];
  assertColumnsExist(table, variables);
  assertRuleColumns(table, request.rules);
  const columns = variables.map((name) => numericColumn(table, name, request.rules));
  const complete = table.rows.flatMap((_, r) => {
    const row = columns.map((values) => values[r]);
    return row.every((value) => value !== null) ? [row as number[]] : [];
  });
  const p = drivers.columns.length;
  if (complete.length <= p + 1) {
    throw new AnalyzeInputError(
      'too_few_rows',
      `too few complete rows in ${table.source}: ${p} driver column${p === 1 ? ' needs' : 's need'} more than ${p + 1} rows with '${outcome}' and every driver answered, found ${complete.length} of ${table.rows.length}`,
    );
  }
  const spec = predictorSpecOf(drivers);
  const point = withDriverErrors(() =>
    importancesOf(crossProductsOf(variables, complete), outcome, spec, method),
  );
  const { bootstrap } = request;
  const intervals =
    bootstrap === undefined
      ? undefined
      : withDriverErrors(() =>
          bootstrapImportance(cellsFromRows(variables, complete), {
            outcome,
            predictors: spec,
            seed: bootstrap.seed,
            replicates: bootstrap.replicates,
            method: method === 'lmg' ? 'lmg' : 'relative_weights',
          }),
        );
  const order = [...point.importances.keys()].sort((a, b) => point.importances[b] - point.importances[a]);
  const interval = ({ lower, upper }: BootstrapInterval) => ({ lower, upper });
  return {
    command: 'drivers',
    file: table.source,
    outcome,
    method,
    rows: table.rows.length,
    n: complete.length,
    dropped: table.rows.length - complete.length,
    rSquared: point.rSquared,
    drivers: drivers.players.map((player, j) => ({
      name: player.name,
      columns: player.members,
      importance: point.importances[j],
      share: point.importances[j] / point.rSquared,
      rank: order.indexOf(j) + 1,
      ...(point.signs === undefined ? {} : { sign: point.signs[j] }),
      ...(intervals === undefined
        ? {}
        : {
            importanceInterval: interval(intervals.players[j].importance),
            shareInterval: interval(intervals.players[j].share),
          }),
    })),
    ...(intervals === undefined || bootstrap === undefined
      ? {}
      : {
          bootstrap: {
            resampling: 'rows' as const,
            seed: bootstrap.seed,
            confidence: intervals.confidence,
            replicates: intervals.replicates,
            failedReplicates: intervals.failedReplicates,
            rSquared: interval(intervals.rSquared),
          },
        }),
  };
}

/**
 * The drivers report as plain text: what was analysed, then the drivers from most to least
 * important.
 *
 * @param report the report
 * @returns the text (no final newline)
 * @example formatDriversReport(report).split('\n')[1] // with the report of `driversReportOf`'s example: 'n = 3 complete rows of 3 (0 dropped for a missing value); R² = 0.8622'
 */
export function formatDriversReport(report: DriversReport): string {
  const methodName =
    report.method === 'lmg' ? 'LMG (Shapley decomposition of R²)' : "Johnson's relative weights";
  const withIntervals = report.bootstrap !== undefined;
  const withSign = report.method === 'relative-weights';
  const header = [
    'driver',
    'importance',
    'share',
    ...(withSign ? ['sign'] : []),
    ...(withIntervals ? ['importance 95% CI', 'share 95% CI'] : []),
  ];
  const sorted = [...report.drivers].sort((a, b) => a.rank - b.rank);
  const rows = sorted.map((driver) => [
    driver.columns.length === 1 && driver.columns[0] === driver.name
      ? driver.name
      : `${driver.name} (${driver.columns.join(' + ')})`,
    figureText(driver.importance, 4),
    percentText(driver.share),
    ...(withSign ? [driver.sign ?? ''] : []),
    ...(driver.importanceInterval && driver.shareInterval
      ? [
          intervalText(driver.importanceInterval.lower, driver.importanceInterval.upper, 4),
          `[${percentText(driver.shareInterval.lower)}, ${percentText(driver.shareInterval.upper)}]`,
        ]
      : []),
  ]);
  const lines = [
    `Key drivers of '${report.outcome}' in ${report.file}: ${methodName}`,
    `n = ${report.n} complete rows of ${report.rows} (${report.dropped} dropped for a missing value); R² = ${figureText(report.rSquared, 4)}`,
    '',
    formatTextTable(header, rows),
  ];
  const { bootstrap } = report;
  if (bootstrap !== undefined) {
    lines.push(
      '',
      `Bootstrap: ${bootstrap.replicates} resamples of the complete rows, seed ${bootstrap.seed}` +
        `${bootstrap.failedReplicates > 0 ? ` (${bootstrap.failedReplicates} more could not be analysed)` : ''}` +
        `; R² ${Math.round(bootstrap.confidence * 100)}% interval ${intervalText(bootstrap.rSquared.lower, bootstrap.rSquared.upper, 4)}`,
    );
  }
  return lines.join('\n');
}

/**
 * `rapport analyze drivers`: reads the options and the file, computes the report and writes it as
 * text or JSON.
 *
 * @param args the arguments after `drivers`
 * @param context output and file loading
 * @throws AnalyzeInputError for bad options or input
 * @example await runDriversCommand(['--csv', 'mtcars.csv', '--outcome', 'mpg', '--drivers', 'am,vs,cyl'], context) // resolves after context.stdout received the report
 */
export async function runDriversCommand(args: readonly string[], context: SubcommandContext): Promise<void> {
  const options = commandOptionsOf(
    args,
    {
      ...COMMON_OPTIONS,
      outcome: 'string',
      drivers: 'string',
      method: 'string',
      bootstrap: 'string',
      seed: 'string',
    },
    DRIVERS_USAGE,
  );
  const csv = options.required('csv');
  const outcome = options.required('outcome').trim();
  const drivers = driverListOf(options.required('drivers'));
  const method = methodOf(options.text('method') ?? 'lmg');
  const replicatesText = options.text('bootstrap');
  const seedText = options.text('seed');
  if (replicatesText === undefined && seedText !== undefined) {
    throw new AnalyzeInputError('usage', '--seed only applies with --bootstrap N');
  }
  const bootstrap =
    replicatesText === undefined
      ? undefined
      : {
          replicates: wholeNumberOption(replicatesText, '--bootstrap', 2, 100_000),
          seed:
            seedText === undefined
              ? DEFAULT_BOOTSTRAP_SEED
              : wholeNumberOption(seedText, '--seed', 0, 2 ** 32 - 1),
        };
  const request: DriversRequest = {
    outcome,
    drivers,
    method,
    rules: cellRulesOf(options),
    ...(bootstrap === undefined ? {} : { bootstrap }),
  };
  const report = driversReportOf(await context.loadTable(csv), request);
  context.stdout(options.flag('json') ? JSON.stringify(report, null, 2) : formatDriversReport(report));
}

function methodOf(text: string): DriverMethod {
  const method = DRIVER_METHODS.find((candidate) => candidate === text);
  if (method === undefined) {
    throw new AnalyzeInputError(
      'malformed_option',
      `--method must be ${DRIVER_METHODS.join(' or ')}, got '${text}'`,
    );
  }
  return method;
}

function assertRequestFits({ outcome, drivers, method }: DriversRequest): void {
  if (method === 'relative-weights' && drivers.grouped) {
    throw new AnalyzeInputError(
      'malformed_drivers',
      'groups (name=a+b) work only with --method lmg: relative weights give one weight per column, so list the columns one by one or use --method lmg',
    );
  }
  if (method === 'lmg' && drivers.columns.length > MAX_LMG_PREDICTORS) {
    throw new AnalyzeInputError(
      'malformed_drivers',
      `LMG is exact over every subset of drivers and takes at most ${MAX_LMG_PREDICTORS} columns, got ${drivers.columns.length}: use --method relative-weights`,
    );
  }
  if (drivers.columns.includes(outcome)) {
    throw new AnalyzeInputError(
      'malformed_drivers',
      `'${outcome}' is the outcome and cannot also be a driver`,
    );
  }
}

interface PointImportances {
  readonly rSquared: number;
  readonly importances: readonly number[];
  readonly signs?: readonly ('+' | '-' | '0')[];
}

function importancesOf(
  cp: ReturnType<typeof crossProductsOf>,
  outcome: string,
  spec: PredictorSpec,
  method: DriverMethod,
): PointImportances {
  if (method === 'lmg') {
    const result = lmg(cp, outcome, spec);
    return { rSquared: result.rSquared, importances: result.players.map((player) => player.importance) };
  }
  const result = relativeWeights(cp, outcome, spec as readonly string[]);
  return {
    rSquared: result.rSquared,
    importances: result.weights.map((weight) => weight.rawWeight),
    signs: result.weights.map((weight) => weight.sign),
  };
}

const PROBLEM_OF: Readonly<Record<DriverInputError['problem'], AnalyzeProblem>> = {
  unknown_variable: 'unknown_column',
  invalid_specification: 'malformed_drivers',
  too_few_rows: 'too_few_rows',
  constant_column: 'constant_column',
  collinear_predictors: 'collinear_predictors',
  mismatched_variables: 'malformed_drivers',
};

/** Runs the domain's analysis, turning its input errors into the command's one-line messages. */
function withDriverErrors<T>(analysis: () => T): T {
  try {
    return analysis();
  } catch (error) {
    if (error instanceof DriverInputError) {
      throw new AnalyzeInputError(
        PROBLEM_OF[error.problem],
        `cannot run the driver analysis: ${error.message}`,
      );
    }
    if (error instanceof RangeError && /bootstrap/.test(error.message)) {
      throw new AnalyzeInputError('too_few_rows', `cannot bootstrap the driver analysis: ${error.message}`);
    }
    throw error;
  }
}
