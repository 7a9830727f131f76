import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, isDelivered, retryDelaySeconds } from './retryPolicy.ts';

describe('webhook retry policy', () => {
  it('doubles the wait after each failure up to the cap, then gives up', () => {
    const policy = { maxAttempts: 6, baseSeconds: 10, maxSeconds: 100 };
    expect([1, 2, 3, 4, 5, 6].map((a) => retryDelaySeconds(policy, a))).toEqual([10, 20, 40, 80, 100, null]);
  });

  it('keeps trying for more than a day with the defaults', () => {
    let total = 0;
    for (let attempt = 1; ; attempt++) {
      const wait = retryDelaySeconds(DEFAULT_RETRY_POLICY, attempt);
      if (wait === null) break;
      total += wait;
    }
    expect(total).toBeGreaterThan(86_400);
  });

  it('counts only 2xx answers as delivered', () => {
    expect([200, 204, 299].every(isDelivered)).toBe(true);
    expect([null, 199, 301, 400, 410, 500].some(isDelivered)).toBe(false);
  });
});
