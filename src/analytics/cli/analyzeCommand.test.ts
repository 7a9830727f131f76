import { describe, expect, it } from 'vitest';
import { analyzeFixture, runCaptured } from '../../../test/fixtures/analyze/capturedRun.ts';
import { ANALYZE_USAGE } from './analyzeCommand.ts';

const MTCARS = analyzeFixture('../reference/mtcars.csv');
const PROBLEMS = analyzeFixture('drivers_problems.csv');

/** Asserts a run failed with exit 2 and exactly one stderr line matching every pattern. */
async function expectFailure(
  args: string[],
  patterns: RegExp[],
  readFile?: (path: string) => Promise<string>,
) {
  const run = await runCaptured(args, readFile);
  expect(run.status, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.endsWith('\n')).toBe(true);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  for (const pattern of patterns) expect(run.stderr).toMatch(pattern);
  return run.stderr;
}

describe('rapport analyze: usage', () => {
  it('prints the usage for --help and exits 0', async () => {
    const run = await runCaptured(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${ANALYZE_USAGE}\n`);
    expect(ANALYZE_USAGE).toMatch(/rapport analyze nps --csv FILE --column COL/);
    expect(ANALYZE_USAGE).toMatch(/--method lmg\|relative-weights/);
    expect(ANALYZE_USAGE).toMatch(/--attachment-scale 1-5\|0-100/);
  });

  it('fails without a subcommand, with an unknown one, an unknown option or a missing option', async () => {
    const none = await runCaptured([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('rapport analyze <nps|drivers|segments>');
    await expectFailure(['churn'], [/unknown subcommand 'churn'/, /nps, drivers or segments/]);
    await expectFailure(['nps', '--csv', MTCARS, '--column', 'mpg', '--colour', 'red'], [/--colour/]);
    await expectFailure(['nps', '--csv', MTCARS], [/--column is required/]);
    await expectFailure(['drivers', '--csv', MTCARS, '--outcome', 'mpg'], [/--drivers is required/]);
    await expectFailure(['nps', '--column', 'mpg'], [/--csv is required/]);
  });
});

describe('rapport analyze: bad files', () => {
  it('names a missing file', async () => {
    await expectFailure(
      ['nps', '--csv', analyzeFixture('no_such_file.csv'), '--column', 'x'],
      [/file not found: .*no_such_file\.csv/],
    );
  });

  it('rejects HTML, JSON, an empty file and a ragged table as not CSV', async () => {
    await expectFailure(
      ['nps', '--csv', analyzeFixture('not_csv.html'), '--column', 'x'],
      [/not_csv\.html looks like HTML or XML, not CSV/],
    );
    await expectFailure(
      ['nps', '--csv', analyzeFixture('export.json'), '--column', 'x'],
      [/export\.json is JSON, not CSV/],
    );
    await expectFailure(
      ['nps', '--csv', analyzeFixture('empty.csv'), '--column', 'x'],
      [/empty\.csv is empty/],
    );
    await expectFailure(
      ['nps', '--csv', analyzeFixture('ragged.csv'), '--column', 'recommend'],
      [/not a well-formed CSV table \(line 3\): the row has 3 fields where the header has 2/],
    );
    await expectFailure(
      ['nps', '--csv', 'book.xlsx', '--column', 'x'],
      [/zip archive/],
      async () => 'PK\u0003\u0004\u0014\u0000binary',
    );
  });
});

describe('rapport analyze: bad columns and values', () => {
  it('names an unknown column and lists the available ones', async () => {
    const message = await expectFailure(
      ['nps', '--csv', analyzeFixture('nps_scores.csv'), '--column', 'Recommend'],
      [
        /unknown column 'Recommend'/,
        /did you mean 'recommend'\?/,
        /the columns are: 'respondent', 'recommend', 'region'/,
      ],
    );
    expect(message).toContain('nps_scores.csv');
    await expectFailure(
      ['drivers', '--csv', MTCARS, '--outcome', 'mpg', '--drivers', 'am,weight'],
      [/unknown column 'weight'/, /'mpg', 'cyl'/],
    );
    await expectFailure(
      ['segments', '--csv', MTCARS, '--satisfaction', 'mpg', '--attachment', 'love'],
      [/unknown column 'love'/],
    );
    await expectFailure(
      ['nps', '--csv', analyzeFixture('nps_scores.csv'), '--column', 'recommend', '--missing', 'score=0'],
      [/unknown column 'score'/],
    );
  });

  it('names the column and the first non-numeric value with its line (header = line 1, quoted line breaks counted)', async () => {
    await expectFailure(
      ['nps', '--csv', analyzeFixture('nps_bad_value.csv'), '--column', 'recommend'],
      [/column 'recommend' .* is not numeric: 'n\/a' on line 5/],
    );
    await expectFailure(
      ['drivers', '--csv', PROBLEMS, '--outcome', 'y', '--drivers', 'x1,label'],
      [/column 'label' .* is not numeric: 'a' on line 2/, /--map/],
    );
  });

  it('rejects an answer outside its scale with its line', async () => {
    await expectFailure(
      ['nps', '--csv', analyzeFixture('nps_out_of_range.csv'), '--column', 'recommend'],
      [/column 'recommend' .* has 11 on line 3, but an NPS answer is a whole number from 0 to 10/],
    );
  });

  it('says when there are too few rows', async () => {
    await expectFailure(
      ['drivers', '--csv', analyzeFixture('drivers_three_rows.csv'), '--outcome', 'y', '--drivers', 'x1,x2'],
      [/too few complete rows/, /need more than 3 rows/, /found 3 of 3/],
    );
    await expectFailure(
      ['drivers', '--csv', PROBLEMS, '--outcome', 'y', '--drivers', 'x1,note'],
      [/too few complete rows/, /found 0 of 8/],
    );
    await expectFailure(
      ['nps', '--csv', 'blank.csv', '--column', 'r'],
      [/column 'r' of blank\.csv has no answers/],
      async () => 'r,s\n,1\n,2\n',
    );
    await expectFailure(
      ['segments', '--csv', 'blank.csv', '--satisfaction', 'r', '--attachment', 's'],
      [/nobody in blank\.csv can be placed in a segment/],
      async () => 'r,s\n,1\n,2\n',
    );
  });

  it('names a constant column', async () => {
    await expectFailure(
      ['drivers', '--csv', PROBLEMS, '--outcome', 'y', '--drivers', 'x1,flat'],
      [/no variation in 'flat'/],
    );
  });

  it('names collinear drivers', async () => {
    await expectFailure(
      ['drivers', '--csv', PROBLEMS, '--outcome', 'y', '--drivers', 'x1,x2,x_sum'],
      [/predictors 'x1', 'x2', 'x_sum' are collinear/],
    );
  });
});

describe('rapport analyze drivers: bad driver lists and options', () => {
  const drivers = (list: string, ...more: string[]) => [
    'drivers',
    '--csv',
    MTCARS,
    '--outcome',
    'mpg',
    '--drivers',
    list,
    ...more,
  ];

  it('rejects a malformed --drivers', async () => {
    await expectFailure(drivers('am,,cyl'), [/--drivers 'am,,cyl' is malformed: item 2 is empty/]);
    await expectFailure(drivers(' , '), [/no drivers listed/]);
    await expectFailure(drivers('am+vs,cyl'), [/'am\+vs' joins columns with '\+' but has no group name/]);
    await expectFailure(drivers('=am+vs'), [/has no name before '='/]);
    await expectFailure(drivers('g=am++vs'), [/group 'g' has an empty column/]);
    await expectFailure(drivers('g=am=vs'), [/more than one '='/]);
    await expectFailure(drivers('am,cyl,am'), [/driver 'am' is listed twice/]);
    await expectFailure(drivers('g=am+vs,am'), [/column 'am' is used twice/]);
    await expectFailure(drivers('am,mpg'), [/'mpg' is the outcome and cannot also be a driver/]);
  });

  it('says groups need LMG', async () => {
    await expectFailure(drivers('design=am+vs,cyl', '--method', 'relative-weights'), [
      /groups \(name=a\+b\) work only with --method lmg/,
    ]);
  });

  it('rejects a bad method, bootstrap count, seed or map', async () => {
    await expectFailure(drivers('am,cyl', '--method', 'shapley'), [
      /--method must be lmg or relative-weights, got 'shapley'/,
    ]);
    await expectFailure(drivers('am,cyl', '--bootstrap', 'many'), [/--bootstrap must be a whole number/]);
    await expectFailure(drivers('am,cyl', '--seed', '3'), [/--seed only applies with --bootstrap/]);
    await expectFailure(drivers('am,cyl', '--map', 'mpg=high'), [/--map 'mpg=high' is malformed/]);
    await expectFailure(drivers('am,cyl', '--missing', 'cyl='), [/--missing 'cyl=' is malformed/]);
  });

  it('refuses more columns than exact LMG takes', async () => {
    const columns = Array.from({ length: 16 }, (_, i) => `x${i}`);
    const text = `${['y', ...columns].join(',')}\n${'1,'.repeat(16)}1\n`;
    await expectFailure(
      ['drivers', '--csv', 'wide.csv', '--outcome', 'y', '--drivers', columns.join(',')],
      [/at most 15 columns, got 16/, /relative-weights/],
      async () => text,
    );
  });
});

describe('rapport analyze segments: bad scales', () => {
  it('rejects a scale that is not MIN-MAX', async () => {
    await expectFailure(
      [
        'segments',
        '--csv',
        analyzeFixture('segments.csv'),
        '--satisfaction',
        'sat',
        '--attachment',
        'att',
        '--satisfaction-scale',
        '5-1',
      ],
      [/--satisfaction-scale '5-1' is not a scale/],
    );
  });
});
