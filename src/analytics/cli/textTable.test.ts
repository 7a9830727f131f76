import { describe, expect, it } from 'vitest';
import { formatTextTable } from './textTable.ts';

describe('formatTextTable', () => {
  it('pads columns to their widest cell, text left and numbers right', () => {
    expect(
      formatTextTable(
        ['driver', 'share'],
        [
          ['price', '60.0%'],
          ['speed', '4.0%'],
        ],
      ),
    ).toBe('driver  share\n------  -----\nprice   60.0%\nspeed    4.0%');
  });

  it('takes explicit alignments and trims trailing spaces', () => {
    expect(formatTextTable(['a', 'b'], [['1', '']], ['right', 'left'])).toBe('a  b\n-  -\n1');
  });
});
