import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberOfCell } from './numberOfCell.ts';

describe('numberOfCell', () => {
  it('reads plain decimals and refuses what Number() would half-accept', () => {
    expect(numberOfCell(' 4 ', false)).toBe(4);
    expect(numberOfCell('-0.5', false)).toBe(-0.5);
    expect(numberOfCell('.5', false)).toBe(0.5);
    expect(numberOfCell('1e3', false)).toBe(1000);
    for (const text of ['', '0x10', 'Infinity', '1 000', '5 stars', '3,5', '1.2.3']) {
      expect(numberOfCell(text, false), text).toBeUndefined();
    }
  });

  it('reads a decimal comma only when asked', () => {
    expect(numberOfCell('3,5', true)).toBe(3.5);
    expect(numberOfCell('-12,25', true)).toBe(-12.25);
    expect(numberOfCell('1,000,5', true)).toBeUndefined();
  });

  it('reads back any finite number it is given as text', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(numberOfCell(String(x), false)).toBe(x === 0 ? 0 : x);
      }),
    );
  });
});
