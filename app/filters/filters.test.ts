import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_FILTERS,
  analyticsParams,
  comparisonDays,
  filtersFromSearch,
  notApplied,
  searchFromFilters,
} from './filters.ts';

const today = '2025-06-15';
const parse = (query: string) => filtersFromSearch(new URLSearchParams(query), today);

describe('global filters in the URL', () => {
  it('defaults to the last 12 months against the 12 months before', () => {
    const filters = parse('');
    expect(filters).toMatchObject({
      period: '12m',
      from: '2024-06-16',
      to: '2025-06-15',
      compare: 'previous',
    });
    expect(comparisonDays(filters)).toEqual({ from: '2023-06-17', to: '2024-06-15' });
    expect(String(searchFromFilters(filters))).toBe('');
  });

  it('keeps presets relative and custom days explicit', () => {
    expect(parse('period=3m')).toMatchObject({ from: '2025-03-16', to: '2025-06-15' });
    const custom = parse('from=2025-01-01&to=2025-01-31&compare=year&unitId=u1&segment=unfulfilled');
    expect(custom).toMatchObject({ period: 'custom', compare: 'year', unitId: 'u1', segment: 'unfulfilled' });
    expect(comparisonDays(custom)).toEqual({ from: '2024-01-01', to: '2024-01-31' });
    expect(filtersFromSearch(searchFromFilters(custom), today)).toEqual(custom);
  });

  it('ignores malformed or reversed days and unknown values', () => {
    expect(parse('from=2025-02-30&to=2025-03-01').period).toBe('12m');
    expect(parse('from=2025-03-01&to=2025-02-01').period).toBe('12m');
    expect(parse('period=99y&compare=never')).toMatchObject({ period: '12m', compare: 'previous' });
  });

  it('turns inclusive days into the API’s exclusive end, and passes only what a view applies', () => {
    const filters = parse('from=2025-01-01&to=2025-01-31&tier=key&unitId=u1&compare=none');
    expect(analyticsParams(filters)).toEqual({ from: '2025-01-01', to: '2025-02-01', unitId: 'u1' });
    expect(analyticsParams(filters, ACCOUNT_FILTERS)).toEqual({
      from: '2025-01-01',
      to: '2025-02-01',
      unitId: 'u1',
      tier: 'key',
    });
    expect(notApplied(filters, ACCOUNT_FILTERS)).toEqual([]);
    expect(notApplied({ ...filters, segment: 'unfulfilled' }, ACCOUNT_FILTERS)).toEqual(['segment']);
  });

  it('compares with the previous period of the same length', () => {
    expect(comparisonDays(parse('from=2025-03-01&to=2025-03-31'))).toEqual({
      from: '2025-01-29',
      to: '2025-02-28',
    });
  });
});
