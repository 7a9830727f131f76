/** How a column of a text table lines up. */
export type ColumnAlignment = 'left' | 'right';

/**
 * Lays out rows as an aligned plain-text table: columns padded to their widest cell and separated
 * by two spaces, a dashed rule under the header, trailing spaces trimmed.
 *
 * @param header column titles
 * @param rows cells, one array per row, as long as the header
 * @param alignment per column; text left, numbers right (default: first column left, others right)
 * @returns the table, lines joined by '\n' (no final newline)
 * @example formatTextTable(['driver', 'share'], [['price', '60.0%'], ['speed', '40.0%']])
 * // 'driver  share\n------  -----\nprice   60.0%\nspeed   40.0%'
 */
export function formatTextTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  alignment: readonly ColumnAlignment[] = header.map((_, i) => (i === 0 ? 'left' : 'right')),
): string {
  const widths = header.map((title, c) => Math.max(title.length, ...rows.map((row) => row[c].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (alignment[c] === 'right' ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
