import { describe, expect, it } from 'vitest';
import { HEALTH_THRESHOLDS, healthOf } from './health.ts';

describe('account health as Red / Amber / Green', () => {
  it('cuts relationship strength at the thresholds, inclusive from below', () => {
    expect(healthOf(HEALTH_THRESHOLDS.green)).toBe('green');
    expect(healthOf(HEALTH_THRESHOLDS.green - 0.01)).toBe('amber');
    expect(healthOf(HEALTH_THRESHOLDS.amber)).toBe('amber');
    expect(healthOf(HEALTH_THRESHOLDS.amber - 0.01)).toBe('red');
    expect(healthOf(0)).toBe('red');
    expect(healthOf(100)).toBe('green');
  });

  it('says so when there are too few answers', () => {
    expect(healthOf(null)).toBe('unknown');
    expect(healthOf(Number.NaN)).toBe('unknown');
  });
});
