/**
 * A table as the app shows it, read from the page, and written as CSV. Pure except `readTable`,
 * which only reads the DOM.
 */
export type TableCell = string | number | null;
export interface TableData {
  columns: string[];
  rows: TableCell[][];
}

/** Reads header and body cells; a cell with `data-value` gives that number instead of its text. */
export function readTable(table: HTMLTableElement): TableData {
  const cellValue = (cell: Element): TableCell => {
    const raw = cell.getAttribute('data-value');
    if (raw !== null && raw !== '' && Number.isFinite(Number(raw))) return Number(raw);
    return (cell.textContent ?? '').replace(/\s+/g, ' ').trim();
  };
  const headRows = table.tHead?.rows;
  const header = headRows && headRows.length > 0 ? headRows[headRows.length - 1] : null;
  const columns = header ? [...header.cells].map((cell) => String(cellValue(cell))) : [];
  const rows = [...table.tBodies].flatMap((body) =>
    [...body.rows].map((row) => [...row.cells].map(cellValue)),
  );
  return { columns, rows };
}

/**
 * One CSV cell: quoted when needed, and text that a spreadsheet would run as a formula (= + - @,
 * tab, carriage return first) prefixed with an apostrophe, since names come from customers' data.
 */
export function csvCell(cell: TableCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = /^[=+\-@\t\r]/.test(cell) && !/^-?\d+([.,]\d+)?%?$/.test(cell) ? `'${cell}` : cell;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole table as CSV text (CRLF line ends, as RFC 4180 says). */
export function tableCsv(table: TableData): string {
  return [table.columns, ...table.rows].map((row) => row.map(csvCell).join(',')).join('\r\n');
}

/** A file name from a table's name: letters, digits and dashes. */
export function fileStem(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^\w-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase() || 'table'
  );
}
