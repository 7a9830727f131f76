import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { signIn, testApp } from '../../test/testApp.ts';
import { DEFAULT_HEALTH_SETTINGS } from '../domain/accounts/healthScore.ts';

describeEachEngine('Customer Health Score settings', (database) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp(database());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('starts from the defaults, lets an admin set weights and thresholds, and names wrong fields', async () => {
    const org = await seedOrganisation(database(), 'health');
    const owner = await signIn(app, org.emails.owner);
    const analyst = await signIn(app, org.emails.analyst);
    const first = await app.inject({
      method: 'GET',
      url: '/api/v1/health-score',
      headers: { cookie: owner.cookie },
    });
    expect(first.json()).toMatchObject({
      settings: DEFAULT_HEALTH_SETTINGS,
      custom: false,
      casesInUse: false,
    });

    const settings = {
      weights: { strength: 1, nps: 1, coverage: 0, openCases: 2 },
      thresholds: { amber: 40, green: 65 },
      casePenalty: 10,
    };
    const refused = await app.inject({
      method: 'PUT',
      url: '/api/v1/health-score/settings',
      headers: { cookie: analyst.cookie, 'x-csrf-token': analyst.csrfToken },
      payload: settings,
    });
    expect(refused.statusCode).toBe(403);
    const wrong = await app.inject({
      method: 'PUT',
      url: '/api/v1/health-score/settings',
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken },
      payload: {
        ...settings,
        weights: { ...settings.weights, strength: 0, nps: 0 },
        thresholds: { amber: 70, green: 60 },
      },
    });
    expect(wrong.statusCode).toBe(400);
    expect(
      wrong
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body.thresholds.green', 'body.weights.strength']);
    const put = await app.inject({
      method: 'PUT',
      url: '/api/v1/health-score/settings',
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken },
      payload: settings,
    });
    expect(put.statusCode).toBe(200);
    const again = await app.inject({
      method: 'PUT',
      url: '/api/v1/health-score/settings',
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken },
      payload: settings,
    });
    expect(again.statusCode).toBe(200);
    // Read by anyone who reads accounts; another organisation keeps its defaults.
    const read = await app.inject({
      method: 'GET',
      url: '/api/v1/health-score',
      headers: { cookie: analyst.cookie },
    });
    expect(read.json()).toMatchObject({ settings, custom: true });
    const other = await seedOrganisation(database(), 'health2');
    const otherOwner = await signIn(app, other.emails.owner);
    const otherRead = await app.inject({
      method: 'GET',
      url: '/api/v1/health-score',
      headers: { cookie: otherOwner.cookie },
    });
    expect(otherRead.json().settings).toEqual(DEFAULT_HEALTH_SETTINGS);
  });

  it("counts open cases per account, only within the reader's scope", async () => {
    const org = await seedOrganisation(database(), 'healthcases');
    const base = {
      org_id: org.orgId,
      rule_id: crypto.randomUUID(),
      title: 'Detractor',
      priority: 'high',
      owner_reason: 'test',
      channels: ['inbox'],
      escalation_step_hours: 24,
      first_contact_due_at: new Date(),
      resolution_due_at: new Date(),
    };
    await database()
      .db.insertInto('cases')
      .values([
        {
          ...base,
          response_id: crypto.randomUUID(),
          account_id: org.accountX,
          unit_id: org.teamX1,
          status: 'new',
        },
        {
          ...base,
          response_id: crypto.randomUUID(),
          account_id: org.accountX,
          unit_id: org.teamX1,
          status: 'reopened',
        },
        {
          ...base,
          response_id: crypto.randomUUID(),
          account_id: org.accountX,
          unit_id: org.teamX1,
          status: 'closed',
        },
        {
          ...base,
          response_id: crypto.randomUUID(),
          account_id: org.accountY,
          unit_id: org.regionY,
          status: 'in_progress',
        },
      ] as never)
      .execute();
    const owner = await signIn(app, org.emails.owner);
    const managerX = await signIn(app, org.emails.managerX);
    const all = await app.inject({
      method: 'GET',
      url: '/api/v1/health-score',
      headers: { cookie: owner.cookie },
    });
    expect(all.json().casesInUse).toBe(true);
    expect(
      [...all.json().openCases].sort((a: { accountId: string }, b: { accountId: string }) =>
        a.accountId.localeCompare(b.accountId),
      ),
    ).toEqual(
      [
        { accountId: org.accountX, open: 2 },
        { accountId: org.accountY, open: 1 },
      ].sort((a, b) => a.accountId.localeCompare(b.accountId)),
    );
    const scoped = await app.inject({
      method: 'GET',
      url: '/api/v1/health-score',
      headers: { cookie: managerX.cookie },
    });
    expect(scoped.json().openCases).toEqual([{ accountId: org.accountX, open: 2 }]);
  });
});
