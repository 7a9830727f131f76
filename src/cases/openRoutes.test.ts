import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testActing } from '../../test/actingFixtures.ts';
import { describeEachEngine } from '../../test/engines.ts';
import { seedOrganisation, TEST_PASSWORD } from '../../test/seedOrganisation.ts';
import { signIn } from '../../test/testApp.ts';
import { transaction } from '../db/database.ts';
import { buildApp } from '../http/app.ts';
import { createUser } from '../identity/users.ts';
import { loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';

describeEachEngine('opening a case by hand, case counts and assignees', (database) => {
  let app: FastifyInstance;
  const acting = testActing();
  let org: Awaited<ReturnType<typeof seedOrganisation>>;
  let agentEmail: string;
  let agentId: string;
  let commentX: string;

  beforeAll(async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent', RAPPORT_DATA_DIR: 'memory' });
    app = await buildApp({ database: database(), config, logger: createLogger('silent'), acting });
    org = await seedOrganisation(database(), 'open-cases');
    agentEmail = `agent-${org.orgId.slice(0, 8)}@open.test`;
    agentId = await transaction(database(), (trx) =>
      createUser(trx, {
        orgId: org.orgId,
        email: agentEmail,
        name: 'Agent Zed',
        password: TEST_PASSWORD,
        role: 'agent',
        unitId: org.teamX1,
      }),
    );
    commentX = (
      await database()
        .db.insertInto('comments')
        .values({
          org_id: org.orgId,
          source: 'survey',
          text: 'Billing is a mess.',
          response_id: org.responseX,
        })
        .returning('comment_id')
        .executeTakeFirstOrThrow()
    ).comment_id;
  });
  afterAll(() => app?.close());

  const as = async (email: string) => {
    const session = await signIn(app, email);
    return { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
  };
  const summary = async (email: string, query = '') => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/cases/summary${query}`,
      headers: await as(email),
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { open: number; overdue: number; mine: number };
  };

  it('opens a case from a comment, owned by whoever opened it, audited, once per Idempotency-Key', async () => {
    expect(await summary(org.emails.managerX)).toEqual({ open: 0, overdue: 0, mine: 0 });
    const headers = { ...(await as(org.emails.managerX)), 'idempotency-key': 'open-1' };
    const first = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers,
      payload: { responseId: org.responseX, commentId: commentX, priority: 'high' },
    });
    expect(first.statusCode, first.body).toBe(201);
    const { caseId } = first.json();
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers,
      payload: { responseId: org.responseX, commentId: commentX, priority: 'high' },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().caseId).toBe(caseId);

    const read = await app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers });
    expect(read.statusCode).toBe(200);
    const managerX = await database()
      .db.selectFrom('users')
      .select('user_id')
      .where('email', '=', org.emails.managerX)
      .executeTakeFirstOrThrow();
    expect(read.json()).toMatchObject({
      ruleId: null,
      responseId: org.responseX,
      priority: 'high',
      status: 'new',
      unitId: org.teamX1,
      accountId: org.accountX,
      ownerUserId: managerX.user_id,
      ownerReason: 'opened_by_user',
      title: expect.stringContaining('Account X'),
    });
    expect(read.json().entries).toMatchObject([{ kind: 'opened', details: { commentId: commentX } }]);
    const audit = await database()
      .db.selectFrom('audit_log')
      .select('action')
      .where('org_id', '=', org.orgId)
      .where('target_id', '=', caseId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['case.open']);
    expect(await summary(org.emails.managerX)).toEqual({ open: 1, overdue: 0, mine: 1 });
    expect(await summary(org.emails.owner)).toMatchObject({ open: 1, mine: 0 });
    expect(await summary(org.emails.owner, `?unitId=${org.regionX}`)).toMatchObject({ open: 1 });
    expect(await summary(org.emails.owner, `?unitId=${org.regionY}`)).toMatchObject({ open: 0 });
    expect(await summary(org.emails.managerY)).toMatchObject({ open: 0 });

    // Past the first-contact deadline with no contact logged, the case counts as overdue.
    acting.clock.at = new Date(acting.clock.at.getTime() + 25 * 3_600_000);
    expect(await summary(org.emails.managerX)).toMatchObject({ open: 1, overdue: 1 });

    // Resolving it takes it out of the open count.
    const resolve = await app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${caseId}`,
      headers,
      payload: { status: 'resolved', resolution: 'Called back, credit note sent.' },
    });
    expect(resolve.statusCode, resolve.body).toBe(204);
    expect(await summary(org.emails.managerX)).toEqual({ open: 0, overdue: 0, mine: 0 });
  });

  it('gives the case to a named colleague and tells them in their inbox', async () => {
    const headers = await as(org.emails.analyst);
    const opened = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers,
      payload: { responseId: org.responseX, title: 'Call them about billing', ownerUserId: agentId },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const inbox = await app.inject({ method: 'GET', url: '/api/v1/inbox', headers: await as(agentEmail) });
    expect(inbox.json().events).toMatchObject([
      { kind: 'case.created', caseId: opened.json().caseId, title: 'Call them about billing' },
    ]);
    const { cases } = (
      await app.inject({ method: 'GET', url: '/api/v1/cases', headers: await as(agentEmail) })
    ).json();
    expect(cases.map((c: { caseId: string }) => c.caseId)).toEqual([opened.json().caseId]);
  });

  it('refuses responses out of scope, comments of another response, agents and viewers; writes nothing', async () => {
    const before = await database()
      .db.selectFrom('cases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('org_id', '=', org.orgId)
      .executeTakeFirstOrThrow();
    const managerY = await as(org.emails.managerY);
    const outOfScope = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: managerY,
      payload: { responseId: org.responseX },
    });
    expect(outOfScope.statusCode).toBe(400);
    expect(outOfScope.json().errors).toEqual([{ field: 'body.responseId', message: 'Unknown response' }]);
    const wrongComment = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: managerY,
      payload: { responseId: org.responseY, commentId: commentX },
    });
    expect(wrongComment.statusCode).toBe(400);
    expect(wrongComment.json().errors[0].field).toBe('body.commentId');
    for (const email of [agentEmail, org.emails.viewer]) {
      const refused = await app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: await as(email),
        payload: { responseId: org.responseX },
      });
      expect(refused.statusCode).toBe(403);
    }
    const after = await database()
      .db.selectFrom('cases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('org_id', '=', org.orgId)
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('lists as assignees the case workers in scope', async () => {
    const names = async (email: string) =>
      (await app.inject({ method: 'GET', url: '/api/v1/cases/assignees', headers: await as(email) }))
        .json()
        .users.map((u: { name: string; role: string }) => u.role);
    const everyone = await names(org.emails.owner);
    expect(everyone.sort()).toEqual(['agent', 'analyst', 'manager', 'manager', 'owner']);
    // Manager X sees their subtree (themselves and the agent of team X1), not manager Y.
    expect((await names(org.emails.managerX)).sort()).toEqual(['agent', 'manager']);
  });
});
