import { describe, expect, it } from 'vitest';
import { analyzeFixture, runCaptured, runJson } from '../../../test/fixtures/analyze/capturedRun.ts';
import { mtcarsColumns } from '../../../test/fixtures/reference/mtcars.ts';
import { expectPrinted } from '../../../test/fixtures/reference/printedPrecision.ts';
import relimp from '../../../test/fixtures/reference/relimp_expected.json' with { type: 'json' };
import { bootstrapImportance, cellsFromRows } from '../../domain/drivers/index.ts';
import { driverListOf } from './driverList.ts';
import { driversReportOf, formatDriversReport } from './driversCommand.ts';
import { PLAIN_CELLS } from './numericColumn.ts';

const MTCARS = analyzeFixture('../reference/mtcars.csv');
const lmgReference = relimp.A_domir_mtcars_lmg;
const rwaReference = relimp.B_rwa_mtcars_johnson_relative_weights;

function driver(report: any, name: string): any {
  return report.drivers.find((d: { name: string }) => d.name === name);
}

describe('rapport analyze drivers: LMG against relaimpo / domir on mtcars', () => {
  for (const [label, file, extra] of [
    ['mtcars.csv', MTCARS, []],
    ['a ";" copy with a BOM, CRLF and decimal commas', analyzeFixture('mtcars_semicolon.csv'), []],
    [
      'a copy with blanks and a 99 code in the analysed columns',
      analyzeFixture('mtcars_with_gaps.csv'),
      ['--missing', 'vs=99'],
    ],
  ] as const) {
    it(`matches the printed importances on ${label}`, async () => {
      const report = await runJson([
        'drivers',
        '--csv',
        file,
        '--outcome',
        lmgReference.response,
        '--drivers',
        lmgReference.predictors.join(','),
        ...extra,
      ]);
      expect(report.method).toBe('lmg');
      expect(report.n).toBe(32);
      expect(report.dropped).toBe(report.rows - 32);
      expectPrinted(report.rSquared, lmgReference.r2);
      for (const name of lmgReference.predictors) {
        const key = name as keyof typeof lmgReference.lmg_general_dominance;
        expectPrinted(driver(report, name).importance, lmgReference.lmg_general_dominance[key]);
        expectPrinted(driver(report, name).share, lmgReference.standardized[key]);
      }
      expect(report.drivers.map((d: { rank: number }) => d.rank)).toEqual([3, 2, 1]);
    });
  }

  it('keeps rows whose blanks are only in columns it does not use', async () => {
    const report = await runJson([
      'drivers',
      '--csv',
      analyzeFixture('drivers_problems.csv'),
      '--outcome',
      'y',
      '--drivers',
      'x1,x2',
    ]);
    expect(report.n).toBe(8);
    expect(report.dropped).toBe(0);
  });

  it('without the missing code the 99 counts as an answer and the result moves', async () => {
    const report = await runJson([
      'drivers',
      '--csv',
      analyzeFixture('mtcars_with_gaps.csv'),
      '--outcome',
      'mpg',
      '--drivers',
      'am,vs,cyl',
    ]);
    expect(report.n).toBe(33);
    expect(Math.abs(report.rSquared - lmgReference.r2)).toBeGreaterThan(1e-3);
  });

  it('prints the drivers from most to least important at 4 decimals', async () => {
    const run = await runCaptured(['drivers', '--csv', MTCARS, '--outcome', 'mpg', '--drivers', 'am,vs,cyl']);
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[1]).toBe('n = 32 complete rows of 32 (0 dropped for a missing value); R² = 0.7620');
    expect(lines.slice(3)).toEqual([
      'driver  importance  share',
      '------  ----------  -----',
      'cyl         0.3818  50.1%',
      'vs          0.2027  26.6%',
      'am          0.1775  23.3%',
    ]);
  });

  it('treats a group name=a+b as one driver (its Shapley value from the printed sub-model R²s)', async () => {
    // Two players G = {am, vs} and cyl: LMG_G = ½[R²(G) + (R²(all) − R²(cyl))]. From the reference,
    // R²(cyl) is cyl's first conditional-dominance entry and R²(G) = R²(all) − cyl's last entry.
    const r2 = lmgReference.r2;
    const [cylAlone, , cylLast] = lmgReference.conditional_dominance_by_model_size_1_2_3.cyl;
    const group = 0.5 * (r2 - cylLast + (r2 - cylAlone));
    const report = await runJson([
      'drivers',
      '--csv',
      MTCARS,
      '--outcome',
      'mpg',
      '--drivers',
      'design=am+vs,cyl',
    ]);
    expect(driver(report, 'design').columns).toEqual(['am', 'vs']);
    expect(driver(report, 'design').importance).toBeCloseTo(group, 6);
    expect(driver(report, 'cyl').importance).toBeCloseTo(r2 - group, 6);
    expectPrinted(report.rSquared, r2);
    const run = await runCaptured([
      'drivers',
      '--csv',
      MTCARS,
      '--outcome',
      'mpg',
      '--drivers',
      'design=am+vs,cyl',
    ]);
    expect(run.stdout).toContain('design (am + vs)');
  });
});

