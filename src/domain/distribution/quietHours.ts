import { instantOf, wallClock } from './zonedTime.ts';

/** A daily window in which no survey is sent, as `HH:MM` wall times; it may wrap past midnight. */
export interface QuietHours {
  start: string;
  end: string;
}

export const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours * 60 + minutes;
}

/** True when minute-of-day `m` falls in [start, end), wrapping midnight when end ≤ start. */
function inWindow(m: number, start: number, end: number): boolean {
  if (start === end) return false;
  return start < end ? m >= start && m < end : m >= start || m < end;
}

/**
 * The first moment at or after `at` outside the quiet hours of `timeZone`: `at` itself when it is
 * already outside, otherwise the end of the window (e.g. 21:30 with quiet hours 20:00–08:00 gives
 * 08:00 the next morning, local time).
 */
export function afterQuietHours(at: Date, quiet: QuietHours | null, timeZone: string): Date {
  if (!quiet) return at;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const local = wallClock(at, timeZone);
  const minute = local.hour * 60 + local.minute;
  if (!inWindow(minute, start, end)) return at;
  // The window ends today if its end lies later today, otherwise tomorrow.
  const endsTomorrow = minute >= end;
  const day = new Date(Date.UTC(local.year, local.month - 1, local.day + (endsTomorrow ? 1 : 0)));
  return instantOf(
    {
      year: day.getUTCFullYear(),
      month: day.getUTCMonth() + 1,
      day: day.getUTCDate(),
      hour: Math.floor(end / 60),
      minute: end % 60,
    },
    timeZone,
  );
}

/** The first instant of the calendar quarter (Jan, Apr, Jul, Oct) containing `at`, in `timeZone`. */
export function quarterStart(at: Date, timeZone: string): Date {
  const local = wallClock(at, timeZone);
  const firstMonth = Math.floor((local.month - 1) / 3) * 3 + 1;
  return instantOf({ year: local.year, month: firstMonth, day: 1, hour: 0, minute: 0 }, timeZone);
}

/** The first instant of the next quarter: the end (exclusive) of the one containing `at`. */
export function quarterEnd(at: Date, timeZone: string): Date {
  const local = wallClock(at, timeZone);
  const firstMonth = Math.floor((local.month - 1) / 3) * 3 + 1;
  const next = firstMonth + 3;
  return instantOf(
    {
      year: next > 12 ? local.year + 1 : local.year,
      month: next > 12 ? next - 12 : next,
      day: 1,
      hour: 0,
      minute: 0,
    },
    timeZone,
  );
}
