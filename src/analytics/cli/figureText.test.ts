import { describe, expect, it } from 'vitest';
import { figureText, intervalText, percentText } from './figureText.ts';

describe('figureText / percentText / intervalText', () => {
  it('rounds without a negative zero and marks missing figures', () => {
    expect(figureText(-0.004, 2)).toBe('0.00');
    expect(figureText(-0.006, 2)).toBe('-0.01');
    expect(figureText(null, 1)).toBe('–');
    expect(figureText(Number.NaN, 1)).toBe('–');
    expect(percentText(0.45)).toBe('45.0%');
    expect(percentText(null)).toBe('–');
    expect(intervalText(-25.23, 55.18, 1)).toBe('[-25.2, 55.2]');
  });
});
