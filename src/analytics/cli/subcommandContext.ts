import type { CsvTable } from './csvTable.ts';

/** What a subcommand may do besides computing: write its report and load the CSV it names. */
export interface SubcommandContext {
  readonly stdout: (text: string) => void;
  readonly loadTable: (path: string) => Promise<CsvTable>;
}
