import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { signIn, testApp } from '../../test/testApp.ts';
import { fixtureSurvey } from './fixtures/fixtureSurvey.ts';
import { publishSurvey } from './publishSurvey.ts';

const fixture = (name: string) => readFile(new URL(`./fixtures/${name}`, import.meta.url));

describeEachEngine('import and export API', (db) => {
  it('imports an export posted as text/csv, idempotently, and refuses a malformed one without writing', async () => {
    const database = db();
    const org = await seedOrganisation(database, 'api-imp');
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
    const { surveyId } = await publishSurvey(database, org.orgId, 'API import', fixtureSurvey());
    const app = await testApp(database);
    const owner = await signIn(app, org.emails.owner);
    const post = async (body: Buffer, query = 'format=qualtrics', who = owner) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/surveys/${surveyId}/response-imports?${query}`,
        headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken, 'content-type': 'text/csv' },
        payload: body,
      });
    const csv = await fixture('qualtrics-current.csv');
    const first = await post(csv);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ shape: 'qualtrics', rows: 5, imported: 2, skipped: { count: 3 } });
    const again = await post(csv);
    expect(again.json()).toMatchObject({ imported: 0 });

    const ragged = await post(Buffer.concat([csv, Buffer.from('x,y\n')]));
    expect(ragged.statusCode).toBe(422);
    expect(ragged.headers['content-type']).toContain('application/problem+json');
    expect(ragged.json().errors).toEqual([
      {
        field: 'body',
        message:
          'line 10: 2 fields where the header has 20 (a ragged row: a stray comma or an unquoted line break?)',
      },
    ]);
    const badMapping = await post(
      csv,
      `format=qualtrics&mapping=${encodeURIComponent('{"columns":{"Nope":"nps"}}')}`,
    );
    expect(badMapping.statusCode).toBe(422);
    expect(badMapping.json().errors[0].field).toBe('query.mapping');

    const manager = await signIn(app, org.emails.managerX);
    expect((await post(csv, 'format=qualtrics', manager)).statusCode).toBe(403);
    const count = await database.db
      .selectFrom('responses')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_id', '=', org.orgId)
      .where('survey_id', '=', surveyId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);

    // Export: the owner sees both responses, the manager of region X only the one from a contact in X.
    const exported = async (who: { cookie: string }, format: string) =>
      app.inject({
        method: 'GET',
        url: `/api/v1/surveys/${surveyId}/responses/export?format=${format}`,
        headers: { cookie: who.cookie },
      });
    const all = await exported(owner, 'csv');
    expect(all.statusCode).toBe(200);
    expect(all.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(all.body.split('\n')[3]).toMatch(/,10,5,5,4,5,1,,,no,"Great service, thanks\."$/);
    const mine = await exported(manager, 'csv');
    const rows = mine.body.trim().split('\n').slice(3);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('Great service');
    const xlsx = await exported(owner, 'xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    await app.close();
  });
});
