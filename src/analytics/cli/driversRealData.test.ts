import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { plainCsvRows, runCaptured, runJson } from '../../../test/fixtures/analyze/capturedRun.ts';

// Real survey data (see /work/shared/artefacts/README.md, section 4); not copied into the project.
const AIRLINE =
  '/work/shared/artefacts/driver_surveys/airline_passenger_satisfaction/airline_passenger_satisfaction_sample.csv';
const present = existsSync(AIRLINE);
if (!present) console.warn(`skipping the airline driver test: ${AIRLINE} is not on this machine`);

const RATINGS = [
  'Departure and Arrival Time Convenience',
  'Ease of Online Booking',
  'Check-in Service',
  'Online Boarding',
  'Gate Location',
  'On-board Service',
  'Seat Comfort',
  'Leg Room Service',
  'Cleanliness',
  'Food and Drink',
  'In-flight Service',
  'In-flight Wifi Service',
  'In-flight Entertainment',
  'Baggage Handling',
];

// Satisfaction is "Satisfied" or "Neutral or Dissatisfied"; a rating of 0 means "not rated".
const args = (method: string) => [
  'drivers',
  '--csv',
  AIRLINE,
  '--outcome',
  'Satisfaction',
  '--drivers',
  RATINGS.join(','),
  '--map',
  'Satisfaction=satisfied:1,*:0',
  '--missing',
  '0',
  '--method',
  method,
];

describe('rapport analyze drivers on the airline passenger sample (1359 respondents, 14 ratings)', () => {
  it.skipIf(!present)(`LMG finds online boarding first (skipped when ${AIRLINE} is absent)`, async () => {
    const printed = await runCaptured(args('lmg'));
    expect(printed.status, printed.stderr).toBe(0);
    console.log(printed.stdout);

    const report = await runJson(args('lmg'));
    // Complete cases counted independently: rows where none of the 14 ratings is 0.
    const { header, rows } = plainCsvRows(readFileSync(AIRLINE, 'utf8'));
    const columns = RATINGS.map((name) => header.indexOf(name));
    const complete = rows.filter((row) => columns.every((c) => row[c] !== '0' && row[c] !== ''));
    expect(report.rows).toBe(1359);
    expect(report.n).toBe(complete.length);
    expect(report.n).toBeGreaterThan(1000);

    expect(report.rSquared).toBeGreaterThan(0.2);
    expect(report.rSquared).toBeLessThan(0.9);
    const shares = report.drivers.map((d: { share: number }) => d.share);
    expect(shares.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(1, 10);
    expect(shares.every((share: number) => share >= 0)).toBe(true);

    // What this sample says: online boarding leads by far (about a quarter of R², nearly twice the
    // next driver); seat comfort and in-flight entertainment are in the top five; gate location and
    // food and drink barely matter.
    const ranked = [...report.drivers].sort((a, b) => a.rank - b.rank).map((d) => d.name);
    expect(ranked[0]).toBe('Online Boarding');
    expect(report.drivers.find((d: { name: string }) => d.name === 'Online Boarding').share).toBeGreaterThan(
      0.2,
    );
    expect(ranked.slice(0, 5)).toEqual(expect.arrayContaining(['Seat Comfort', 'In-flight Entertainment']));
    expect(ranked.slice(-3)).toEqual(expect.arrayContaining(['Gate Location', 'Food and Drink']));
  });

  it.skipIf(!present)(`relative weights agree with LMG (skipped when ${AIRLINE} is absent)`, async () => {
    const lmg = await runJson(args('lmg'));
    const weights = await runJson(args('relative-weights'));
    // Same data, same model: the same R²; the two importance measures are close per driver.
    expect(weights.rSquared).toBeCloseTo(lmg.rSquared, 10);
    lmg.drivers.forEach((d: { share: number }, j: number) => {
      expect(Math.abs(weights.drivers[j].share - d.share)).toBeLessThan(0.03);
    });
    expect(weights.drivers.find((d: { rank: number }) => d.rank === 1).name).toBe('Online Boarding');
  });
});
