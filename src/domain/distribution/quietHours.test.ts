import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterQuietHours, quarterEnd, quarterStart } from './quietHours.ts';
import { wallClock } from './zonedTime.ts';

const night = { start: '20:00', end: '08:00' };

describe('quiet hours', () => {
  it('leaves a time outside the window alone', () => {
    const at = new Date('2025-01-15T10:30:00Z'); // 11:30 in Rome
    expect(afterQuietHours(at, night, 'Europe/Rome')).toEqual(at);
    expect(afterQuietHours(at, null, 'Europe/Rome')).toEqual(at);
  });

  it('moves a late evening to the next morning, in the zone’s own time', () => {
    // 21:30 in Rome (UTC+1 in winter) → 08:00 Rome the next day = 07:00 UTC.
    expect(afterQuietHours(new Date('2025-01-15T20:30:00Z'), night, 'Europe/Rome')).toEqual(
      new Date('2025-01-16T07:00:00Z'),
    );
    // The same instant is 15:30 in New York: not quiet there.
    expect(afterQuietHours(new Date('2025-01-15T20:30:00Z'), night, 'America/New_York')).toEqual(
      new Date('2025-01-15T20:30:00Z'),
    );
  });

  it('moves an early morning to the same morning', () => {
    // 03:00 in Rome in summer (UTC+2) → 08:00 Rome = 06:00 UTC the same day.
    expect(afterQuietHours(new Date('2025-07-10T01:00:00Z'), night, 'Europe/Rome')).toEqual(
      new Date('2025-07-10T06:00:00Z'),
    );
  });

  it('handles a window inside one day and the night the clocks change', () => {
    const lunch = { start: '12:00', end: '14:00' };
    expect(afterQuietHours(new Date('2025-03-03T12:15:00Z'), lunch, 'UTC')).toEqual(
      new Date('2025-03-03T14:00:00Z'),
    );
    // 30 March 2025: Rome moves from UTC+1 to UTC+2 at 02:00. 22:00 on the 29th → 08:00 CEST on the 30th.
    expect(afterQuietHours(new Date('2025-03-29T21:00:00Z'), night, 'Europe/Rome')).toEqual(
      new Date('2025-03-30T06:00:00Z'),
    );
  });

  it('never returns a time inside the window, nor earlier than asked (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom('Europe/Rome', 'America/New_York', 'Asia/Kolkata', 'UTC'),
        (at, startHour, endHour, zone) => {
          const quiet = {
            start: `${String(startHour).padStart(2, '0')}:00`,
            end: `${String(endHour).padStart(2, '0')}:00`,
          };
          const moved = afterQuietHours(at, quiet, zone);
          expect(moved.getTime()).toBeGreaterThanOrEqual(at.getTime());
          expect(moved.getTime() - at.getTime()).toBeLessThanOrEqual(25 * 3600_000);
          const hour = wallClock(moved, zone).hour;
          const quietHour =
            startHour === endHour
              ? false
              : startHour < endHour
                ? hour >= startHour && hour < endHour
                : hour >= startHour || hour < endHour;
          expect(quietHour).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('calendar quarters in a zone', () => {
  it('starts and ends quarters at local midnight', () => {
    // 1 April 00:30 in Rome is still 31 March in UTC, but already the second quarter in Rome.
    const at = new Date('2025-03-31T22:30:00Z');
    expect(quarterStart(at, 'Europe/Rome')).toEqual(new Date('2025-03-31T22:00:00Z'));
    expect(quarterEnd(at, 'Europe/Rome')).toEqual(new Date('2025-06-30T22:00:00Z'));
    expect(quarterStart(at, 'UTC')).toEqual(new Date('2025-01-01T00:00:00Z'));
    expect(quarterEnd(new Date('2025-11-05T00:00:00Z'), 'UTC')).toEqual(new Date('2026-01-01T00:00:00Z'));
  });
});
