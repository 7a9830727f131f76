import { describe, expect, it } from 'vitest';
import { FileProblem } from './fileProblem.ts';
import { openTable, type TableFormat } from './tableReader.ts';
import { chunked, xlsxOf } from './testFiles.ts';

async function read(bytes: Buffer | string, format: TableFormat = 'csv', chunk = 7) {
  const table = await openTable(chunked(bytes, chunk), format);
  const rows = [];
  for await (const row of table.rows) rows.push(row);
  return { header: table.header, rows };
}

async function problemOf(bytes: Buffer | string, format: TableFormat = 'csv') {
  try {
    await read(bytes, format);
  } catch (error) {
    if (error instanceof FileProblem) return { line: error.line, message: error.message };
    throw error;
  }
  throw new Error('expected a FileProblem');
}

describe('reading CSV', () => {
  it('reads rows with their line numbers, across quoted line breaks and blank lines', async () => {
    const { header, rows } = await read('name,note\r\nAcme,"two\nlines"\n\nBeta,"a ""quote"""\n');
    expect(header).toEqual(['name', 'note']);
    expect(rows).toEqual([
      { line: 2, cells: ['Acme', 'two\nlines'] },
      { line: 5, cells: ['Beta', 'a "quote"'] },
    ]);
  });

  it('drops a byte-order mark and finds semicolon and tab delimiters', async () => {
    expect((await read('\ufeffname;city\nRossi;Milano, centro\n')).rows[0].cells).toEqual([
      'Rossi',
      'Milano, centro',
    ]);
    expect((await read('name\tcity\nA\tB\n')).header).toEqual(['name', 'city']);
  });

  it('keeps multi-byte characters split across chunks', async () => {
    const { rows } = await read('name\nZoë Ångström 日本\n', 'csv', 1);
    expect(rows[0].cells[0]).toBe('Zoë Ångström 日本');
  });

  it('names the first line that is not UTF-8', async () => {
    const latin1 = Buffer.concat([
      Buffer.from('name\nok\nok\n'),
      Buffer.from([0x5a, 0x6f, 0xeb]),
      Buffer.from('\nok\n'),
    ]);
    expect(await problemOf(latin1)).toMatchObject({
      line: 4,
      message: expect.stringContaining('not valid UTF-8'),
    });
  });

  it('refuses ragged rows by line', async () => {
    expect(await problemOf('a,b,c\n1,2,3\n4,5\n')).toMatchObject({
      line: 3,
      message: expect.stringContaining('ragged'),
    });
    expect(await problemOf('a,b\n1,2\n3,4,5\n')).toMatchObject({ line: 3 });
  });

  it('accepts trailing empty cells beyond the header', async () => {
    expect((await read('a,b,,\n1,2,,\n')).rows[0].cells).toEqual(['1', '2']);
  });

  it('refuses a file without a header row', async () => {
    expect(await problemOf('anna@example.com,Anna\nbo@example.com,Bo\n')).toMatchObject({
      line: 1,
      message: expect.stringContaining('header row is missing'),
    });
    expect(await problemOf('')).toMatchObject({ line: 1, message: expect.stringContaining('empty') });
    expect(await problemOf('name,,city\n')).toMatchObject({ line: 1 });
    expect(await problemOf('Name,name\n')).toMatchObject({
      line: 1,
      message: expect.stringContaining('twice'),
    });
  });

  it('refuses HTML, UTF-16, binary data and zip archives served as CSV', async () => {
    expect(await problemOf('<!DOCTYPE html>\n<html><body>Sign in</body></html>\n')).toMatchObject({
      line: 1,
      message: expect.stringContaining('HTML'),
    });
    expect((await problemOf(Buffer.from('\ufeffname\n', 'utf16le'))).message).toContain('UTF-16');
    expect((await problemOf(await xlsxOf([['name'], ['x']]))).message).toContain('zip');
  });

  it('names the line of an unclosed quote', async () => {
    expect(await problemOf('a,b\n1,2\n3,"open\n4,5\n')).toMatchObject({
      message: expect.stringContaining('never closed'),
    });
  });
});

describe('reading XLSX', () => {
  it('reads the first sheet with row numbers, dates and numbers as text', async () => {
    const bytes = await xlsxOf([
      ['Email', 'Renewal', 'Value'],
      ['a@x.test', new Date(Date.UTC(2025, 5, 30)), 1200.5],
      [],
      ['b@x.test', null, 3],
    ]);
    const { header, rows } = await read(bytes, 'xlsx', 100);
    expect(header).toEqual(['Email', 'Renewal', 'Value']);
    expect(rows).toEqual([
      { line: 2, cells: ['a@x.test', '2025-06-30', '1200.5'] },
      { line: 4, cells: ['b@x.test', '', '3'] },
    ]);
  });

  it('refuses a file that is not a zip, HTML named .xlsx, a damaged workbook and values beyond the header', async () => {
    expect((await problemOf('name\nx\n', 'xlsx')).message).toContain('not a zip');
    expect((await problemOf('<html><table></table></html>', 'xlsx')).message).toContain('HTML');
    const good = await xlsxOf([['name'], ['x']]);
    expect((await problemOf(good.subarray(0, good.length - 40), 'xlsx')).message).toContain('cannot be read');
    expect(await problemOf(await xlsxOf([['name'], ['x', 'surplus']]), 'xlsx')).toMatchObject({ line: 2 });
  });
});
