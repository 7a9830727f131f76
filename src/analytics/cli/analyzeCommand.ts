import { AnalyzeInputError } from './analyzeInputError.ts';
import type { TextFileReader } from './csvFile.ts';
import { readCsvTable, readTextFile } from './csvFile.ts';
import { DRIVERS_USAGE, runDriversCommand } from './driversCommand.ts';
import { NPS_USAGE, runNpsCommand } from './npsCommand.ts';
import { runSegmentsCommand, SEGMENTS_USAGE } from './segmentsCommand.ts';
import type { SubcommandContext } from './subcommandContext.ts';

/** Help text of `rapport analyze`. */
export const ANALYZE_USAGE = `rapport analyze <nps|drivers|segments> --csv FILE [options] [--json]

Analyse a CSV export (header on line 1; ',' or ';' delimited, read from the header; UTF-8, BOM ok).
Blank cells are missing answers. --json prints one JSON object instead of a table.

  ${NPS_USAGE}
      NPS of a 0-10 column: promoters, passives, detractors, n, standard error, 95% interval.

  ${DRIVERS_USAGE}
      Key drivers of the outcome on complete rows: R², each driver's importance and share of R².
      A driver may be a group "name=a+b+c" (LMG only). --bootstrap N adds 95% percentile
      intervals from N resamples of the rows (seeded: --seed, default 1).

  ${SEGMENTS_USAGE}
      Emotionally attached / functionally satisfied / unfulfilled: n, share, NPS, mean
      satisfaction (0-100), retention. Answers are rescaled to 0-100 as 100*(x-min)/(max-min)
      (1-5: 1->0 ... 4->75, 5->100; 0-100 stays); satisfied and attached at >= 75.

Cell options (every subcommand):
  --missing 0,99           codes read as blank in every column (repeatable)
  --missing "COL=0"        codes read as blank in one column
  --map "COL=label:1,*:0"  recode text to numbers (labels case-insensitive; * = any other value)

Exit status: 0 on success, 2 for bad options or input (one message on stderr).`;

/** Where the command writes and how it reads files. */
export interface AnalyzeIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads a file as UTF-8 text; the file system by default. */
  readonly readFile?: TextFileReader;
}

const SUBCOMMANDS = {
  nps: runNpsCommand,
  drivers: runDriversCommand,
  segments: runSegmentsCommand,
} as const satisfies Record<string, (args: readonly string[], context: SubcommandContext) => Promise<void>>;

/**
 * Runs `rapport analyze <subcommand> …` and returns the exit status: 0 after writing the report
 * to stdout; 2 with one line on stderr for bad options or input (missing or non-CSV file, unknown
 * column, non-numeric value, too few rows, constant or collinear drivers, malformed option); 1 for
 * an unexpected failure.
 *
 * @param args the arguments after `analyze`
 * @param io output streams and an optional file reader
 * @returns the exit status
 * @example await runAnalyzeCommand(['nps', '--csv', 'a.csv', '--column', 'r'], { stdout, stderr, readFile: async () => 'r\n10\n9\n3\n' }) // 0 (stdout's last line starts 'NPS 33.3')
 */
export async function runAnalyzeCommand(args: string[], io: AnalyzeIo): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    (name === undefined ? io.stderr : io.stdout)(`${ANALYZE_USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  if (!Object.hasOwn(SUBCOMMANDS, name)) {
    io.stderr(
      `rapport analyze: unknown subcommand '${name}'; use nps, drivers or segments (rapport analyze --help)\n`,
    );
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${ANALYZE_USAGE}\n`);
    return 0;
  }
  const reader = io.readFile ?? readTextFile;
  const context: SubcommandContext = {
    stdout: (text) => io.stdout(`${text}\n`),
    loadTable: (path) => readCsvTable(path, reader),
  };
  try {
    await SUBCOMMANDS[name as keyof typeof SUBCOMMANDS](rest, context);
    return 0;
  } catch (error) {
    if (error instanceof AnalyzeInputError) {
      io.stderr(`rapport analyze ${name}: ${oneLine(error.message)}\n`);
      return 2;
    }
    io.stderr(
      `rapport analyze ${name}: unexpected error: ${oneLine(String(error instanceof Error ? error.message : error))}\n`,
    );
    return 1;
  }
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ');
}
