import { describe, expect, it } from 'vitest';
import { AnalyzeInputError } from './analyzeInputError.ts';
import { detectDelimiter, parseCsvTable } from './csvTable.ts';

function problemOf(text: string): string {
  try {
    parseCsvTable(text, 'f.csv');
  } catch (error) {
    if (error instanceof AnalyzeInputError) return `${error.problem}: ${error.message}`;
    throw error;
  }
  return 'parsed';
}

describe('detectDelimiter', () => {
  it('picks the separator that occurs most outside quotes', () => {
    expect(detectDelimiter('name;"score, 0-10";segment')).toBe(';');
    expect(detectDelimiter('a,b;c,d')).toBe(',');
    expect(detectDelimiter('"a;b;c",d')).toBe(',');
    expect(detectDelimiter('single')).toBe(',');
  });
});

describe('parseCsvTable', () => {
  it('strips a BOM, trims header names and keeps cells as text', () => {
    const table = parseCsvTable('\uFEFFa; b \n1;2\n', 'x.csv');
    expect(table).toEqual({
      source: 'x.csv',
      delimiter: ';',
      columns: ['a', 'b'],
      rows: [['1', '2']],
      lines: [2],
    });
  });

  it('numbers each row by the file line it starts on, across quoted line breaks, CRLF and blank lines', () => {
    const table = parseCsvTable('id,text\r\n1,"one\r\ntwo\r\nthree"\r\n\r\n2,x\r\n3,"y"\r\n', 'x.csv');
    expect(table.rows.map((row) => row[0])).toEqual(['1', '2', '3']);
    expect(table.lines).toEqual([2, 6, 7]);
    // Offsets are bytes: multi-byte characters before a line break must not shift the count.
    expect(parseCsvTable('id,text\n1,"é\nü"\n2,ß\n\n\n3,z', 'x.csv').lines).toEqual([2, 4, 7]);
  });

  it('keeps a stray quote inside unquoted text', () => {
    expect(parseCsvTable('id,screen\n1,a 5" screen\n', 'x.csv').rows).toEqual([['1', 'a 5" screen']]);
  });

  it('says what a non-CSV file looks like', () => {
    expect(problemOf('')).toBe('not_csv: f.csv is empty');
    expect(problemOf('\uFEFF \n\n')).toBe('not_csv: f.csv is empty');
    expect(problemOf('  <?xml version="1.0"?><a/>')).toMatch(/^not_csv: f.csv looks like HTML or XML/);
    expect(problemOf('[1, 2]')).toBe('not_csv: f.csv is JSON, not CSV');
    expect(problemOf('a\u0000b\n')).toBe('not_csv: f.csv is a binary file, not CSV');
    expect(problemOf('a,b\n1,"2\n')).toMatch(/^not_csv: .*a quoted field is never closed/);
    // A header that merely starts with '[' is still CSV.
    expect(problemOf('[id],score\n1,2\n')).toBe('parsed');
  });
});
