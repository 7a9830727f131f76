import type { ReportCadence } from '../db/schema.ts';

/**
 * The first run of a schedule strictly after `after`, in UTC: daily at `hourUtc`, weekly on Mondays
 * at `hourUtc`, monthly on the 1st at `hourUtc`. Strictly after, so a run that just happened is
 * never due again.
 */
export function nextRunAfter(cadence: ReportCadence, hourUtc: number, after: Date): Date {
  const at = new Date(
    Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), after.getUTCDate(), hourUtc, 0, 0, 0),
  );
  if (cadence === 'daily') {
    if (at <= after) at.setUTCDate(at.getUTCDate() + 1);
    return at;
  }
  if (cadence === 'weekly') {
    // getUTCDay: Sunday 0 … Saturday 6; Monday is 1.
    const toMonday = (8 - at.getUTCDay()) % 7;
    at.setUTCDate(at.getUTCDate() + toMonday);
    if (at <= after) at.setUTCDate(at.getUTCDate() + 7);
    return at;
  }
  at.setUTCDate(1);
  if (at <= after) at.setUTCMonth(at.getUTCMonth() + 1);
  return at;
}
