import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import type { Database } from '../db/database.ts';
import { type ExportFormat, writeResponseExport } from './exportResponses.ts';
import { fixtureSurvey } from './fixtures/fixtureSurvey.ts';
import { importResponses, importTarget } from './importResponses.ts';
import { publishSurvey } from './publishSurvey.ts';

const fixture = (name: string) => ({ path: new URL(`./fixtures/${name}`, import.meta.url).pathname });

async function exported(
  database: Database,
  scope: { orgId: string; unitPath: string | null },
  target: NonNullable<Awaited<ReturnType<typeof importTarget>>>,
  format: ExportFormat,
) {
  const chunks: Buffer[] = [];
  await writeResponseExport(
    database,
    scope,
    target,
    format,
    new Writable({
      write(chunk, _e, done) {
        chunks.push(Buffer.from(chunk));
        done();
      },
    }),
  );
  return Buffer.concat(chunks);
}

describeEachEngine('response export', (db) => {
  it('writes CSV with a label row and ImportIds that reads back in as the same answers', async () => {
    const database = db();
    const org = await seedOrganisation(database, 'exp-csv');
    const { slug } = await publishSurvey(database, org.orgId, 'Export', fixtureSurvey());
    const target = (await importTarget(database, org.orgId, { slug }))!;
    await importResponses(database, target, fixture('qualtrics-current.csv'), { format: 'qualtrics' });
    const csv = (await exported(database, { orgId: org.orgId, unitPath: null }, target, 'csv')).toString(
      'utf8',
    );
    const lines = csv.split('\n');
    expect(lines[0]).toBe(
      'ResponseId,StartDate,RecordedDate,Finished,UserLanguage,Channel,SurveyVersion,Excluded,nps,csat,certainty.f1,channels_portal,channels_phone,reasons_price,reasons_service,reasons_TEXT,incident,comment',
    );
    expect(lines[1]).toContain('How easy is each channel to use? - Customer portal');
    expect(lines[2]).toContain('{""ImportId"":""nps""}');
    expect(lines[3]).toMatch(
      /^[0-9a-f-]{36},2024-03-01 09:00:00,2024-03-01 09:04:11,1,en,import,1,0,10,5,5,4,5,1,,,no,"Great service, thanks\."$/,
    );
    // The export is itself an importable Qualtrics-shaped file: the answers survive the round trip.
    const copy = (await importTarget(database, org.orgId, {
      slug: (await publishSurvey(database, org.orgId, 'Copy', fixtureSurvey())).slug,
    }))!;
    const again = await importResponses(database, copy, { bytes: Buffer.from(csv) }, { format: 'qualtrics' });
    expect(again).toMatchObject({
      shape: 'qualtrics',
      imported: 2,
      unmapped: [{ column: 'Channel' }, { column: 'SurveyVersion' }, { column: 'Excluded' }],
    });
    const answers = async (surveyId: string) =>
      (
        await database.db
          .selectFrom('responses')
          .select('answers')
          .where('org_id', '=', org.orgId)
          .where('survey_id', '=', surveyId)
          .orderBy('submitted_at')
          .execute()
      ).map((r) => r.answers);
    expect(await answers(copy.surveyId)).toEqual(await answers(target.surveyId));
  });

  it('exports only the responses in a unit-scoped reader subtree', async () => {
    const database = db();
    const org = await seedOrganisation(database, 'exp-scope');
    await database.db
      .insertInto('contacts')
      .values({
        org_id: org.orgId,
        account_id: org.accountX,
        first_name: 'B',
        last_name: 'U',
        email: 'buyer@acme.test',
      })
      .execute();
    const { slug } = await publishSurvey(database, org.orgId, 'Scoped', fixtureSurvey());
    const target = (await importTarget(database, org.orgId, { slug }))!;
    await importResponses(database, target, fixture('qualtrics-current.csv'), { format: 'qualtrics' });
    const rows = async (unitPath: string | null) =>
      (await exported(database, { orgId: org.orgId, unitPath }, target, 'csv'))
        .toString('utf8')
        .trim()
        .split('\n').length - 3;
    expect(await rows(null)).toBe(3); // two responses, one spanning two lines
    expect(await rows(`/${org.regionX}/`)).toBe(1);
    expect(await rows(`/${org.regionY}/`)).toBe(0);
  });

  it('writes the same rows as an XLSX workbook', async () => {
    const database = db();
    const org = await seedOrganisation(database, 'exp-xlsx');
    const { slug } = await publishSurvey(database, org.orgId, 'Workbook', fixtureSurvey());
    const target = (await importTarget(database, org.orgId, { slug }))!;
    await importResponses(database, target, fixture('limesurvey.csv'), { format: 'limesurvey' });
    const workbook = new ExcelJS.Workbook();
    const bytes = await exported(database, { orgId: org.orgId, unitPath: null }, target, 'xlsx');
    await workbook.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    const sheet = workbook.getWorksheet('Responses')!;
    expect(sheet.rowCount).toBe(5);
    const header = sheet.getRow(1).values as unknown[];
    const nps = header.indexOf('nps');
    expect([sheet.getRow(4).getCell(nps).value, sheet.getRow(5).getCell(nps).value]).toEqual([9, 2]);
  });
});
