import { describe, expect, it } from 'vitest';
import { isMissingCell, missingValuesOf } from './missingValues.ts';

describe('missingValuesOf / isMissingCell', () => {
  const missing = missingValuesOf(['0,99', 'nps=-1', 'nps=N/A']);

  it('reads codes for every column and for one column', () => {
    expect(missing).toEqual({ everywhere: ['0', '99'], byColumn: { nps: ['-1', 'N/A'] } });
  });

  it('treats blanks and codes (as text or as the same number) as missing', () => {
    expect(isMissingCell('  ', 'seat', missing)).toBe(true);
    expect(isMissingCell('0.0', 'seat', missing)).toBe(true);
    expect(isMissingCell('99', 'seat', missing)).toBe(true);
    expect(isMissingCell('-1', 'seat', missing)).toBe(false);
    expect(isMissingCell('-1', 'nps', missing)).toBe(true);
    expect(isMissingCell('N/A', 'nps', missing)).toBe(true);
    expect(isMissingCell('5', 'nps', missing)).toBe(false);
  });

  it('rejects empty codes or column names', () => {
    for (const option of ['', '0,', '=0', 'nps='])
      expect(() => missingValuesOf([option]), option).toThrow(/is malformed/);
  });
});
