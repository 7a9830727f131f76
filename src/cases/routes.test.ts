import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRule, testActing } from '../../test/actingFixtures.ts';
import { describeEachEngine } from '../../test/engines.ts';
import { seedOrganisation, TEST_PASSWORD } from '../../test/seedOrganisation.ts';
import { signIn } from '../../test/testApp.ts';
import { openCasesForResponses } from '../alerts/evaluate.ts';
import { transaction } from '../db/database.ts';
import { buildApp } from '../http/app.ts';
import { createUser } from '../identity/users.ts';
import { loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { checkbackLink } from './checkback.ts';

describeEachEngine('cases API', (database) => {
  let app: FastifyInstance;
  const acting = testActing();
  let org: Awaited<ReturnType<typeof seedOrganisation>>;
  let agentEmail: string;
  let agentId: string;
  let caseX: string;
  let caseY: string;

  beforeAll(async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent', RAPPORT_DATA_DIR: 'memory' });
    app = await buildApp({ database: database(), config, logger: createLogger('silent'), acting });
    org = await seedOrganisation(database(), 'cases');
    agentEmail = `agent-${org.orgId.slice(0, 8)}@cases.test`;
    agentId = await transaction(database(), (trx) =>
      createUser(trx, {
        orgId: org.orgId,
        email: agentEmail,
        name: 'Agent',
        password: TEST_PASSWORD,
        role: 'agent',
        unitId: org.teamX1,
      }),
    );
    await database()
      .db.updateTable('accounts')
      .set({ owner_user_id: agentId })
      .where('org_id', '=', org.orgId)
      .where('account_id', '=', org.accountX)
      .execute();
    await database()
      .db.insertInto('contacts')
      .values({
        org_id: org.orgId,
        account_id: org.accountX,
        first_name: 'Ada',
        last_name: 'Buyer',
        email: 'ada@customer.test',
      })
      .execute();
    await createRule(database(), org.orgId, { conditions: [{ type: 'nps_at_most', value: 9 }] });
    const opened = await transaction(database(), (trx) =>
      openCasesForResponses(trx, acting, org.orgId, [org.responseX, org.responseY]),
    );
    caseX = opened.find((c) => c.responseId === org.responseX)!.caseId;
    caseY = opened.find((c) => c.responseId === org.responseY)!.caseId;
  });
  afterAll(() => app?.close());

  const as = async (email: string) => {
    const session = await signIn(app, email);
    return { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
  };
  const listed = async (email: string) => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/cases', headers: await as(email) });
    expect(response.statusCode).toBe(200);
    return (response.json().cases as { caseId: string }[]).map((c) => c.caseId).sort();
  };

  it('agents see their own cases, managers their subtree, analysts everything in scope', async () => {
    expect(await listed(agentEmail)).toEqual([caseX]);
    expect(await listed(org.emails.managerX)).toEqual([caseX]);
    expect(await listed(org.emails.managerY)).toEqual([caseY]);
    expect(await listed(org.emails.analyst)).toEqual([caseX, caseY].sort());
    expect(await listed(org.emails.viewer)).toEqual([caseX]);
    const hidden = await app.inject({
      method: 'GET',
      url: `/api/v1/cases/${caseY}`,
      headers: await as(agentEmail),
    });
    expect(hidden.statusCode).toBe(404);
    const change = await app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${caseY}`,
      headers: await as(agentEmail),
      payload: { status: 'in_progress' },
    });
    expect(change.statusCode).toBe(404);
    // A viewer reads but does not work cases.
    const viewer = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseX}/entries`,
      headers: await as(org.emails.viewer),
      payload: { kind: 'note', body: 'x' },
    });
    expect(viewer.statusCode).toBe(403);
  });

  it('works a case: contact log, notes kept as text, root cause, resolution, life cycle; all audited', async () => {
    const headers = await as(agentEmail);
    const call = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseX}/entries`,
      headers: { ...headers, 'idempotency-key': 'call-1' },
      payload: {
        kind: 'call',
        body: 'Called Ada, she explained the invoice problem.',
        direction: 'outbound',
      },
    });
    expect(call.statusCode).toBe(201);
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseX}/entries`,
      headers: { ...headers, 'idempotency-key': 'call-1' },
      payload: {
        kind: 'call',
        body: 'Called Ada, she explained the invoice problem.',
        direction: 'outbound',
      },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().entryId).toBe(call.json().entryId);
    const note = '<script>alert("x")</script><b>bold</b> & more';
    await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseX}/entries`,
      headers,
      payload: { kind: 'note', body: note },
    });
    const refused = await app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${caseX}`,
      headers,
      payload: { status: 'closed' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().errors[0].field).toBe('body.status');
    const noResolution = await app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${caseX}`,
      headers,
      payload: { status: 'resolved' },
    });
    expect(noResolution.statusCode).toBe(400);
    expect(noResolution.json().errors[0].field).toBe('body.resolution');
    const badCause = await app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${caseX}`,
      headers,
      payload: { rootCause: 'force:pride' },
    });
    expect(badCause.statusCode).toBe(400);
    const resolve = await app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${caseX}`,
      headers,
      payload: { status: 'resolved', rootCause: 'force:certainty', resolution: 'Credit note issued.' },
    });
    expect(resolve.statusCode).toBe(204);
    const read = await app.inject({ method: 'GET', url: `/api/v1/cases/${caseX}`, headers });
    const body = read.json();
    expect(body).toMatchObject({
      status: 'resolved',
      rootCause: 'force:certainty',
      resolution: 'Credit note issued.',
      nextStatuses: ['closed', 'reopened'],
    });
    expect(body.firstContactedAt).not.toBeNull();
    expect(body.entries.filter((e: { kind: string }) => e.kind === 'call')).toHaveLength(1);
    // JSON carries the note as the exact text written (clients render it as text).
    expect(body.entries.find((e: { kind: string }) => e.kind === 'note').body).toBe(note);
    expect(read.headers['content-type']).toContain('application/json');
    const audit = await database()
      .db.selectFrom('audit_log')
      .select('action')
      .where('org_id', '=', org.orgId)
      .where('target_id', '=', caseX)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['case.call', 'case.note', 'case.update']);
  });

  it('the customer answers the check-back: the page only asks, a "no" reopens the case and tells its owner', async () => {
    const { signing_key } = await database()
      .db.selectFrom('organisations')
      .select('signing_key')
      .where('org_id', '=', org.orgId)
      .executeTakeFirstOrThrow();
    await database()
      .db.updateTable('cases')
      .set({ status: 'resolved', resolution: 'Done' })
      .where('org_id', '=', org.orgId)
      .where('case_id', '=', caseY)
      .execute();
    const link = new URL(checkbackLink('http://rapport.test', signing_key, org.orgId, caseY, 'no'));
    const page = await app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<form method="post"');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    const status = async () =>
      await database()
        .db.selectFrom('cases')
        .select(['status', 'checkback_answer'])
        .where('org_id', '=', org.orgId)
        .where('case_id', '=', caseY)
        .executeTakeFirstOrThrow();
    expect((await status()).status).toBe('resolved');
    const forged = await app.inject({
      method: 'POST',
      url: link.pathname,
      payload: { sig: 'x'.repeat(43), answer: 'no' },
    });
    expect(forged.statusCode).toBe(400);
    const no = await app.inject({
      method: 'POST',
      url: link.pathname,
      payload: { sig: link.searchParams.get('sig')!, answer: 'no' },
    });
    expect(no.statusCode).toBe(200);
    expect(await status()).toEqual({ status: 'reopened', checkback_answer: 'no' });
    const told = await database()
      .db.selectFrom('inbox_events')
      .select(['kind', 'user_id'])
      .where('org_id', '=', org.orgId)
      .where('case_id', '=', caseY)
      .where('kind', '=', 'case.reopened')
      .execute();
    expect(told).toHaveLength(1);
  });
});
