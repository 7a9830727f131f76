import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  analyzeFixture,
  plainCsvRows,
  runCaptured,
  runJson,
} from '../../../test/fixtures/analyze/capturedRun.ts';

// 95 % two-sided normal critical value, written out so the test does not reuse the code under test.
const Z95 = 1.959963984540054;

/** NPS figures counted by hand from a list of 0–10 answers. */
function npsByHand(answers: number[]) {
  const promoters = answers.filter((a) => a >= 9).length;
  const passives = answers.filter((a) => a === 7 || a === 8).length;
  const detractors = answers.filter((a) => a <= 6).length;
  const n = answers.length;
  const p = promoters / n;
  const d = detractors / n;
  const standardError = 100 * Math.sqrt((p * (1 - p) + d * (1 - d) + 2 * p * d) / n);
  return { promoters, passives, detractors, n, nps: 100 * (p - d), standardError };
}

describe('rapport analyze nps', () => {
  it('counts promoters, passives and detractors of a column and skips blanks', async () => {
    const file = analyzeFixture('nps_scores.csv');
    const { header, rows } = plainCsvRows(readFileSync(file, 'utf8'));
    const column = header.indexOf('recommend');
    const answers = rows
      .map((row) => row[column])
      .filter((cell) => cell !== '')
      .map(Number);
    const expected = npsByHand(answers);
    const report = await runJson(['nps', '--csv', file, '--column', 'recommend']);
    // The fixture was written with 8 promoters, 5 passives, 5 detractors and 2 blanks.
    expect([expected.promoters, expected.passives, expected.detractors]).toEqual([8, 5, 5]);
    expect(report.n).toBe(18);
    expect(report.rows).toBe(20);
    expect(report.missing).toBe(2);
    expect(report.promoters).toEqual({ count: 8, share: 8 / 18 });
    expect(report.passives.count).toBe(5);
    expect(report.detractors.count).toBe(5);
    expect(report.nps).toBeCloseTo(expected.nps, 10);
    expect(report.nps).toBeCloseTo(100 / 6, 10);
    expect(report.standardError).toBeCloseTo(expected.standardError, 10);
    expect(report.lower).toBeCloseTo(expected.nps - Z95 * expected.standardError, 8);
    expect(report.upper).toBeCloseTo(expected.nps + Z95 * expected.standardError, 8);
    expect(report.confidence).toBe(0.95);
  });

  it('prints an aligned table with the score, its standard error and interval', async () => {
    const run = await runCaptured([
      'nps',
      '--csv',
      analyzeFixture('nps_scores.csv'),
      '--column',
      'recommend',
    ]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toContain('n = 18 answers (2 missing of 20 rows)');
    expect(lines).toContain('category          count  share');
    expect(lines).toContain('promoters (9-10)      8  44.4%');
    expect(lines).toContain('passives (7-8)        5  27.8%');
    expect(lines).toContain('detractors (0-6)      5  27.8%');
    // SE = 100·√((8/18 + 5/18 − (3/18)²) / 18) = 19.64; 16.67 ± 1.96 · 19.64 = [−21.8, 55.2].
    expect(lines.at(-1)).toBe('NPS 16.7  standard error 19.6  95% interval [-21.8, 55.2]');
  });

  it('reads a BOM, a ";" delimiter, CRLF lines and a quoted header with a ";" inside', async () => {
    const report = await runJson([
      'nps',
      '--csv',
      analyzeFixture('nps_semicolon_bom.csv'),
      '--column',
      'Recommend; 0-10',
    ]);
    // Answers 10, 9, 7, 3, 10 (a blank line in between is skipped): 3 promoters, 1 passive, 1 detractor.
    expect(report.n).toBe(5);
    expect(report.nps).toBeCloseTo(40, 10);
  });

  it('treats --missing codes as blank', async () => {
    const text = 'recommend\n10\n99\n0\n99\n9\n';
    const run = await runJson(
      ['nps', '--csv', 'x.csv', '--column', 'recommend', '--missing', '99'],
      async () => text,
    );
    expect(run.n).toBe(3);
    expect(run.nps).toBeCloseTo(100 / 3, 10);
  });
});
