import { describe, expect, it } from 'vitest';
import { answerScaleOf, pointsOnScale } from './answerScale.ts';
import type { CsvTable } from './csvTable.ts';

const table: CsvTable = { source: 'x.csv', delimiter: ',', columns: ['s'], rows: [], lines: [2, 3, 4] };

describe('answerScaleOf / pointsOnScale', () => {
  it('reads MIN-MAX', () => {
    expect(answerScaleOf('1-5', '--s')).toEqual({ min: 1, max: 5 });
    expect(answerScaleOf(' 0 - 100 ', '--s')).toEqual({ min: 0, max: 100 });
    for (const text of ['5', '5-1', '1-1', 'a-b', '-1-5'])
      expect(() => answerScaleOf(text, '--s'), text).toThrow(/is not a scale/);
  });

  it('rescales 1-5 to 0, 25, …, 100 and keeps 0-100 as it is', () => {
    const where = { table, column: 's', option: '--s' };
    expect(pointsOnScale([1, 2, 3, 4, 5, null], { min: 1, max: 5 }, where)).toEqual([
      0,
      25,
      50,
      75,
      100,
      null,
    ]);
    expect(pointsOnScale([0, 74, 100], { min: 0, max: 100 }, where)).toEqual([0, 74, 100]);
    expect(() => pointsOnScale([3, null, 0], { min: 1, max: 5 }, where)).toThrow(
      "column 's' of x.csv has 0 on line 4, outside its scale 1-5 (set --s)",
    );
  });
});
