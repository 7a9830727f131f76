import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/engines.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import type { Database } from '../db/database.ts';
import { runTransferCommand } from './cli.ts';
import { fixtureSurvey } from './fixtures/fixtureSurvey.ts';
import { publishSurvey } from './publishSurvey.ts';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

describe('rapport import / export', () => {
  let handle: Awaited<ReturnType<typeof freshDatabase>>;
  let database: Database;
  let org: Awaited<ReturnType<typeof seedOrganisation>>;
  let dir: string;
  const run = async (...args: string[]) => {
    let stdout = '';
    let stderr = '';
    const [command, ...rest] = args;
    const status = await runTransferCommand(command, rest, database, {
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
    });
    return { status, stdout, stderr };
  };
  beforeAll(async () => {
    handle = await freshDatabase('pglite');
    database = handle.database;
    org = await seedOrganisation(database, 'cli');
    dir = await mkdtemp(join(tmpdir(), 'rapport-import-'));
  });
  afterAll(() => handle.drop());

  it('imports responses into a survey and prints the summary', async () => {
    const { slug } = await publishSurvey(database, org.orgId, 'CLI', fixtureSurvey());
    const orgSlug = (
      await database.db
        .selectFrom('organisations')
        .select('slug')
        .where('org_id', '=', org.orgId)
        .executeTakeFirstOrThrow()
    ).slug;
    const mappingOut = join(dir, 'mapping.json');
    const text = await run(
      'import',
      'responses',
      fixture('qualtrics-current.csv'),
      '--format',
      'qualtrics',
      '--survey',
      slug,
      '--org',
      orgSlug,
      '--mapping-out',
      mappingOut,
    );
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(`imported 2 of 5 rows into ${slug} (qualtrics export)`);
    expect(text.stdout).toContain('1 × response not finished (line 7)');
    // The mapping used is saved in the mapping-file format, ready to edit and pass back.
    const saved = JSON.parse(await readFile(mappingOut, 'utf8'));
    expect(saved.columns.Q4_1).toEqual({ question: 'channels', row: 'portal' });
    expect(saved.columns.Q1).toBe('nps');
    const json = await run(
      'import',
      'responses',
      fixture('qualtrics-current.csv'),
      '--format',
      'qualtrics',
      '--survey',
      slug,
      '--org',
      orgSlug,
      '--json',
    );
    expect(JSON.parse(json.stdout)).toMatchObject({ imported: 0, rows: 5 });

    const out = join(dir, 'export.csv');
    expect(
      (await run('export', 'responses', '--survey', slug, '--format', 'csv', '--out', out, '--org', orgSlug))
        .status,
    ).toBe(0);
    expect((await readFile(out, 'utf8')).split('\n')[0]).toMatch(/^ResponseId,StartDate,/);
  });

  it('creates a survey from the export itself with --create-survey', async () => {
    const orgSlug = (
      await database.db
        .selectFrom('organisations')
        .select('slug')
        .where('org_id', '=', org.orgId)
        .executeTakeFirstOrThrow()
    ).slug;
    const result = await run(
      'import',
      'responses',
      fixture('limesurvey.csv'),
      '--format',
      'limesurvey',
      '--create-survey',
      'Lime history',
      '--org',
      orgSlug,
      '--json',
    );
    expect(result.status).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ shape: 'limesurvey', imported: 2 });
    expect(summary.survey).toMatch(/^lime-history-/);
  });

  it('converts a QSF and reports what it could not', async () => {
    const file = join(dir, 'survey.qsf');
    await writeFile(
      file,
      JSON.stringify({
        SurveyEntry: { SurveyName: 'Tiny', SurveyLanguage: 'EN' },
        SurveyElements: [
          {
            Element: 'BL',
            Payload: [
              {
                Type: 'Default',
                ID: 'BL_1',
                BlockElements: [
                  { Type: 'Question', QuestionID: 'QID1' },
                  { Type: 'Question', QuestionID: 'QID2' },
                ],
              },
            ],
          },
          {
            Element: 'SQ',
            PrimaryAttribute: 'QID1',
            Payload: { QuestionText: 'Why?', DataExportTag: 'Q1', QuestionType: 'TE', Selector: 'SL' },
          },
          {
            Element: 'SQ',
            PrimaryAttribute: 'QID2',
            Payload: {
              QuestionText: 'Draw',
              DataExportTag: 'Q2',
              QuestionType: 'Draw',
              Selector: 'Signature',
            },
          },
        ],
      }),
    );
    const result = await run('import', 'qsf', file, '--json');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.converted).toEqual([{ qid: 'QID1', id: 'Q1', type: 'text' }]);
    expect(report.unsupported).toEqual([
      { qid: 'QID2', tag: 'Q2', type: 'Draw/Signature', reason: 'question type Draw/Signature' },
    ]);
    expect(report.definition.pages[0].blocks[0].questions[0]).toMatchObject({ id: 'Q1', type: 'text' });
  });

  it('exits 2 with one message naming the line for a malformed file, and for bad options', async () => {
    const { slug } = await publishSurvey(database, org.orgId, 'CLI bad', fixtureSurvey());
    const html = join(dir, 'page.csv');
    await writeFile(html, '<html><body>Sign in</body></html>');
    const bad = await run('import', 'responses', html, '--format', 'qualtrics', '--survey', slug);
    expect(bad).toMatchObject({ status: 2, stdout: '' });
    expect(bad.stderr).toBe(
      'rapport: line 1: this is an HTML page, not a CSV export (a login or error page saved as .csv?)\n',
    );
    expect((await run('import', 'responses', html, '--format', 'spss', '--survey', slug)).stderr).toContain(
      '--format must be qualtrics or limesurvey',
    );
    expect((await run('import', 'responses', html, '--format', 'qualtrics')).stderr).toContain(
      'exactly one of --survey',
    );
  });
});
