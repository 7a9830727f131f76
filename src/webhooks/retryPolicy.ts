/**
 * When a failed delivery is tried again. The wait doubles after each failed attempt, from
 * `baseSeconds`, up to `maxSeconds`; after `maxAttempts` attempts the delivery is given up.
 * With the defaults (30 s doubling, capped at 6 h, 14 attempts) a receiver may be down for about
 * 26 hours before an event is given up.
 */
export interface RetryPolicy {
  maxAttempts: number;
  baseSeconds: number;
  maxSeconds: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 14, baseSeconds: 30, maxSeconds: 6 * 3600 };

/** Seconds to wait after failed attempt number `attempt` (1-based), or null when there is no next attempt. */
export function retryDelaySeconds(policy: RetryPolicy, attempt: number): number | null {
  if (attempt >= policy.maxAttempts) return null;
  return Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** (attempt - 1));
}

/** A 2xx answer is a delivery; anything else (or no answer) is a failure to retry. */
export function isDelivered(statusCode: number | null): boolean {
  return statusCode !== null && statusCode >= 200 && statusCode < 300;
}
