import type { RollupGrain } from './rollups.ts';

/** One part of a period read from one rollup table: [from, to) in that table's `day` column. */
export interface PeriodPiece {
  grain: RollupGrain;
  from?: string;
  to?: string;
}

const iso = (date: Date) => date.toISOString().slice(0, 10);
const parse = (day: string) => new Date(`${day}T00:00:00Z`);

/** The first day of the grain's period at or after `day` (a week starts on Monday, as ISO weeks do). */
export function nextBoundary(day: string, grain: 'week' | 'month'): string {
  const date = parse(day);
  if (grain === 'month') {
    if (date.getUTCDate() === 1) return day;
    return iso(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)));
  }
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return sinceMonday === 0 ? day : iso(new Date(date.getTime() + (7 - sinceMonday) * 86_400_000));
}

/** The first day of the grain's period that contains `day`. */
export function previousBoundary(day: string, grain: 'week' | 'month'): string {
  const date = parse(day);
  if (grain === 'month') return iso(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1)));
  return iso(new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * 86_400_000));
}

/**
 * Splits [from, to) into whole weeks or months, read from the coarse rollups, and the days at either
 * edge, read from the daily rollups. An open end is covered by the coarse table alone, whose cells
 * hold exactly the days of their week or month.
 */
export function periodPieces(
  from: string | undefined,
  to: string | undefined,
  grain: RollupGrain,
): PeriodPiece[] {
  if (grain === 'day') return [{ grain: 'day', from, to }];
  const start = from === undefined ? undefined : nextBoundary(from, grain);
  const end = to === undefined ? undefined : previousBoundary(to, grain);
  if (start !== undefined && end !== undefined && start >= end) return [{ grain: 'day', from, to }];
  const pieces: PeriodPiece[] = [];
  if (from !== undefined && start !== from) pieces.push({ grain: 'day', from, to: start });
  pieces.push({ grain, from: start, to: end });
  if (to !== undefined && end !== to) pieces.push({ grain: 'day', from: end, to });
  return pieces;
}