describe("rapport analyze drivers: Johnson's relative weights against rwa on mtcars", () => {
  it('matches the printed raw weights, rescaled percentages and signs', async () => {
    const report = await runJson([
      'drivers',
      '--csv',
      MTCARS,
      '--outcome',
      rwaReference.response,
      '--drivers',
      rwaReference.predictors.join(','),
      '--method',
      'relative-weights',
    ]);
    expect(report.method).toBe('relative-weights');
    expectPrinted(report.rSquared, rwaReference.r2);
    for (const name of rwaReference.predictors) {
      const key = name as keyof typeof rwaReference.raw_relative_weight;
      expectPrinted(driver(report, name).importance, rwaReference.raw_relative_weight[key]);
      expectPrinted(100 * driver(report, name).share, rwaReference.rescaled_percent[key]);
      expect(driver(report, name).sign).toBe(rwaReference.sign[key]);
    }
  });
});

describe('rapport analyze drivers --bootstrap', () => {
  const args = [
    'drivers',
    '--csv',
    MTCARS,
    '--outcome',
    'mpg',
    '--drivers',
    'am,vs,cyl',
    '--bootstrap',
    '200',
  ];

  it('resamples the complete rows as cells with the given seed', async () => {
    const report = await runJson([...args, '--seed', '7']);
    const direct = bootstrapImportance(
      cellsFromRows(['mpg', 'am', 'vs', 'cyl'], mtcarsColumns(['mpg', 'am', 'vs', 'cyl'])),
      {
        outcome: 'mpg',
        predictors: ['am', 'vs', 'cyl'],
        seed: 7,
        replicates: 200,
      },
    );
    expect(report.bootstrap).toMatchObject({ resampling: 'rows', seed: 7, confidence: 0.95 });
    expect(report.bootstrap.replicates + report.bootstrap.failedReplicates).toBe(200);
    direct.players.forEach((player, j) => {
      expect(report.drivers[j].shareInterval.lower).toBeCloseTo(player.share.lower, 12);
      expect(report.drivers[j].shareInterval.upper).toBeCloseTo(player.share.upper, 12);
      expect(report.drivers[j].importanceInterval.lower).toBeCloseTo(player.importance.lower, 12);
    });
    for (const d of report.drivers) {
      expect(d.importanceInterval.lower).toBeLessThanOrEqual(d.importance);
      expect(d.importanceInterval.upper).toBeGreaterThanOrEqual(d.importance);
      expect(d.shareInterval.lower).toBeLessThan(d.shareInterval.upper);
    }
  });

  it('gives the same intervals for the same seed and others for another seed', async () => {
    const first = await runCaptured([...args, '--seed', '7']);
    const again = await runCaptured([...args, '--seed', '7']);
    const other = await runCaptured([...args, '--seed', '8']);
    expect(again.stdout).toBe(first.stdout);
    expect(other.stdout).not.toBe(first.stdout);
    expect(first.stdout).toContain('Bootstrap: 200 resamples of the complete rows, seed 7');
    expect(first.stdout).toContain('share 95% CI');
  });
});

describe('rapport analyze drivers --map', () => {
  it('recodes a text outcome into numbers before the analysis', async () => {
    const text =
      'verdict,x1,x2\nhappy,5,1\nUnhappy,2,3\nhappy,4,2\nmeh,1,5\nHAPPY,5,5\nunhappy,3,1\nhappy,4,4\nmeh,2,2\n';
    const mapped = await runJson(
      [
        'drivers',
        '--csv',
        'v.csv',
        '--outcome',
        'verdict',
        '--drivers',
        'x1,x2',
        '--map',
        'verdict=happy:1,*:0',
      ],
      async () => text,
    );
    const numeric = text.replace(/^(happy|HAPPY)/gm, '1').replace(/^(Unhappy|unhappy|meh)/gm, '0');
    const direct = await runJson(
      ['drivers', '--csv', 'v.csv', '--outcome', 'verdict', '--drivers', 'x1,x2'],
      async () => numeric,
    );
    expect(mapped.n).toBe(8);
    expect(mapped.rSquared).toBeCloseTo(direct.rSquared, 12);
    expect(mapped.rSquared).toBeGreaterThan(0);
  });
});

describe('driversReportOf / formatDriversReport (doc examples)', () => {
  it('computes and prints a one-driver analysis', () => {
    const table = {
      source: 'x.csv',
      delimiter: ',' as const,
      columns: ['y', 'x'],
      rows: [
        ['1', '1'],
        ['2', '3'],
        ['4', '4'],
      ],
      lines: [2, 3, 4],
    };
    const report = driversReportOf(table, {
      outcome: 'y',
      drivers: driverListOf('x'),
      method: 'lmg',
      rules: PLAIN_CELLS,
    });
    // One predictor: R² is the squared correlation; Sxy = 39/9, Sxx = Syy = 42/9, so r = 13/14.
    expect(report.rSquared).toBeCloseTo(169 / 196, 14);
    expect(report.drivers[0].share).toBe(1);
    expect(formatDriversReport(report).split('\n')[1]).toBe(
      'n = 3 complete rows of 3 (0 dropped for a missing value); R² = 0.8622',
    );
  });
});
