import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { signedInAs } from '../../test/requests.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { testApp } from '../../test/testApp.ts';
import { foldRollups, rebuildRollups } from '../analytics/rollups.ts';
import { ACCOUNT_REFERENCES, CONTACT_REFERENCES, HANDLED_APART } from './references.ts';

type Seeded = Awaited<ReturnType<typeof seedOrganisation>>;

describeEachEngine('accounts and contacts', (database) => {
  let app: FastifyInstance;
  let org: Seeded;
  let as: Awaited<ReturnType<typeof signedInAs>>;

  beforeAll(async () => {
    app = await testApp(database());
    org = await seedOrganisation(database(), 'c');
    as = await signedInAs(app, {
      owner: org.emails.owner,
      managerX: org.emails.managerX,
      managerY: org.emails.managerY,
      viewer: org.emails.viewer,
    });
  });
  afterAll(() => app?.close());

  const newAccount = async (who: string, body: Record<string, unknown>, expected = 201) => {
    const response = await as(who, 'POST', '/api/v1/accounts', body);
    expect(response.statusCode, response.body).toBe(expected);
    return (response.json() as { accountId: string }).accountId;
  };
  const newContact = async (who: string, body: Record<string, unknown>, expected = 201) => {
    const response = await as(who, 'POST', '/api/v1/contacts', body);
    expect(response.statusCode, response.body).toBe(expected);
    return (response.json() as { contactId: string }).contactId;
  };

  it('creates and edits accounts inside the actor’s subtree only', async () => {
    const id = await newAccount('managerX', {
      name: '<script>alert(1)</script> Acme',
      externalId: 'CRM-1',
      annualValue: 1200.5,
      renewalDate: '2026-03-31',
      unitId: org.teamX1,
    });
    await newAccount('managerX', { name: 'Elsewhere', unitId: org.regionY }, 404);
    await newAccount('managerX', { name: 'Nowhere' }, 403);
    await newAccount('viewer', { name: 'Viewer', unitId: org.teamX1 }, 403);
    await newAccount('owner', { name: 'Dup', externalId: 'CRM-1' }, 409);
    const read = await as('managerX', 'GET', `/api/v1/accounts/${id}`);
    // Untrusted names come back as data, never interpreted.
    expect(read.json().account).toMatchObject({
      name: '<script>alert(1)</script> Acme',
      annualValue: 1200.5,
      renewalDate: '2026-03-31',
      externalId: 'CRM-1',
    });
    expect((await as('managerY', 'PATCH', `/api/v1/accounts/${id}`, { tier: 'key' })).statusCode).toBe(404);
    expect(
      (await as('managerX', 'PATCH', `/api/v1/accounts/${id}`, { unitId: org.regionY })).statusCode,
    ).toBe(404);
    expect((await as('managerX', 'PATCH', `/api/v1/accounts/${id}`, { annualValue: -1 })).statusCode).toBe(
      400,
    );
    const moved = await as('owner', 'PATCH', `/api/v1/accounts/${id}`, { unitId: org.regionY, tier: 'key' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await as('managerX', 'GET', `/api/v1/accounts/${id}`)).statusCode).toBe(404);
    expect((await as('managerY', 'GET', `/api/v1/accounts/${id}`)).json().account.tier).toBe('key');
  });

  it('creates and edits contacts of accounts in scope, one per email address', async () => {
    const accountId = await newAccount('managerX', { name: 'Contacts Ltd', unitId: org.teamX1 });
    const contactId = await newContact('managerX', {
      accountId,
      email: 'Ana@Example.test',
      firstName: 'Ana',
      buyingRole: 'decision_maker',
    });
    await newContact('managerX', { accountId, email: 'ana@example.TEST' }, 409);
    await newContact('managerY', { accountId, email: 'other@example.test' }, 404);
    await newContact('managerX', { accountId, email: 'not-an-email' }, 400);
    const edited = await as('managerX', 'PATCH', `/api/v1/contacts/${contactId}`, {
      language: 'IT',
      optedOut: true,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const contact = (await as('managerX', 'GET', `/api/v1/contacts/${contactId}`)).json();
    expect(contact).toMatchObject({
      email: 'ana@example.test',
      language: 'it',
      optedOut: true,
      buyingRole: 'decision_maker',
    });
    expect((await as('managerY', 'GET', `/api/v1/contacts/${contactId}`)).statusCode).toBe(404);
    expect(
      (await as('managerX', 'PATCH', `/api/v1/contacts/${contactId}`, { accountId: org.accountY }))
        .statusCode,
    ).toBe(404);
  });

  it('merges an account: contacts, responses, comments and rollups move to the survivor in one audited step', async () => {
    const db = database().db;
    const survivor = await newAccount('owner', { name: 'Survivor', unitId: org.teamX1, tier: 'key' });
    const loser = await newAccount('owner', {
      name: 'Loser',
      unitId: org.teamX1,
      externalId: 'CRM-L',
      industry: 'retail',
    });
    const contact = await newContact('owner', {
      accountId: loser,
      email: 'l@loser.test',
      buyingRole: 'user',
    });
    const responses = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    await db
      .insertInto('responses')
      .values(
        responses.map((response_id, i) => ({
          org_id: org.orgId,
          response_id,
          survey_id: org.surveyId,
          survey_version: 1,
          account_id: i === 0 ? survivor : loser,
          contact_id: i === 0 ? null : contact,
          unit_id: org.teamX1,
          nps: 3 + i * 3,
          answers: '{}',
          hidden: '{}',
        })),
      )
      .execute();
    await db
      .insertInto('comments')
      .values({
        org_id: org.orgId,
        response_id: responses[1],
        text: 'slow',
        account_id: loser,
        contact_id: contact,
      })
      .execute();
    // Two responses are folded into the rollups already; the third is still queued.
    await db
      .insertInto('rollup_queue')
      .values(responses.slice(0, 2).map((response_id) => ({ org_id: org.orgId, response_id, sign: 1 })))
      .execute();
    await foldRollups(database());
    await db
      .insertInto('rollup_queue')
      .values({ org_id: org.orgId, response_id: responses[2], sign: 1 })
      .execute();

    expect(
      (await as('managerY', 'POST', `/api/v1/accounts/${survivor}/merge`, { fromAccountId: loser }))
        .statusCode,
    ).toBe(404);
    expect(
      (await as('managerX', 'POST', `/api/v1/accounts/${survivor}/merge`, { fromAccountId: org.accountY }))
        .statusCode,
    ).toBe(404);
    const merged = await as('managerX', 'POST', `/api/v1/accounts/${survivor}/merge`, {
      fromAccountId: loser,
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json().moved).toMatchObject({ contacts: 1, responses: 2, comments: 1 });

    expect(
      await db
        .selectFrom('accounts')
        .select('account_id')
        .where('org_id', '=', org.orgId)
        .where('account_id', '=', loser)
        .execute(),
    ).toEqual([]);
    const kept = await db
      .selectFrom('accounts')
      .selectAll()
      .where('org_id', '=', org.orgId)
      .where('account_id', '=', survivor)
      .executeTakeFirstOrThrow();
    expect(kept).toMatchObject({ tier: 'key', industry: 'retail', external_id: 'CRM-L', name: 'Survivor' });
    const stillLoser = await sql<{ n: number }>`select
        (select count(*) from responses where org_id = ${org.orgId} and account_id = ${loser})
      + (select count(*) from comments where org_id = ${org.orgId} and account_id = ${loser})
      + (select count(*) from contacts where org_id = ${org.orgId} and account_id = ${loser})
      + (select count(*) from rollup_account_monthly where org_id = ${org.orgId} and account_id = ${loser}) as n`.execute(
      db,
    );
    expect(Number(stillLoser.rows[0].n)).toBe(0);
    const audit = await db
      .selectFrom('audit_log')
      .select(['details'])
      .where('org_id', '=', org.orgId)
      .where('action', '=', 'account.merge')
      .executeTakeFirstOrThrow();
    expect((audit.details as { merged: { name: string } }).merged.name).toBe('Loser');

    // After the queue is folded, the account rollups equal a rebuild from scratch.
    await foldRollups(database());
    // Only this test's accounts: the seeded responses were never queued, so a rebuild adds them.
    const cells = async () =>
      (
        await sql<{
          cell_key: string;
          n: string;
          nps_sum: number;
        }>`select cell_key, n::text, nps_sum from rollup_account_monthly
          where org_id = ${org.orgId} and account_id in (${survivor}, ${loser}) order by cell_key`.execute(db)
      ).rows;
    const afterMerge = await cells();
    await rebuildRollups(database(), org.orgId);
    expect(afterMerge).toEqual(await cells());
    expect(afterMerge.reduce((n, c) => n + Number(c.n), 0)).toBe(3);
  });

  it('merges a contact: its responses, comments and opt-out move to the survivor', async () => {
    const db = database().db;
    const accountId = await newAccount('owner', { name: 'People Inc', unitId: org.teamX1 });
    const keep = await newContact('owner', { accountId, email: 'keep@people.test', firstName: 'Kim' });
    const drop = await newContact('owner', {
      accountId,
      email: 'k.old@people.test',
      lastName: 'Lee',
      externalId: 'P-9',
      buyingRole: 'finance',
      optedOut: true,
    });
    const responseId = crypto.randomUUID();
    await db
      .insertInto('responses')
      .values({
        org_id: org.orgId,
        response_id: responseId,
        survey_id: org.surveyId,
        survey_version: 1,
        account_id: accountId,
        contact_id: drop,
        unit_id: org.teamX1,
        nps: 10,
        answers: '{}',
        hidden: '{}',
      })
      .execute();
    await db
      .insertInto('comments')
      .values({ org_id: org.orgId, response_id: responseId, text: 'great', contact_id: drop })
      .execute();
    await db
      .insertInto('rollup_queue')
      .values({ org_id: org.orgId, response_id: responseId, sign: 1 })
      .execute();
    await foldRollups(database());
    const merged = await as('managerX', 'POST', `/api/v1/contacts/${keep}/merge`, { fromContactId: drop });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json().moved).toMatchObject({ responses: 1, comments: 1 });
    const survivor = (await as('owner', 'GET', `/api/v1/contacts/${keep}`)).json();
    expect(survivor).toMatchObject({
      firstName: 'Kim',
      lastName: 'Lee',
      externalId: 'P-9',
      buyingRole: 'finance',
      optedOut: true,
      email: 'keep@people.test',
    });
    expect((await as('owner', 'GET', `/api/v1/contacts/${drop}`)).statusCode).toBe(404);
    const heard = await sql<{
      contact_id: string;
    }>`select contact_id from heard_contacts where org_id = ${org.orgId} and account_id = ${accountId}`.execute(
      db,
    );
    expect(heard.rows.map((r) => r.contact_id)).toEqual([keep]);
    expect(
      (await as('owner', 'POST', `/api/v1/contacts/${keep}/merge`, { fromContactId: keep })).statusCode,
    ).toBe(400);
  });

  it('knows every column that points at an account or a contact', async () => {
    const { rows } = await sql<{ name: string }>`select table_name || '.' || column_name as name
      from information_schema.columns
      where table_schema = current_schema() and column_name in ('account_id', 'contact_id')`.execute(
      database().db,
    );
    const known = new Set([
      ...ACCOUNT_REFERENCES.map((r) => `${r.table}.${r.column}`),
      ...CONTACT_REFERENCES.map((r) => `${r.table}.${r.column}`),
      ...HANDLED_APART,
    ]);
    expect(rows.map((r) => r.name).filter((name) => !known.has(name))).toEqual([]);
  });
});
