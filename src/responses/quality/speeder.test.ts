import { describe, expect, it } from 'vitest';
import { isSpeeder } from './speeder.ts';

describe('isSpeeder', () => {
  it('flags a response faster than a third of the median', () => {
    expect(isSpeeder(60, 300)).toBe(true);
    expect(isSpeeder(98.9, 300)).toBe(true);
  });

  it('does not flag at or above the threshold (0.33 × median)', () => {
    expect(isSpeeder(99, 300)).toBe(false);
    expect(isSpeeder(100, 300)).toBe(false);
    expect(isSpeeder(300, 300)).toBe(false);
    expect(isSpeeder(5000, 300)).toBe(false);
  });

  it('uses the survey share', () => {
    expect(isSpeeder(140, 300, { speederShareOfMedian: 0.5 })).toBe(true);
    expect(isSpeeder(150, 300, { speederShareOfMedian: 0.5 })).toBe(false);
    expect(isSpeeder(0, 300, { speederShareOfMedian: 0 })).toBe(false);
  });

  it('never flags without a usable median or duration (not enough data)', () => {
    expect(isSpeeder(1, null)).toBe(false);
    expect(isSpeeder(1, undefined)).toBe(false);
    expect(isSpeeder(1, 0)).toBe(false);
    expect(isSpeeder(1, -10)).toBe(false);
    expect(isSpeeder(1, Number.NaN)).toBe(false);
    expect(isSpeeder(null, 300)).toBe(false);
    expect(isSpeeder(undefined, 300)).toBe(false);
  });
});
