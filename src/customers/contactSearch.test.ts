import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { signIn, testApp } from '../../test/testApp.ts';

describeEachEngine('contact search', (database) => {
  let app: FastifyInstance;
  let org: Awaited<ReturnType<typeof seedOrganisation>>;
  let other: Awaited<ReturnType<typeof seedOrganisation>>;
  const cookies: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await testApp(database());
    org = await seedOrganisation(database(), 'search');
    other = await seedOrganisation(database(), 'elsewhere');
    const add = async (orgId: string, accountId: string, first: string, last: string, email: string) =>
      (
        await database()
          .db.insertInto('contacts')
          .values({ org_id: orgId, account_id: accountId, first_name: first, last_name: last, email })
          .returning('contact_id')
          .executeTakeFirstOrThrow()
      ).contact_id;
    ids.anna = await add(org.orgId, org.accountX, 'Anna', 'Rossi', 'anna.rossi@x.test');
    ids.bruno = await add(org.orgId, org.accountY, 'Bruno', 'Rossini', 'bruno@y.test');
    ids.percent = await add(org.orgId, org.accountX, 'Carla', 'Cento', 'carla_100%@x.test');
    ids.stranger = await add(other.orgId, other.accountX, 'Anna', 'Rossi', 'anna@other.test');
    for (const [who, email] of Object.entries({
      owner: org.emails.owner,
      managerX: org.emails.managerX,
      managerY: org.emails.managerY,
      viewer: org.emails.viewer,
    }))
      cookies[who] = (await signIn(app, email)).cookie;
  });
  afterAll(() => app?.close());

  const search = async (who: string, query: string) => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/contacts?${query}`,
      headers: { cookie: cookies[who] },
    });
    return { status: response.statusCode, body: response.json() };
  };
  const found = async (who: string, q: string) =>
    ((await search(who, `q=${encodeURIComponent(q)}`)).body.contacts as { contactId: string }[]).map(
      (c) => c.contactId,
    );

  it('matches name, full name, e-mail and account name, case-insensitively, in the organisation only', async () => {
    expect(await found('owner', 'ROSS')).toEqual([ids.anna, ids.bruno]);
    expect(await found('owner', 'anna rossi')).toEqual([ids.anna]);
    expect(await found('owner', 'bruno@y')).toEqual([ids.bruno]);
    expect(await found('owner', 'Account Y search')).toEqual([ids.bruno]);
    const { body } = await search('owner', 'q=anna');
    expect(body.contacts[0]).toMatchObject({
      firstName: 'Anna',
      lastName: 'Rossi',
      accountId: org.accountX,
      accountName: 'Account X search',
      optedOut: false,
    });
    expect(JSON.stringify(body)).not.toContain(ids.stranger);
  });

  it('limits each reader to the contacts of accounts in their subtree', async () => {
    expect(await found('managerX', 'ross')).toEqual([ids.anna]);
    expect(await found('managerY', 'ross')).toEqual([ids.bruno]);
    // The viewer is scoped to team X1, where account X sits.
    expect(await found('viewer', 'ross')).toEqual([ids.anna]);
    const all = await search('managerY', 'limit=50');
    expect((all.body.contacts as { contactId: string }[]).map((c) => c.contactId)).toEqual([ids.bruno]);
  });

  it('takes % and _ literally, and names a query that is too short', async () => {
    expect(await found('owner', '100%')).toEqual([ids.percent]);
    expect(await found('owner', 'ann_')).toEqual([]);
    const short = await search('owner', 'q=a');
    expect(short.status).toBe(400);
    expect(short.body.errors[0].field).toContain('q');
    expect((await app.inject({ method: 'GET', url: '/api/v1/contacts?q=anna' })).statusCode).toBe(401);
  });
});
