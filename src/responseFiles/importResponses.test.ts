import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { foldRollups } from '../analytics/rollups.ts';
import type { Database } from '../db/database.ts';
import { mappingFileSchema } from './columnMapping.ts';
import { fixtureSurvey } from './fixtures/fixtureSurvey.ts';
import { ImportFileError } from './importFileError.ts';
import { importResponses, importTarget } from './importResponses.ts';
import { publishSurvey } from './publishSurvey.ts';

const fixture = (name: string) => ({ path: new URL(`./fixtures/${name}`, import.meta.url).pathname });

async function surveyIn(database: Database, orgId: string) {
  const { slug } = await publishSurvey(database, orgId, 'Import test', fixtureSurvey());
  return (await importTarget(database, orgId, { slug }))!;
}

async function stored(database: Database, orgId: string, surveyId: string) {
  return database.db
    .selectFrom('responses')
    .select([
      'idempotency_key',
      'nps',
      'csat',
      'force_certainty',
      'critical_incident',
      'answers',
      'hidden',
      'contact_id',
      'unit_id',
      'submitted_at',
      'channel',
    ])
    .where('org_id', '=', orgId)
    .where('survey_id', '=', surveyId)
    .orderBy('submitted_at')
    .execute();
}

describeEachEngine('historic response import', (db) => {
  it('imports the current Qualtrics export by label, skips what is not a complete valid response, and links known contacts', async () => {
    const database = db();
    const org = await seedOrganisation(database, 'imp-current');
    await database.db
      .insertInto('contacts')
      .values({
        org_id: org.orgId,
        account_id: org.accountX,
        first_name: 'B',
        last_name: 'Uyer',
        email: 'Buyer@Acme.test',
      })
      .execute();
    const target = await surveyIn(database, org.orgId);
    const summary = await importResponses(database, target, fixture('qualtrics-current.csv'), {
      format: 'qualtrics',
    });
    expect(summary.shape).toBe('qualtrics');
    expect(summary.rows).toBe(5);
    expect(summary.imported).toBe(2);
    expect(summary.skipped.count).toBe(3);
    const reasons = Object.fromEntries(summary.skipped.reasons.map((r) => [r.reason, r.lines]));
    // Row 2 spans lines 5–6 (a quoted line break), so later rows start one line further down.
    expect(reasons['response not finished']).toEqual([7]);
    expect(reasons['answers.nps: Must be an integer from 0 to 10']).toEqual([8]);
    expect(reasons['already imported']).toEqual([9]);
    // Every question part found its column by label; only export bookkeeping is left over.
    expect(summary.unmapped.map((u) => u.column)).toEqual([
      'EndDate',
      'Status',
      'Progress',
      'Duration (in seconds)',
    ]);
    expect(summary.mapping.find((m) => m.column === 'Q4_2')?.target).toEqual({
      question: 'channels',
      row: 'phone',
    });
    expect(summary.mapping.find((m) => m.column === 'Q5_3_TEXT')?.target).toEqual({
      question: 'reasons',
      other: true,
    });
    const rows = await stored(database, org.orgId, target.surveyId);
    expect(rows.map((r) => r.nps)).toEqual([10, 3]);
    expect(rows[0].answers).toEqual({
      nps: 10,
      csat: 5,
      'certainty.f1': 5,
      channels: { portal: 4, phone: 5 },
      reasons: ['price'],
      incident: 'no',
      comment: 'Great service, thanks.',
    });
    expect(rows[1].answers).toMatchObject({
      'certainty.f1': 1,
      reasons: ['service', { other: 'Faster replies' }],
      incident: 'yes',
      comment: 'Slow to answer\nand the portal keeps logging me out.',
    });
    // Measures come from the Forces core, as for ingested responses.
    expect(rows[0].force_certainty).toBe(100);
    expect(rows[1].force_certainty).toBe(0);
    expect(rows[1].critical_incident).toBe(true);
    expect(rows[0].contact_id).not.toBeNull();
    expect(rows[0].unit_id).toBe(org.teamX1);
    expect(rows[0].submitted_at.toISOString()).toBe('2024-03-01T09:04:11.000Z');
    const comments = await database.db
      .selectFrom('comments')
      .select('text')
      .where('org_id', '=', org.orgId)
      .where('question_id', '=', 'comment')
      .execute();
    expect(comments).toHaveLength(2);
  });

  it('is idempotent: importing the same file again stores nothing new', async () => {
    const database = db();
    const org = await seedOrganisation(database, 'imp-again');
    const target = await surveyIn(database, org.orgId);
    const first = await importResponses(database, target, fixture('qualtrics-2016.csv'), {
      format: 'qualtrics',
    });
    expect(first.shape).toBe('qualtrics-2016');
    expect(first.imported).toBe(2);
    expect(first.skipped.reasons).toEqual([{ reason: 'answers.nps: Required', count: 1, lines: [6] }]);
    const again = await importResponses(database, target, fixture('qualtrics-2016.csv'), {
      format: 'qualtrics',
    });
    expect(again.imported).toBe(0);
    expect(again.skipped.reasons.find((r) => r.reason === 'already imported')?.count).toBe(2);
    const rows = await stored(database, org.orgId, target.surveyId);
    expect(rows).toHaveLength(2);
    // Mapped by column name = question id, row and option suffixes, and a hidden field.
    expect(rows[0].answers).toMatchObject({
      channels: { portal: 5, phone: 4 },
      reasons: ['price', 'service'],
    });
    expect(rows[0].hidden).toEqual({ region: 'north' });
    expect(rows[1].answers).toMatchObject({ reasons: [{ other: 'Too expensive' }], incident: 'yes' });
  });

  it('reads the legacy V1..V10 export with a byte-order mark through a mapping file', async () => {
    const database = db();
    const org = await seedOrganisation(database, 'imp-legacy');
    const target = await surveyIn(database, org.orgId);
    const mapping = mappingFileSchema.parse(
      JSON.parse(
        await readFile(new URL('./fixtures/qualtrics-legacy.mapping.json', import.meta.url), 'utf8'),
      ),
    );
    const summary = await importResponses(database, target, fixture('qualtrics-legacy.csv'), {
      format: 'qualtrics',
      mapping,
    });
    expect(summary.shape).toBe('qualtrics-legacy');
    expect(summary.imported).toBe(2);
    expect(summary.unmapped.map((u) => u.column)).toContain('LocationLatitude');
    const rows = await stored(database, org.orgId, target.surveyId);
    expect(rows.map((r) => r.answers.incident)).toEqual(['no', 'yes']);
    expect(rows[0].idempotency_key).toContain('R_legacy00001');
    // Without the mapping the V-named columns match nothing and every row lacks the required NPS.
    const other = await surveyIn(database, org.orgId);
    const unmapped = await importResponses(database, other, fixture('qualtrics-legacy.csv'), {
      format: 'qualtrics',
    });
    expect(unmapped.imported).toBe(0);
  });

  it('reads a LimeSurvey R data file export, skipping incomplete responses', async () => {
    const database = db();
    const org = await seedOrganisation(database, 'imp-lime');
    const target = await surveyIn(database, org.orgId);
    const summary = await importResponses(database, target, fixture('limesurvey.csv'), {
      format: 'limesurvey',
    });
    expect(summary.shape).toBe('limesurvey');
    expect(summary.imported).toBe(2);
    expect(summary.skipped.reasons).toEqual([
      { reason: 'response not completed (no submission date)', count: 1, lines: [3] },
    ]);
    const rows = await stored(database, org.orgId, target.surveyId);
    expect(rows[0].answers).toMatchObject({
      nps: 9,
      channels: { portal: 5, phone: 4 },
      reasons: ['price'],
      incident: 'no',
    });
    expect(rows[1].answers).toMatchObject({ reasons: ['service'], incident: 'yes' });
  });

  it('puts imported responses into the analytics rollups', async () => {
    const database = db();
    const org = await seedOrganisation(database, 'imp-rollup');
    const target = await surveyIn(database, org.orgId);
    await importResponses(database, target, fixture('qualtrics-current.csv'), { format: 'qualtrics' });
    const queued = await database.db
      .selectFrom('rollup_queue')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_id', '=', org.orgId)
      .executeTakeFirstOrThrow();
    expect(Number(queued.n)).toBe(2);
    while ((await foldRollups(database)) > 0) {}
    const { rows } = await sql<{
      n: number;
    }>`select sum(n)::int as n from rollup_daily where org_id = ${org.orgId} and survey_id = ${target.surveyId}`.execute(
      database.db,
    );
    expect(rows[0].n).toBe(2);
  });

  it('a dry run reports what would be imported and writes nothing', async () => {
    const database = db();
    const org = await seedOrganisation(database, 'imp-dry');
    const target = await surveyIn(database, org.orgId);
    const summary = await importResponses(database, target, fixture('qualtrics-current.csv'), {
      format: 'qualtrics',
      dryRun: true,
    });
    expect(summary).toMatchObject({ dryRun: true, imported: 2 });
    expect(await stored(database, org.orgId, target.surveyId)).toHaveLength(0);
  });

  it('refuses a malformed file with one message naming the line, and changes nothing', async () => {
    const database = db();
    const org = await seedOrganisation(database, 'imp-bad');
    const target = await surveyIn(database, org.orgId);
    const good = await readFile(new URL('./fixtures/qualtrics-current.csv', import.meta.url));
    // A ragged row far down the file: the rows before it were already converted and written.
    const ragged = Buffer.concat([good, Buffer.from('2024-03-09 08:00:00,only,three\n')]);
    const attempt = importResponses(database, target, { bytes: ragged }, { format: 'qualtrics' });
    await expect(attempt).rejects.toThrow(ImportFileError);
    await expect(attempt).rejects.toThrow(/^line 10: 3 fields where the header has 20/);
    const latin1 = Buffer.from('ResponseId,Q1\nR_1,caf\xe9\n', 'latin1');
    await expect(
      importResponses(database, target, { bytes: latin1 }, { format: 'limesurvey' }),
    ).rejects.toThrow(/^line 2: the text is not valid UTF-8/);
    const html = Buffer.from('<!DOCTYPE html>\n<html><body>Please sign in</body></html>\n');
    await expect(importResponses(database, target, { bytes: html }, { format: 'qualtrics' })).rejects.toThrow(
      /^line 1: this is an HTML page/,
    );
    const twoRows = good.subarray(0, good.indexOf('"{'));
    await expect(
      importResponses(database, target, { bytes: twoRows }, { format: 'qualtrics' }),
    ).rejects.toThrow(/^line 3: a Qualtrics export has three header rows/);
    await expect(
      importResponses(
        database,
        target,
        {
          bytes: Buffer.concat([
            good.subarray(0, good.indexOf('2024-03-01')),
            Buffer.from('R_x,caf\xe9\n', 'latin1'),
          ]),
        },
        { format: 'qualtrics' },
      ),
    ).rejects.toThrow(/^line 4: the text is not valid UTF-8/);
    expect(await stored(database, org.orgId, target.surveyId)).toHaveLength(0);
    const queued = await database.db
      .selectFrom('rollup_queue')
      .select('response_id')
      .where('org_id', '=', org.orgId)
      .execute();
    expect(queued).toHaveLength(0);
  });
});
