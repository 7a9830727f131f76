import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRule, testActing } from '../../test/actingFixtures.ts';
import { describeEachEngine } from '../../test/engines.ts';
import { useJobQueue } from '../../test/jobQueue.ts';
import { seedOrganisation, TEST_PASSWORD } from '../../test/seedOrganisation.ts';
import { startSmtpServer, type TestSmtpServer } from '../../test/smtpServer.ts';
import { signIn, testApp } from '../../test/testApp.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../test/webhookReceiver.ts';
import { enqueueForAlerts } from '../alerts/alertQueue.ts';
import { sweepAlertQueue } from '../alerts/alertSweeper.ts';
import { transaction } from '../db/database.ts';
import { createUser } from '../identity/users.ts';
import { createMailer, type Mailer } from '../mail/mailer.ts';
import { createLogger } from '../platform/logger.ts';
import type { Actor } from '../policies/actor.ts';
import { newWebhookSecret } from '../webhooks/secret.ts';
import { startWebhookWork, type WebhookWork } from '../webhooks/worker.ts';
import { updateCase } from './caseActions.ts';
import { startCaseMailWork } from './caseMail.ts';
import { escalateOverdueCases } from './escalate.ts';

const HOSTILE = '<script>alert("pwned")</script><img src=x onerror=alert(1)>';

