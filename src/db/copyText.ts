/** Formatting for COPY's text format (tab-separated, \\N for null), shared by every bulk writer. */
const SIMPLE_TOKEN = /^[A-Za-z0-9_.-]*$/;
const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** COPY's text format: only backslash, tab, newline and carriage return need escaping. */
function escaped(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replaceAll('\\', '\\\\')
    .replaceAll('\t', '\\t')
    .replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r');
}

function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  switch (typeof value) {
    case 'number':
      return String(value);
    case 'boolean':
      return value ? 't' : 'f';
    case 'string':
      return escaped(value);
  }
  if (value instanceof Date) return value.toISOString();
  // Arrays of plain tokens are Postgres array literals (text[] columns); anything else is JSON.
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' && SIMPLE_TOKEN.test(v))) {
    return `{${value.join(',')}}`;
  }
  return escaped(JSON.stringify(value));
}

/** One row as a line of COPY text, newline included. */
export function copyTextLine(columns: readonly string[], row: Record<string, unknown>): string {
  let line = '';
  for (let i = 0; i < columns.length; i++) line += (i ? '\t' : '') + copyField(row[columns[i]]);
  return `${line}\n`;
}
