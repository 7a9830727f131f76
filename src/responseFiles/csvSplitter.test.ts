import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvSplitter, CsvSyntaxError } from './csvSplitter.ts';
import { csvField } from './exportColumns.ts';

function splitAll(text: string, cuts: number[]) {
  const splitter = new CsvSplitter();
  const records = [];
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    records.push(...splitter.push(text.slice(at, cut)));
    at = cut;
  }
  records.push(...splitter.push(text.slice(at), true));
  return records;
}

describe('CsvSplitter', () => {
  it('reads back any table written as CSV, however the text is cut into pieces', () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', 'é'),
      maxLength: 6,
    });
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((width) =>
            fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 6 }),
          ),
        fc.array(fc.nat(), { maxLength: 5 }),
        fc.boolean(),
        (rows, cuts, crlf) => {
          // A row that is one empty field would be a blank line, which readers skip.
          const table = rows.filter((row) => !(row.length === 1 && row[0] === ''));
          const text = table
            .map((row) => row.map((c) => (c === '' ? '' : `"${c.replaceAll('"', '""')}"`)).join(','))
            .join(crlf ? '\r\n' : '\n');
          const records = splitAll(
            text,
            cuts.map((c) => c % (text.length + 1)),
          );
          expect(records.map((r) => r.fields)).toEqual(table);
        },
      ),
    );
  });

  it('numbers records by the line they start on, counting line breaks inside quotes and blank lines', () => {
    const records = splitAll('a,b\n"x\ny",2\n\n3,4\r\n', [5]);
    expect(records).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['x\ny', '2'], line: 2 },
      { fields: ['3', '4'], line: 5 },
    ]);
    expect(csvField('say "hi", ok')).toBe('"say ""hi"", ok"');
  });

  it('names the line of an unclosed or stray quote', () => {
    expect(() => splitAll('a,b\n1,2\n"open,3\n4,5\n', [])).toThrow(
      new CsvSyntaxError(3, 'a quoted field is never closed'),
    );
    const stray = () => splitAll('a,b\n"x"y,2\n', []);
    expect(stray).toThrow(CsvSyntaxError);
    try {
      stray();
    } catch (error) {
      expect((error as CsvSyntaxError).line).toBe(2);
    }
  });
});
