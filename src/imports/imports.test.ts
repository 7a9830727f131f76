import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { signedInAs } from '../../test/requests.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { testApp } from '../../test/testApp.ts';
import { createJobQueue, type PgBoss } from '../db/jobs.ts';
import { workImports } from './importJobs.ts';
import { xlsxOf } from './testFiles.ts';
import { XLSX_TYPE } from './uploadBody.ts';

type Seeded = Awaited<ReturnType<typeof seedOrganisation>>;

describeEachEngine('imports of accounts and contacts', (database) => {
  let app: FastifyInstance;
  let jobs: PgBoss;
  let org: Seeded;
  let as: Awaited<ReturnType<typeof signedInAs>>;

  beforeAll(async () => {
    jobs = createJobQueue(database());
    await jobs.start();
    await workImports(jobs, database());
    app = await testApp(database(), { jobs });
    org = await seedOrganisation(database(), 'i');
    as = await signedInAs(app, {
      owner: org.emails.owner,
      managerX: org.emails.managerX,
      viewer: org.emails.viewer,
    });
  });
  afterAll(async () => {
    await app?.close();
    await jobs?.stop({ graceful: false });
  });

  const accounts = () =>
    database()
      .db.selectFrom('accounts')
      .select(['account_id', 'name', 'external_id', 'tier', 'annual_value', 'unit_id'])
      .where('org_id', '=', org.orgId)
      .orderBy('name')
      .execute();
  const contacts = () =>
    database()
      .db.selectFrom('contacts')
      .select(['contact_id', 'email', 'first_name', 'account_id', 'external_id', 'language', 'buying_role'])
      .where('org_id', '=', org.orgId)
      .orderBy('email')
      .execute();

  async function upload(who: string, kind: string, body: string | Buffer, type = 'text/csv', expected = 201) {
    const response = await as(who, 'POST', `/api/v1/imports/${kind}`, body, type);
    expect(response.statusCode, response.body).toBe(expected);
    return response.json();
  }

  async function run(who: string, importId: string, options: Record<string, unknown> = {}) {
    const started = await as(who, 'POST', `/api/v1/imports/${importId}/run`, options);
    expect(started.statusCode, started.body).toBe(202);
    for (let i = 0; i < 200; i++) {
      const status = (await as(who, 'GET', `/api/v1/imports/${importId}`)).json();
      if (['validated', 'completed', 'failed'].includes(status.status)) return status;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the import did not finish');
  }

  const accountsCsv = [
    'Company,CRM ID,Tier,ARR,Renewal,Team',
    'Acme Corp,A-1,key,"1,250.50",2026-01-31,Region X/Team X1',
    'Beta Srl,A-2,standard,900,,Team X1',
    'Gamma GmbH,A-3,,abc,2026-02-30,Team X1',
    'Delta Ltd,A-4,,100,,Nowhere',
    'Acme Again,A-1,,,,Team X1',
  ].join('\n');

  it('suggests a mapping from the header, and a dry run reports every bad row with its line and writes nothing', async () => {
    const before = await accounts();
    const uploaded = await upload('owner', 'accounts', accountsCsv);
    expect(uploaded).toMatchObject({
      format: 'csv',
      rows: 5,
      columns: ['Company', 'CRM ID', 'Tier', 'ARR', 'Renewal', 'Team'],
      suggestedMapping: {
        Company: 'name',
        'CRM ID': 'externalId',
        Tier: 'tier',
        ARR: 'annualValue',
        Renewal: 'renewalDate',
        Team: 'unit',
      },
    });
    const dry = await run('owner', uploaded.importId, { dryRun: true });
    expect(dry).toMatchObject({ status: 'validated', done: 5, total: 5, badRows: 3 });
    expect(dry.errors).toEqual([
      { line: 4, column: 'ARR', message: 'Not a number' },
      { line: 4, column: 'Renewal', message: expect.stringContaining('date') },
      { line: 5, column: 'Team', message: expect.stringContaining('No unit "Nowhere"') },
      { line: 6, column: 'CRM ID', message: 'The same external id as line 2' },
    ]);
    expect(await accounts()).toEqual(before);
  });

  it('commits all or nothing: one bad row refuses the whole file; skip-bad-rows imports the rest', async () => {
    const before = await accounts();
    const uploaded = await upload('owner', 'accounts', accountsCsv);
    const refused = await run('owner', uploaded.importId);
    expect(refused).toMatchObject({
      status: 'failed',
      badRows: 3,
      failure: expect.stringContaining('nothing was imported'),
    });
    expect(await accounts()).toEqual(before);
    const again = await upload('owner', 'accounts', accountsCsv);
    const done = await run('owner', again.importId, { skipBadRows: true });
    expect(done).toMatchObject({ status: 'completed', summary: { created: 2, updated: 0, skipped: 3 } });
    const rows = await accounts();
    expect(rows.length).toBe(before.length + 2);
    expect(rows.find((a) => a.external_id === 'A-1')).toMatchObject({
      name: 'Acme Corp',
      tier: 'key',
      annual_value: '1250.50',
      unit_id: org.teamX1,
    });
  });

  it('updates instead of duplicating on re-import (by external id, else by a unique name), keeping values the file leaves empty', async () => {
    const csv = 'name,externalId,tier\nAcme Corp,A-1,\nBeta Srl,A-2,premium\nAccount X i,AX,vip\n';
    const uploaded = await upload('owner', 'accounts', csv);
    const done = await run('owner', uploaded.importId);
    expect(done).toMatchObject({ status: 'completed', summary: { created: 0, updated: 3 } });
    const rows = await accounts();
    expect(rows.filter((a) => a.external_id === 'A-1')).toHaveLength(1);
    expect(rows.find((a) => a.external_id === 'A-1')!.tier).toBe('key');
    expect(rows.find((a) => a.external_id === 'A-2')!.tier).toBe('premium');
    // The seeded account had no external id: matched by its name, it takes the one from the file.
    expect(rows.find((a) => a.account_id === org.accountX)).toMatchObject({ external_id: 'AX', tier: 'vip' });
  });

  it('imports contacts from XLSX with a column mapping, deduplicating by email and external id', async () => {
    const file = await xlsxOf([
      ['E-mail', 'Given', 'Family', 'Account', 'Role', 'Lang', 'Contact ID'],
      ['ana@acme.test', 'Ana', 'Rossi', 'A-1', 'Decision maker', 'IT', 'C-1'],
      ['bo@beta.test', 'Bo', 'Berg', 'A-2', 'user', 'en', null],
      ['bad-email', 'X', 'Y', 'A-2', null, null, null],
      ['cy@acme.test', 'Cy', 'Chen', 'A-404', null, null, null],
      ['dee@acme.test', 'Dee', 'Diaz', 'A-1', 'chief', null, null],
    ]);
    const uploaded = await upload('owner', 'contacts', file, XLSX_TYPE);
    expect(uploaded).toMatchObject({ format: 'xlsx', rows: 5 });
    const mapping = {
      'E-mail': 'email',
      Given: 'firstName',
      Family: 'lastName',
      Account: 'accountExternalId',
      Role: 'buyingRole',
      Lang: 'language',
      'Contact ID': 'externalId',
    };
    const refusedMapping = await as('owner', 'POST', `/api/v1/imports/${uploaded.importId}/run`, {
      mapping: { 'E-mail': 'email', Nope: 'firstName' },
    });
    expect(refusedMapping.statusCode).toBe(400);
    expect(refusedMapping.json().errors.map((e: { field: string }) => e.field)).toContain(
      'body.mapping.Nope',
    );
    const dry = await run('owner', uploaded.importId, { mapping, dryRun: true });
    expect(dry.failure).toBeNull();
    expect(dry.errors).toEqual([
      { line: 4, column: 'E-mail', message: 'Not an email address' },
      { line: 5, column: 'Account', message: expect.stringContaining('No account with this external id') },
      { line: 6, column: 'Role', message: expect.stringContaining('Not one of') },
    ]);
    const done = await run('owner', uploaded.importId, { mapping, skipBadRows: true });
    expect(done).toMatchObject({ status: 'completed', summary: { created: 2, updated: 0, skipped: 3 } });
    const acme = (await accounts()).find((a) => a.external_id === 'A-1')!;
    expect((await contacts()).find((c) => c.email === 'ana@acme.test')).toMatchObject({
      first_name: 'Ana',
      account_id: acme.account_id,
      buying_role: 'decision_maker',
      language: 'it',
      external_id: 'C-1',
    });
    // Re-import: Ana found by her CRM id with a new address, Bo by his email; nothing duplicated.
    const second = await xlsxOf([
      ['E-mail', 'Given', 'Family', 'Account', 'Role', 'Lang', 'Contact ID'],
      ['ana.rossi@acme.test', 'Anna', null, 'A-1', null, null, 'C-1'],
      ['BO@beta.test', 'Bob', null, 'A-2', null, null, 'C-2'],
    ]);
    const reuploaded = await upload('owner', 'contacts', second, XLSX_TYPE);
    const redone = await run('owner', reuploaded.importId, { mapping });
    expect(redone).toMatchObject({ status: 'completed', summary: { created: 0, updated: 2 } });
    const after = await contacts();
    expect(after.filter((c) => c.email.includes('acme.test') || c.email.includes('beta.test'))).toHaveLength(
      2,
    );
    expect(after.find((c) => c.external_id === 'C-1')).toMatchObject({
      email: 'ana.rossi@acme.test',
      first_name: 'Anna',
    });
    expect(after.find((c) => c.external_id === 'C-2')).toMatchObject({
      email: 'bo@beta.test',
      first_name: 'Bob',
    });
  });

  it('keeps a manager’s import inside their subtree', async () => {
    const csv = 'name,externalId,unit\nAccount Y i,,Region Y\nNew X,NX-1,\n';
    const uploaded = await upload('managerX', 'accounts', csv);
    const dry = await run('managerX', uploaded.importId, { dryRun: true });
    expect(dry.errors).toEqual([
      { line: 2, column: 'unit', message: expect.stringContaining('No unit "Region Y"') },
    ]);
    const updateY = await upload('managerX', 'accounts', 'name,tier\nAccount Y i,hacked\n');
    const refused = await run('managerX', updateY.importId);
    expect(refused.errors).toEqual([
      { line: 2, column: 'name', message: expect.stringContaining('outside your part') },
    ]);
    const done = await run('managerX', uploaded.importId, { skipBadRows: true });
    expect(done.summary).toMatchObject({ created: 1 });
    const rows = await accounts();
    expect(rows.find((a) => a.external_id === 'NX-1')!.unit_id).toBe(org.regionX);
    expect(rows.find((a) => a.account_id === org.accountY)!.tier).toBe('standard');
    expect((await as('viewer', 'POST', '/api/v1/imports/accounts', csv, 'text/csv')).statusCode).toBe(403);
  });

  it('refuses malformed files at upload with one message naming the line, keeping nothing', async () => {
    const count = async () => ({
      imports: (
        await database()
          .db.selectFrom('import_jobs')
          .select('import_id')
          .where('org_id', '=', org.orgId)
          .execute()
      ).length,
      chunks: (
        await database()
          .db.selectFrom('import_file_chunks')
          .select('seq')
          .where('org_id', '=', org.orgId)
          .execute()
      ).length,
    });
    const before = await count();
    const cases: [string | Buffer, string, string, string][] = [
      ['<!DOCTYPE html><html><body>Session expired</body></html>', 'text/csv', 'line 1', 'HTML'],
      [
        Buffer.concat([Buffer.from('name\nok\n'), Buffer.from([0x43, 0x61, 0x66, 0xe9]), Buffer.from('\n')]),
        'text/csv',
        'line 3',
        'UTF-8',
      ],
      ['name,tier\nA,b\nC\n', 'text/csv', 'line 3', 'ragged'],
      ['ana@x.test,Ana\nbo@x.test,Bo\n', 'text/csv', 'line 1', 'header row is missing'],
      ['name\nnot a workbook\n', XLSX_TYPE, 'file', 'not a zip'],
    ];
    for (const [body, type, field, words] of cases) {
      const response = await as('owner', 'POST', '/api/v1/imports/accounts', body, type);
      expect(response.statusCode, String(body)).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const problem = response.json();
      expect(problem.errors).toHaveLength(1);
      expect(problem.errors[0].field).toBe(field);
      expect(problem.errors[0].message).toContain(words);
    }
    expect(await count()).toEqual(before);
  });

  it('returns the first upload to a retry with the same Idempotency-Key', async () => {
    const send = () =>
      as('owner', 'POST', '/api/v1/imports/accounts', 'name\nRetry Ltd\n', 'text/csv', {
        'idempotency-key': 'upload-1',
      });
    const first = (await send()).json();
    const second = (await send()).json();
    expect(second.importId).toBe(first.importId);
  });
});
