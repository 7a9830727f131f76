import type { TableRow } from '../imports/tableReader.ts';

/**
 * How a tree file lays out its units: a `path` column (`Europe/Italy/Milan`, with an optional
 * `kind` column for the last unit), or one column per level whose header names the level's kind
 * (`Region, Country, City`).
 */
export type TreeShape =
  | { mode: 'path'; pathColumn: number; kindColumn: number | null }
  | { mode: 'levels'; kinds: string[] };

/** One row of a tree file: the chain of unit names from the top, and the kind of each. */
export interface UnitChain {
  line: number;
  names: string[];
  kinds: (string | null)[];
}

export const MAX_UNIT_NAME = 200;

const kindOf = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '') || 'team';

export function treeShape(header: string[]): TreeShape {
  const lower = header.map((name) => name.trim().toLowerCase());
  const pathColumn = lower.indexOf('path');
  if (pathColumn !== -1) {
    const kindColumn = lower.indexOf('kind');
    return { mode: 'path', pathColumn, kindColumn: kindColumn === -1 ? null : kindColumn };
  }
  return { mode: 'levels', kinds: header.map(kindOf) };
}

function checkNames(names: string[]): string | null {
  const long = names.find((name) => name.length > MAX_UNIT_NAME);
  return long ? `A unit name is longer than ${MAX_UNIT_NAME} characters.` : null;
}

/** A row as a chain of unit names, or why it cannot be one. */
export function unitChainOf(shape: TreeShape, row: TableRow): UnitChain | { line: number; error: string } {
  const { line, cells } = row;
  if (shape.mode === 'path') {
    const names = (cells[shape.pathColumn] ?? '')
      .split('/')
      .map((name) => name.trim())
      .filter(Boolean);
    if (names.length === 0) return { line, error: 'The path is empty.' };
    const problem = checkNames(names);
    if (problem) return { line, error: problem };
    const kind = shape.kindColumn === null ? '' : (cells[shape.kindColumn] ?? '').trim();
    return {
      line,
      names,
      kinds: names.map((_, i) => (i === names.length - 1 && kind ? kindOf(kind) : null)),
    };
  }
  const values = shape.kinds.map((_, i) => (cells[i] ?? '').trim());
  let depth = values.length;
  while (depth > 0 && values[depth - 1] === '') depth--;
  if (depth === 0) return { line, error: 'Every level is empty.' };
  const gap = values.slice(0, depth).indexOf('');
  if (gap !== -1)
    return {
      line,
      error: `Level ${gap + 1} is empty but a deeper level is filled: a unit needs its parent.`,
    };
  const names = values.slice(0, depth);
  const problem = checkNames(names);
  if (problem) return { line, error: problem };
  return { line, names, kinds: shape.kinds.slice(0, depth) };
}
