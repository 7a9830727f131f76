import type { Player, PredictorSpec } from '../../domain/drivers/index.ts';
import { AnalyzeInputError } from './analyzeInputError.ts';

/** The drivers of `--drivers`: each a column, or a named group of columns acting as one driver. */
export interface DriverList {
  readonly players: readonly Player[];
  /** Whether any driver is a group (`name=a+b`). */
  readonly grouped: boolean;
  /** Every column used, in order. */
  readonly columns: readonly string[];
}

const FORM = 'write --drivers "A,B,C", or groups as --drivers "name=a+b+c,D"';

/**
 * Reads `--drivers`: a comma-separated list whose items are a column (`Seat Comfort`) or a group
 * `name=a+b+c` whose columns act as one driver (LMG only). Names are trimmed; a column name cannot
 * contain `,` or `+`.
 *
 * @param text the option's value
 * @returns the drivers
 * @throws AnalyzeInputError ('malformed_drivers') for an empty item, an unnamed or empty group, a
 *   `+` outside a group, or a driver or column listed twice
 * @example driverListOf('service=staff+speed,price').players // [{ name: 'service', members: ['staff', 'speed'] }, { name: 'price', members: ['price'] }]
 */
export function driverListOf(text: string): DriverList {
  const malformed = (why: string) =>
    new AnalyzeInputError('malformed_drivers', `--drivers '${text}' is malformed: ${why}; ${FORM}`);
  const items = text.split(',').map((item) => item.trim());
  if (items.every((item) => item === '')) throw malformed('no drivers listed');
  const players: Player[] = items.map((item, i) => {
    if (item === '') throw malformed(`item ${i + 1} is empty`);
    const parts = item.split('=');
    if (parts.length > 2) throw malformed(`'${item}' has more than one '='`);
    if (parts.length === 1) {
      if (item.includes('+')) throw malformed(`'${item}' joins columns with '+' but has no group name`);
      return { name: item, members: [item] };
    }
    const name = parts[0].trim();
    const members = parts[1].split('+').map((member) => member.trim());
    if (name === '') throw malformed(`group '${item}' has no name before '='`);
    if (members.some((member) => member === '')) throw malformed(`group '${name}' has an empty column`);
    return { name, members };
  });
  const names = players.map((player) => player.name);
  const repeatedName = names.find((name, i) => names.indexOf(name) !== i);
  if (repeatedName !== undefined) throw malformed(`driver '${repeatedName}' is listed twice`);
  const columns = players.flatMap((player) => [...player.members]);
  const repeatedColumn = columns.find((name, i) => columns.indexOf(name) !== i);
  if (repeatedColumn !== undefined) throw malformed(`column '${repeatedColumn}' is used twice`);
  return { players, grouped: items.some((item) => item.includes('=')), columns };
}

/**
 * The domain's predictor specification of a driver list: a plain list of columns without groups,
 * a record of groups (single columns as groups of one) otherwise.
 *
 * @param list the drivers
 * @returns the specification for `lmg` / `bootstrapImportance`
 * @example predictorSpecOf(driverListOf('a,b')) // ['a', 'b']
 */
export function predictorSpecOf(list: DriverList): PredictorSpec {
  if (!list.grouped) return [...list.columns];
  return Object.fromEntries(list.players.map((player) => [player.name, [...player.members]]));
}
