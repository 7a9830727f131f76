import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextBoundary, periodPieces, previousBoundary } from './rollupPeriods.ts';

const DAY = 86_400_000;
const isoDay = fc
  .integer({ min: 0, max: 2000 })
  .map((n) => new Date(Date.UTC(2024, 0, 1) + n * DAY).toISOString().slice(0, 10));

/** Days covered by pieces, expanding a week or month piece to its days. */
function coveredDays(pieces: ReturnType<typeof periodPieces>, from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t < Date.parse(`${to}T00:00:00Z`); t += DAY) {
    const day = new Date(t).toISOString().slice(0, 10);
    const holders = pieces.filter((p) => {
      const key = p.grain === 'day' ? day : previousBoundary(day, p.grain);
      return (p.from === undefined || key >= p.from) && (p.to === undefined || key < p.to);
    });
    if (holders.length === 1) days.push(day);
  }
  return days;
}

describe('periodPieces', () => {
  it('splits a year into edge days and whole months', () => {
    expect(periodPieces('2025-11-15', '2026-11-10', 'month')).toEqual([
      { grain: 'day', from: '2025-11-15', to: '2025-12-01' },
      { grain: 'month', from: '2025-12-01', to: '2026-11-01' },
      { grain: 'day', from: '2026-11-01', to: '2026-11-10' },
    ]);
    expect(nextBoundary('2026-11-23', 'week')).toBe('2026-11-23');
    expect(nextBoundary('2026-11-24', 'week')).toBe('2026-11-30');
  });

  it('covers every day of any period exactly once (property)', () => {
    fc.assert(
      fc.property(isoDay, isoDay, fc.constantFrom('week' as const, 'month' as const), (a, b, grain) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const pieces = periodPieces(from, to, grain);
        const expected = (Date.parse(to) - Date.parse(from)) / DAY;
        expect(coveredDays(pieces, from, to)).toHaveLength(expected);
        // Whole weeks or months only inside the period, so nothing outside it is counted.
        for (const piece of pieces.filter((p) => p.grain !== 'day')) {
          expect(piece.from! >= from && piece.to! <= to).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
