/**
 * Red / Amber / Green from an account's role-weighted relationship strength (0–100). Provisional:
 * the Customer Health Score with admin-set weights of survey and operational signals replaces it
 * when its API exists; the thresholds live here only.
 */
export const HEALTH_THRESHOLDS = { amber: 50, green: 70 } as const;
export type Health = 'red' | 'amber' | 'green' | 'unknown';

export function healthOf(strength: number | null): Health {
  if (strength === null || !Number.isFinite(strength)) return 'unknown';
  if (strength >= HEALTH_THRESHOLDS.green) return 'green';
  if (strength >= HEALTH_THRESHOLDS.amber) return 'amber';
  return 'red';
}
