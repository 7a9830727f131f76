import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import type { Database } from '../db/database.ts';
import { fixtureSurvey } from './fixtures/fixtureSurvey.ts';
import { ImportFileError } from './importFileError.ts';
import { importResponses, importTarget } from './importResponses.ts';
import { publishSurvey } from './publishSurvey.ts';

// Enough rows that a server import has sent several chunks to the database before it fails.
const ROWS = 12_000;

/** The fixture's header rows, then ROWS valid responses, each with a comment (`comment(i)`). */
async function largeExport(comment: (i: number) => string): Promise<Buffer> {
  const fixture = await readFile(new URL('./fixtures/qualtrics-current.csv', import.meta.url), 'utf8');
  const header = fixture.split('\n').slice(0, 3).join('\n');
  let body = '';
  for (let i = 0; i < ROWS; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    body += `2024-02-${day} 09:00:00,2024-02-${day} 09:04:10,IP Address,100,250,1,2024-02-${day} 09:04:11,R_bulk${i},,EN,${i % 11},4,4,4,5,1,,,No,"${comment(i)}"\n`;
  }
  return Buffer.from(`${header}\n${body}`);
}

async function importedCounts(database: Database, orgId: string, surveyId: string) {
  const { rows } = await sql<{ responses: number; comments: number; queued: number }>`
    select
      (select count(*)::int from responses where org_id = ${orgId} and survey_id = ${surveyId}) as responses,
      (select count(*)::int from comments where org_id = ${orgId}) as comments,
      (select count(*)::int from rollup_queue where org_id = ${orgId}) as queued`.execute(database.db);
  return rows[0];
}

describeEachEngine('historic response import is all or nothing', (db) => {
  it('a bad row found after thousands of rows were written leaves nothing of the import', async () => {
    const database = db();
    const org = await seedOrganisation(database, 'atomic-late');
    const { slug } = await publishSurvey(database, org.orgId, 'Atomic', fixtureSurvey());
    const target = (await importTarget(database, org.orgId, { slug }))!;
    const file = Buffer.concat([
      await largeExport((i) => `Comment ${i}`),
      Buffer.from('2024-03-09 08:00:00,only,three\n'),
    ]);
    const attempt = importResponses(database, target, { bytes: file }, { format: 'qualtrics' });
    await expect(attempt).rejects.toThrow(ImportFileError);
    await expect(attempt).rejects.toThrow(`line ${ROWS + 4}: 3 fields where the header has 20`);
    expect(await importedCounts(database, org.orgId, target.surveyId)).toEqual({
      responses: 0,
      comments: 0,
      queued: 0,
    });
  });

  it('a failure while committing leaves nothing of the import', async () => {
    const database = db();
    const org = await seedOrganisation(database, 'atomic-commit');
    const { slug } = await publishSurvey(database, org.orgId, 'Atomic', fixtureSurvey());
    const target = (await importTarget(database, org.orgId, { slug }))!;
    // A deferred check refuses one comment only when its transaction commits: an import whose rows
    // commit in more than one transaction would keep the rows of those that committed first.
    await sql
      .raw(`
create function refuse_poison() returns trigger language plpgsql as $$
begin
  if new.text = 'POISON' then raise exception 'refused at commit'; end if;
  return null;
end $$;
create constraint trigger refuse_poison after insert on comments
  deferrable initially deferred for each row execute function refuse_poison();`)
      .execute(database.db);
    try {
      const file = await largeExport((i) => (i === ROWS - 2 ? 'POISON' : `Comment ${i}`));
      await expect(
        importResponses(database, target, { bytes: file }, { format: 'qualtrics' }),
      ).rejects.toThrow(/refused at commit/);
      expect(await importedCounts(database, org.orgId, target.surveyId)).toEqual({
        responses: 0,
        comments: 0,
        queued: 0,
      });
      // The same file without the refused comment goes in whole.
      const summary = await importResponses(
        database,
        target,
        { bytes: await largeExport((i) => `Comment ${i}`) },
        { format: 'qualtrics' },
      );
      expect(summary.imported).toBe(ROWS);
      expect(await importedCounts(database, org.orgId, target.surveyId)).toEqual({
        responses: ROWS,
        comments: ROWS,
        queued: ROWS,
      });
    } finally {
      await sql
        .raw('drop trigger refuse_poison on comments; drop function refuse_poison();')
        .execute(database.db);
    }
  });
});
