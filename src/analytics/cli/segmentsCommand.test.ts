import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  analyzeFixture,
  plainCsvRows,
  runCaptured,
  runJson,
} from '../../../test/fixtures/analyze/capturedRun.ts';
import { PLAIN_CELLS } from './numericColumn.ts';
import { DEFAULT_ANSWER_SCALE, formatSegmentsReport, segmentsReportOf } from './segmentsCommand.ts';

const FILE = analyzeFixture('segments.csv');
const base = ['segments', '--csv', FILE, '--satisfaction', 'sat'];

/**
 * The segment table worked out on the raw answers, without the 0–100 rescaling: on 1–5, ≥ 75 points
 * is an answer of 4 or 5; on the 0–100 index it is ≥ 75.
 */
function expectedSegments(attachmentColumn: 'att' | 'att_index') {
  const { header, rows } = plainCsvRows(readFileSync(FILE, 'utf8'));
  const cell = (row: string[], name: string) =>
    row[header.indexOf(name)] === '' ? null : Number(row[header.indexOf(name)]);
  const attachedAt = attachmentColumn === 'att' ? 4 : 75;
  const groups: Record<string, string[][]> = {
    emotionally_attached: [],
    functionally_satisfied: [],
    unfulfilled: [],
  };
  let notEnough = 0;
  for (const row of rows) {
    const sat = cell(row, 'sat');
    const att = cell(row, attachmentColumn);
    if (sat === null) notEnough++;
    else if (sat < 4) groups.unfulfilled.push(row);
    else if (att === null) notEnough++;
    else groups[att >= attachedAt ? 'emotionally_attached' : 'functionally_satisfied'].push(row);
  }
  const placed = rows.length - notEnough;
  return {
    notEnough,
    segments: Object.entries(groups).map(([segment, members]) => {
      const recommend = members.map((row) => cell(row, 'recommend')).filter((v) => v !== null);
      const stay = members.map((row) => cell(row, 'stay')).filter((v) => v !== null);
      const satPoints = members.map((row) => ((cell(row, 'sat') ?? 0) - 1) * 25);
      return {
        segment,
        n: members.length,
        share: members.length / placed,
        nps:
          (100 * (recommend.filter((v) => v >= 9).length - recommend.filter((v) => v <= 6).length)) /
          recommend.length,
        meanSatisfaction: satPoints.reduce((a, b) => a + b, 0) / satPoints.length,
        retentionMean: stay.reduce((a, b) => a + b, 0) / stay.length,
        retentionTopTwo: stay.filter((v) => v >= 4).length / stay.length,
      };
    }),
  };
}

function expectTable(report: any, expected: ReturnType<typeof expectedSegments>) {
  expect(report.notEnoughAnswers).toBe(expected.notEnough);
  expect(report.segments.map((s: { segment: string }) => s.segment)).toEqual(
    expected.segments.map((s) => s.segment),
  );
  report.segments.forEach((s: any, i: number) => {
    const e = expected.segments[i];
    expect(s.n).toBe(e.n);
    expect(s.share).toBeCloseTo(e.share, 12);
    expect(s.nps.score).toBeCloseTo(e.nps, 10);
    expect(s.nps.lower).toBeLessThanOrEqual(s.nps.score);
    expect(s.nps.upper).toBeGreaterThanOrEqual(s.nps.score);
    expect(s.meanSatisfaction).toBeCloseTo(e.meanSatisfaction, 10);
    expect(s.retention.mean).toBeCloseTo(e.retentionMean, 10);
    expect(s.retention.topTwoBoxShare).toBeCloseTo(e.retentionTopTwo, 10);
  });
}

describe('rapport analyze segments', () => {
  it('places respondents by satisfaction and attachment (1-5) and reports outcomes per segment', async () => {
    const report = await runJson([
      ...base,
      '--attachment',
      'att',
      '--nps',
      'recommend',
      '--retention',
      'stay',
    ]);
    expectTable(report, expectedSegments('att'));
    // The fixture was designed with 5 / 4 / 5 placed, 2 without enough answers, NPS 80 / 0 / −100 and
    // mean satisfaction 90 / 87.5 / 30 points.
    expect(report.segments.map((s: { n: number }) => s.n)).toEqual([5, 4, 5]);
    expect(report.notEnoughAnswers).toBe(2);
    expect(report.segments.map((s: any) => Math.round(s.nps.score))).toEqual([80, 0, -100]);
    expect(report.segments.map((s: any) => s.meanSatisfaction)).toEqual([90, 87.5, 30]);
    expect(report.segments[2].nps.n).toBe(4);
  });

  it('takes a 0-100 attachment index as it is', async () => {
    const report = await runJson([
      ...base,
      '--attachment',
      'att_index',
      '--attachment-scale',
      '0-100',
      '--nps',
      'recommend',
      '--retention',
      'stay',
    ]);
    expectTable(report, expectedSegments('att_index'));
    expect(report.attachment.scale).toEqual({ min: 0, max: 100 });
  });

  it('reads the index on 1-5 as out of scale, naming the line', async () => {
    const run = await runCaptured([...base, '--attachment', 'att_index']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /column 'att_index' .* has 90 on line 2, outside its scale 1-5 \(set --attachment-scale\)/,
    );
  });

  it('prints the table with a row for the respondents it could not place', async () => {
    const run = await runCaptured([
      ...base,
      '--attachment',
      'att',
      '--nps',
      'recommend',
      '--retention',
      'stay',
    ]);
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      `Relationship segments in ${FILE}: 14 of 16 rows placed (2 with not enough answers)`,
    );
    const row = (label: string) => lines.find((line) => line.startsWith(label))?.split(/\s{2,}/);
    expect(row('emotionally attached')).toEqual([
      'emotionally attached',
      '5',
      '35.7%',
      '80.0',
      expect.any(String),
      '5',
      '90.0',
      '4.50',
      '100.0%',
      '4',
    ]);
    expect(row('unfulfilled')?.slice(0, 4)).toEqual(['unfulfilled', '5', '35.7%', '-100.0']);
    expect(row('not enough answers')).toEqual(['not enough answers', '2']);
  });

  it('leaves out NPS and retention when their columns are not given', async () => {
    const report = await runJson([...base, '--attachment', 'att']);
    expect(report.nps).toBeNull();
    expect(report.segments.every((s: any) => s.nps === null && s.retention === null)).toBe(true);
    const run = await runCaptured([...base, '--attachment', 'att']);
    expect(run.stdout).not.toContain('NPS');
  });
});

describe('segmentsReportOf / formatSegmentsReport (doc examples)', () => {
  it('places one respondent per segment and counts the one without satisfaction', () => {
    const table = {
      source: 'x.csv',
      delimiter: ',' as const,
      columns: ['sat', 'att'],
      rows: [
        ['5', '4'],
        ['4', '2'],
        ['2', ''],
        ['', '5'],
      ],
      lines: [2, 3, 4, 5],
    };
    const scale = DEFAULT_ANSWER_SCALE;
    const report = segmentsReportOf(table, {
      satisfaction: 'sat',
      attachment: 'att',
      satisfactionScale: scale,
      attachmentScale: scale,
      retentionScale: scale,
      rules: PLAIN_CELLS,
    });
    expect(report.segments.map((s) => s.n)).toEqual([1, 1, 1]);
    expect(report.segments.map((s) => s.meanSatisfaction)).toEqual([100, 75, 25]);
    expect(formatSegmentsReport(report).split('\n')[0]).toBe(
      'Relationship segments in x.csv: 3 of 4 rows placed (1 with not enough answers)',
    );
  });
});
