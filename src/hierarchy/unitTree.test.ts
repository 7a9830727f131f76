import { describe, expect, it } from 'vitest';
import { treeShape, unitChainOf } from './unitTree.ts';

describe('tree file rows', () => {
  it('reads a path column with an optional kind for the last unit', () => {
    const shape = treeShape(['Path', 'Kind']);
    expect(shape).toEqual({ mode: 'path', pathColumn: 0, kindColumn: 1 });
    expect(unitChainOf(shape, { line: 2, cells: [' /Europe/ Italy /Milan/', 'City'] })).toEqual({
      line: 2,
      names: ['Europe', 'Italy', 'Milan'],
      kinds: [null, null, 'city'],
    });
    expect(unitChainOf(shape, { line: 3, cells: ['//', ''] })).toEqual({
      line: 3,
      error: 'The path is empty.',
    });
  });

  it('reads one column per level, the header naming each level’s kind', () => {
    const shape = treeShape(['Region', 'Sales Country', 'City']);
    expect(shape).toEqual({ mode: 'levels', kinds: ['region', 'sales_country', 'city'] });
    expect(unitChainOf(shape, { line: 4, cells: ['Europe', 'Italy', ''] })).toEqual({
      line: 4,
      names: ['Europe', 'Italy'],
      kinds: ['region', 'sales_country'],
    });
  });

  it('refuses a level gap, an empty row and overlong names', () => {
    const shape = treeShape(['Region', 'Country', 'City']);
    expect(unitChainOf(shape, { line: 5, cells: ['Europe', '', 'Milan'] })).toMatchObject({
      line: 5,
      error: expect.stringContaining('Level 2 is empty'),
    });
    expect(unitChainOf(shape, { line: 6, cells: ['', '', ''] })).toMatchObject({
      error: 'Every level is empty.',
    });
    expect(unitChainOf(shape, { line: 7, cells: ['x'.repeat(201)] })).toMatchObject({ line: 7 });
  });
});
