import { describe, expect, it } from 'vitest';
import { DEFAULT_MINIMUM_BASE, suppressBelowBase } from './minimumBase.ts';

describe('suppressBelowBase', () => {
  it('suppresses below the default base of 10 and shows from 10 up, always with n', () => {
    expect(DEFAULT_MINIMUM_BASE).toBe(10);
    expect(suppressBelowBase(42, 9)).toEqual({ suppressed: true, n: 9 });
    expect(suppressBelowBase(42, 10)).toEqual({ suppressed: false, value: 42, n: 10 });
  });

  it('honours a custom minimum base and keeps any value type', () => {
    expect(suppressBelowBase({ nps: 12 }, 25, 30)).toEqual({ suppressed: true, n: 25 });
    expect(suppressBelowBase({ nps: 12 }, 30, 30)).toEqual({ suppressed: false, value: { nps: 12 }, n: 30 });
  });

  it('rejects invalid bases', () => {
    expect(() => suppressBelowBase(1, -1)).toThrow(RangeError);
    expect(() => suppressBelowBase(1, 2.5)).toThrow(RangeError);
    expect(() => suppressBelowBase(1, 5, 0)).toThrow(RangeError);
  });
});
