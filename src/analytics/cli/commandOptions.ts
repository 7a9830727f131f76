import { parseArgs } from 'node:util';
import { AnalyzeInputError } from './analyzeInputError.ts';
import { missingValuesOf } from './missingValues.ts';
import type { CellRules } from './numericColumn.ts';
import { valueMapOf } from './valueMap.ts';

/** How an option takes its value: a string, a flag, or a string that may repeat. */
export type OptionKind = 'string' | 'flag' | 'list';

/** Options every subcommand takes: the file, JSON output, missing codes and recodings. */
export const COMMON_OPTIONS = {
  csv: 'string',
  json: 'flag',
  missing: 'list',
  map: 'list',
} as const satisfies Record<string, OptionKind>;

/** Parsed options of a subcommand. */
export interface CommandOptions {
  /** The value of a string option, or undefined when absent. */
  readonly text: (name: string) => string | undefined;
  /** The value of a string option the subcommand cannot run without. */
  readonly required: (name: string) => string;
  readonly flag: (name: string) => boolean;
  readonly list: (name: string) => readonly string[];
}

/**
 * Parses a subcommand's arguments (`--name value`, `--name=value`, flags; no positionals).
 *
 * @param args the arguments after the subcommand's name
 * @param kinds each accepted option's kind
 * @param usage the subcommand's usage line, appended to messages about a missing option
 * @returns accessors for the values
 * @throws AnalyzeInputError ('usage') for an unknown option, a missing value or a stray argument
 * @example commandOptionsOf(['--csv', 'a.csv', '--json'], COMMON_OPTIONS, '').flag('json') // true
 */
export function commandOptionsOf(
  args: readonly string[],
  kinds: Readonly<Record<string, OptionKind>>,
  usage: string,
): CommandOptions {
  const config = Object.fromEntries(
    Object.entries(kinds).map(([name, kind]) => [
      name,
      kind === 'flag' ? { type: 'boolean' as const } : { type: 'string' as const, multiple: kind === 'list' },
    ]),
  );
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    values = parseArgs({ args: [...args], options: config, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new AnalyzeInputError('usage', `${(error as Error).message.split('\n')[0]}; usage: ${usage}`);
  }
  const text = (name: string) => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  return {
    text,
    required: (name) => {
      const value = text(name);
      if (value === undefined || value.trim() === '') {
        throw new AnalyzeInputError('usage', `--${name} is required; usage: ${usage}`);
      }
      return value;
    },
    flag: (name) => values[name] === true,
    list: (name) => {
      const value = values[name];
      return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
    },
  };
}

/**
 * The cell rules of the common `--missing` and `--map` options.
 *
 * @param options parsed options including COMMON_OPTIONS
 * @returns missing codes and recodings
 * @throws AnalyzeInputError ('malformed_option') for a malformed value
 * @example cellRulesOf(commandOptionsOf(['--missing', '0'], COMMON_OPTIONS, '')).missing.everywhere // ['0']
 */
export function cellRulesOf(options: CommandOptions): CellRules {
  return { missing: missingValuesOf(options.list('missing')), maps: options.list('map').map(valueMapOf) };
}

/**
 * A whole-number option within bounds.
 *
 * @param text the option's value
 * @param option the option's name, for the message
 * @param least the smallest accepted value
 * @param most the largest accepted value
 * @returns the number
 * @throws AnalyzeInputError ('malformed_option') otherwise
 * @example wholeNumberOption('1000', '--bootstrap', 2, 100000) // 1000
 */
export function wholeNumberOption(text: string, option: string, least: number, most: number): number {
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= least && value <= most)) {
    throw new AnalyzeInputError(
      'malformed_option',
      `${option} must be a whole number from ${least} to ${most}, got '${text}'`,
    );
  }
  return value;
}
