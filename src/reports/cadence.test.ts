import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextRunAfter } from './cadence.ts';

describe('nextRunAfter', () => {
  it('runs daily at the hour, later today or tomorrow', () => {
    expect(nextRunAfter('daily', 7, new Date('2026-03-10T06:59:00Z')).toISOString()).toBe(
      '2026-03-10T07:00:00.000Z',
    );
    expect(nextRunAfter('daily', 7, new Date('2026-03-10T07:00:00Z')).toISOString()).toBe(
      '2026-03-11T07:00:00.000Z',
    );
  });

  it('runs weekly on Mondays', () => {
    // 2026-03-10 is a Tuesday.
    expect(nextRunAfter('weekly', 6, new Date('2026-03-10T12:00:00Z')).toISOString()).toBe(
      '2026-03-16T06:00:00.000Z',
    );
    // A Monday before the hour: the same day; after it: a week later.
    expect(nextRunAfter('weekly', 6, new Date('2026-03-16T05:00:00Z')).toISOString()).toBe(
      '2026-03-16T06:00:00.000Z',
    );
    expect(nextRunAfter('weekly', 6, new Date('2026-03-16T06:00:00Z')).toISOString()).toBe(
      '2026-03-23T06:00:00.000Z',
    );
  });

  it('runs monthly on the 1st, across the year end', () => {
    expect(nextRunAfter('monthly', 8, new Date('2026-12-15T00:00:00Z')).toISOString()).toBe(
      '2027-01-01T08:00:00.000Z',
    );
    expect(nextRunAfter('monthly', 8, new Date('2026-12-01T07:00:00Z')).toISOString()).toBe(
      '2026-12-01T08:00:00.000Z',
    );
  });

  it('is always later, at the hour, and within one period', () => {
    const spans = { daily: 1, weekly: 7, monthly: 31 } as const;
    fc.assert(
      fc.property(
        fc.constantFrom('daily', 'weekly', 'monthly' as const),
        fc.integer({ min: 0, max: 23 }),
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        (cadence, hour, after) => {
          const next = nextRunAfter(cadence, hour, after);
          expect(next.getTime()).toBeGreaterThan(after.getTime());
          expect(next.getTime() - after.getTime()).toBeLessThanOrEqual(spans[cadence] * 86_400_000);
          expect(next.getUTCHours()).toBe(hour);
          expect(next.getUTCMinutes()).toBe(0);
          if (cadence === 'weekly') expect(next.getUTCDay()).toBe(1);
          if (cadence === 'monthly') expect(next.getUTCDate()).toBe(1);
        },
      ),
    );
  });
});