describeEachEngine('case notifications: SMTP, signed webhooks, check-back', (database) => {
  const jobQueue = useJobQueue(database);
  let smtp: TestSmtpServer;
  let mailer: Mailer;
  let receiver: WebhookReceiver;
  let app: FastifyInstance;
  let webhookWork: WebhookWork;
  const secret = newWebhookSecret();

  beforeAll(async () => {
    smtp = await startSmtpServer();
    mailer = createMailer({ url: smtp.url, from: 'Rapport <alerts@rapport.test>' });
    receiver = await startWebhookReceiver(secret);
    // The webhook receiver listens on 127.0.0.1, so private receivers are allowed (as on premises).
    app = await testApp(database(), { mailer, env: { RAPPORT_WEBHOOK_ALLOW_PRIVATE: '1' } });
    webhookWork = await startWebhookWork(jobQueue(), database(), createLogger('silent'), {
      pollingIntervalSeconds: 0.5,
      sweepEveryMs: 60_000,
      allowPrivateReceivers: true,
    });
  });
  afterAll(async () => {
    webhookWork?.stop();
    await app?.close();
    await mailer?.close();
    await smtp?.close();
    await receiver?.close();
  });

  it('emails the owner, signs webhooks, asks the customer, and a "no" reopens the case', async () => {
    const acting = testActing({ jobs: jobQueue(), publicUrl: 'http://rapport.test' });
    await startCaseMailWork(jobQueue(), database(), mailer, acting, { pollingIntervalSeconds: 0.5 });
    const org = await seedOrganisation(database(), 'notify');
    const tag = org.orgId.slice(0, 8);
    const agentEmail = `agent-${tag}@notify.test`;
    const agentId = await transaction(database(), (trx) =>
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
      .set({ owner_user_id: agentId, name: `Acme ${HOSTILE}` })
      .where('org_id', '=', org.orgId)
      .where('account_id', '=', org.accountX)
      .execute();
    const contact = await database()
      .db.insertInto('contacts')
      .values({
        org_id: org.orgId,
        account_id: org.accountX,
        first_name: 'Ada',
        last_name: 'Buyer',
        email: `ada-${tag}@customer.test`,
        language: 'it',
      })
      .returning('contact_id')
      .executeTakeFirstOrThrow();
    const owner = await signIn(app, org.emails.owner);
    const endpoint = await app.inject({
      method: 'POST',
      url: '/api/v1/webhooks/endpoints',
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken },
      payload: {
        url: receiver.url,
        secret,
        eventTypes: ['case.created', 'case.resolved', 'case.reopened', 'case.escalated'],
      },
    });
    expect(endpoint.statusCode, endpoint.body).toBe(201);
    await createRule(database(), org.orgId, {
      name: 'Detractor',
      conditions: [{ type: 'nps_at_most', value: 6 }],
    });

    const responseId = crypto.randomUUID();
    await transaction(database(), async (trx) => {
      await trx
        .insertInto('responses')
        .values({
          org_id: org.orgId,
          response_id: responseId,
          survey_id: org.surveyId,
          survey_version: 1,
          account_id: org.accountX,
          contact_id: contact.contact_id,
          unit_id: org.teamX1,
          nps: 2,
          answers: '{}',
          hidden: '{}',
        })
        .execute();
      await trx
        .insertInto('comments')
        .values({ org_id: org.orgId, response_id: responseId, text: `Terrible. ${HOSTILE}` })
        .execute();
      await enqueueForAlerts(trx, org.orgId, responseId);
    });
    const { opened } = await sweepAlertQueue(database(), acting);
    expect(opened).toHaveLength(1);
    const caseId = opened[0].caseId;

    // The owner's email, over real SMTP: untrusted text escaped in HTML, as written in the text part.
    const [created] = await smtp.waitFor(1, 10_000);
    expect(created.to).toEqual([agentEmail]);
    expect(created.parsed.subject).toContain('New case: Detractor: Acme');
    const htmlPart = String(created.parsed.html);
    expect(htmlPart).not.toContain('<script>');
    expect(htmlPart).not.toContain('<img');
    expect(htmlPart).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;');
    expect(created.parsed.text).toContain(HOSTILE);

    // The signed webhook verifies with the endpoint's secret.
    const [hook] = await receiver.waitFor(1, 10_000);
    expect(hook.verifyError).toBeNull();
    expect(hook.verified).toMatchObject({
      type: 'case.created',
      data: { caseId, responseId, ownerUserId: agentId },
    });
    expect(hook.headers['webhook-signature']).toMatch(/^v1,/);

    // Resolving emails the customer the check-back, in their language, with signed answer links.
    const agent: Actor = {
      orgId: org.orgId,
      kind: 'user',
      userId: agentId,
      tokenId: null,
      role: 'agent',
      unitId: org.teamX1,
      unitPath: `/${org.regionX}/${org.teamX1}/`,
    };
    await updateCase(database(), acting, agent, caseId, {
      status: 'resolved',
      resolution: 'Refund issued',
      rootCause: 'force:fairTreatment',
    });
    const mails = await smtp.waitFor(2, 10_000);
    const checkback = mails.find((m) => m.to[0] === `ada-${tag}@customer.test`)!;
    expect(checkback.parsed.subject).toBe('Il problema è stato risolto in modo soddisfacente?');
    const noLink = new URL(checkback.links().find((l) => l.includes('answer=no'))!);
    const page = await app.inject({ method: 'GET', url: `${noLink.pathname}${noLink.search}` });
    expect(page.statusCode).toBe(200);
    const answered = await app.inject({
      method: 'POST',
      url: noLink.pathname,
      payload: { sig: noLink.searchParams.get('sig')!, answer: 'no' },
    });
    expect(answered.statusCode).toBe(200);
    const row = await database()
      .db.selectFrom('cases')
      .select(['status', 'checkback_sent_at'])
      .where('org_id', '=', org.orgId)
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('reopened');
    const hooks = await receiver.waitFor(3, 10_000);
    // Deliveries are independent jobs: they arrive in any order (each carries its own timestamp).
    expect(hooks.map((h) => h.verified?.type).sort()).toEqual([
      'case.created',
      'case.reopened',
      'case.resolved',
    ]);
    expect(hooks.every((h) => h.verifyError === null)).toBe(true);

    // Escalation is announced too (the agent's manager chain: managerX).
    acting.clock.at = new Date(acting.clock.at.getTime() + 1000 * 3_600_000);
    const escalated = await escalateOverdueCases(database(), acting);
    expect(escalated.find((e) => e.caseId === caseId)?.toUserId).toBeTruthy();
    const all = await receiver.waitFor(4, 10_000);
    expect(all[3].verified).toMatchObject({ type: 'case.escalated', data: { caseId, level: 1 } });
    const managerMail = await smtp.waitFor(4, 10_000);
    expect(
      managerMail.some((m) => m.to[0] === org.emails.managerX && m.parsed.subject?.includes('escalated')),
    ).toBe(true);
    // The job records the send after the SMTP server has accepted it: by now it has.
    const sent = await database()
      .db.selectFrom('cases')
      .select('checkback_sent_at')
      .where('org_id', '=', org.orgId)
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(sent.checkback_sent_at).not.toBeNull();
  });
});
