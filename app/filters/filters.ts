/**
 * The global filters as URL state (so any view can be shared as a link) and as analytics API
 * parameters. Pure: `today` is passed in so the periods are testable.
 */
import type { QueryValues } from '../api/client.ts';

export const PERIODS = ['3m', '6m', '12m'] as const;
export type Preset = (typeof PERIODS)[number];
export const COMPARISONS = ['previous', 'year', 'none'] as const;
export type Comparison = (typeof COMPARISONS)[number];

/** Keys the URL may carry besides the period: each narrows the analytics query. */
export const NARROWING = [
  'unitId',
  'journeyKey',
  'stageKey',
  'touchpointKey',
  'segment',
  'tier',
  'language',
  'surveyId',
] as const;
export type NarrowingKey = (typeof NARROWING)[number];

export interface Filters extends Partial<Record<NarrowingKey, string>> {
  /** A preset, or 'custom' when the URL names the days. */
  period: Preset | 'custom';
  /** First day, inclusive (YYYY-MM-DD). */
  from: string;
  /** Last day, inclusive. */
  to: string;
  compare: Comparison;
}

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const dayOf = (date: Date) => date.toISOString().slice(0, 10);
const parseDay = (day: string) => new Date(`${day}T00:00:00Z`);
export const addDays = (day: string, days: number) =>
  dayOf(new Date(parseDay(day).getTime() + days * DAY_MS));
const validDay = (day: string | null): day is string =>
  day !== null && ISO_DAY.test(day) && !Number.isNaN(parseDay(day).getTime()) && dayOf(parseDay(day)) === day;

function addMonths(day: string, months: number): string {
  const date = parseDay(day);
  date.setUTCMonth(date.getUTCMonth() + months);
  return dayOf(date);
}

/** The days a preset covers, ending today. */
export function presetDays(preset: Preset, today: string): { from: string; to: string } {
  const months = { '3m': 3, '6m': 6, '12m': 12 }[preset];
  return { from: addDays(addMonths(today, -months), 1), to: today };
}

/** Reads the filters from a query string; anything missing or malformed falls back to the default. */
export function filtersFromSearch(search: URLSearchParams, today: string): Filters {
  const from = search.get('from');
  const to = search.get('to');
  const compare = search.get('compare');
  const filters: Filters =
    validDay(from) && validDay(to) && from <= to
      ? { period: 'custom', from, to, compare: 'previous' }
      : (() => {
          const preset = (PERIODS as readonly string[]).includes(search.get('period') ?? '')
            ? (search.get('period') as Preset)
            : '12m';
          return { period: preset, ...presetDays(preset, today), compare: 'previous' as Comparison };
        })();
  if ((COMPARISONS as readonly string[]).includes(compare ?? '')) filters.compare = compare as Comparison;
  for (const key of NARROWING) {
    const value = search.get(key);
    if (value) filters[key] = value.slice(0, 200);
  }
  return filters;
}

/** The query string for the filters: presets stay relative ("last 12 months" keeps moving). */
export function searchFromFilters(filters: Filters, extra: Record<string, string | undefined> = {}) {
  const search = new URLSearchParams();
  if (filters.period === 'custom') {
    search.set('from', filters.from);
    search.set('to', filters.to);
  } else if (filters.period !== '12m') search.set('period', filters.period);
  if (filters.compare !== 'previous') search.set('compare', filters.compare);
  for (const key of NARROWING) {
    const value = filters[key];
    if (value) search.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) if (value) search.set(key, value);
  return search;
}

/** The comparison period's days (inclusive), or null. */
export function comparisonDays(filters: Filters): { from: string; to: string } | null {
  if (filters.compare === 'none') return null;
  if (filters.compare === 'year') {
    return { from: addMonths(filters.from, -12), to: addMonths(filters.to, -12) };
  }
  const length = Math.round((parseDay(filters.to).getTime() - parseDay(filters.from).getTime()) / DAY_MS) + 1;
  return { from: addDays(filters.from, -length), to: addDays(filters.from, -1) };
}

/** Which filters a view's endpoint understands; the rest are reported as not applied. */
export type Applies = ReadonlySet<NarrowingKey>;
export const CELL_FILTERS: Applies = new Set([
  'unitId',
  'journeyKey',
  'stageKey',
  'touchpointKey',
  'segment',
  'language',
  'surveyId',
]);
export const ACCOUNT_FILTERS: Applies = new Set(['unitId', 'tier']);
/** The comments listing: a unit subtree, one touchpoint, the segment and the language. */
export const COMMENT_FILTERS: Applies = new Set(['unitId', 'touchpointKey', 'segment', 'language']);

/** Analytics query parameters: the API's `to` is the day after the period. */
export function analyticsParams(filters: Filters, applies: Applies = CELL_FILTERS): QueryValues {
  const params: QueryValues = { from: filters.from, to: addDays(filters.to, 1) };
  const comparison = comparisonDays(filters);
  if (comparison) {
    params.compareFrom = comparison.from;
    params.compareTo = addDays(comparison.to, 1);
  }
  for (const key of NARROWING) if (applies.has(key) && filters[key]) params[key] = filters[key];
  return params;
}

/** Set filters the view cannot apply. */
export function notApplied(filters: Filters, applies: Applies): NarrowingKey[] {
  return NARROWING.filter((key) => filters[key] && !applies.has(key));
}
