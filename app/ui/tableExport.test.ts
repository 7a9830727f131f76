import { describe, expect, it } from 'vitest';
import { csvCell, fileStem, tableCsv } from './tableExport.ts';

describe('table CSV', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(12.5)).toBe('12.5');
  });

  it('defuses text a spreadsheet would run as a formula, but keeps negative numbers', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('+1 555')).toBe("'+1 555");
    expect(csvCell('-12')).toBe('-12');
    expect(csvCell('-3,5%')).toBe('"-3,5%"');
  });

  it('writes the header and rows with CRLF', () => {
    expect(
      tableCsv({
        columns: ['Account', 'NPS'],
        rows: [
          ['Acme, Inc.', 40],
          ['<b>x</b>', null],
        ],
      }),
    ).toBe('Account,NPS\r\n"Acme, Inc.",40\r\n<b>x</b>,');
  });

  it('makes safe file names', () => {
    expect(fileStem('Drivers of NPS')).toBe('drivers-of-nps');
    expect(fileStem('Forza è ../x')).toBe('forza-e-x');
    expect(fileStem('***')).toBe('table');
  });
});
