import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { useJobQueue } from '../../test/jobQueue.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { publishRelationshipSurvey, validAnswers } from '../../test/surveyFixtures.ts';
import { signIn, testApp } from '../../test/testApp.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../test/webhookReceiver.ts';
import { transaction } from '../db/database.ts';
import { createLogger } from '../platform/logger.ts';
import { deliverWebhook } from './deliver.ts';
import { queueWebhookEvent } from './queueEvent.ts';
import { sweepResponseEvents } from './responseEvents.ts';
import { newWebhookSecret } from './secret.ts';
import { startWebhookWork } from './worker.ts';

describeEachEngine('outbound webhooks', (database) => {
  const jobQueue = useJobQueue(database);
  let app: FastifyInstance;
  let org: Awaited<ReturnType<typeof seedOrganisation>>;
  let headers: Record<string, string>;
  let receiver: WebhookReceiver;
  const secret = newWebhookSecret();
  const onPremises = { allowPrivateReceivers: true };

  beforeAll(async () => {
    // The receiver listens on 127.0.0.1: these tests allow private receivers, as an on-premises install would.
    app = await testApp(database(), { env: { RAPPORT_WEBHOOK_ALLOW_PRIVATE: '1' } });
    org = await seedOrganisation(database(), 'hooks');
    const owner = await signIn(app, org.emails.owner);
    headers = { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken };
    receiver = await startWebhookReceiver(secret);
  });
  afterAll(async () => {
    await receiver?.close();
    await app?.close();
  });

  const createEndpoint = async (payload: Record<string, unknown>, orgHeaders = headers) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/webhooks/endpoints',
      headers: orgHeaders,
      payload,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { endpointId: string; secret: string };
  };

  const pendingDeliveries = (orgId: string) =>
    database()
      .db.selectFrom('webhook_deliveries')
      .select(['org_id as orgId', 'delivery_id as deliveryId', 'endpoint_id'])
      .where('org_id', '=', orgId)
      .where('status', '=', 'pending')
      .execute();

  const queuedJobs = async (deliveryId: string) => {
    const { rows } = await database().pool.query(
      `select count(*)::int as n from pgboss.job where name = 'webhook-delivery' and data->>'deliveryId' = $1`,
      [deliveryId],
    );
    return rows[0].n as number;
  };

  it('manages endpoints over the API: the secret is shown once, fields are validated, viewers are refused', async () => {
    const created = await createEndpoint({ url: `${receiver.url}/a`, eventTypes: ['case.opened'] });
    expect(created.secret).toMatch(/^whsec_/);
    const read = await app.inject({ url: `/api/v1/webhooks/endpoints/${created.endpointId}`, headers });
    expect(read.json()).toMatchObject({
      url: `${receiver.url}/a`,
      eventTypes: ['case.opened'],
      enabled: true,
    });
    expect(read.json()).not.toHaveProperty('secret');
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/webhooks/endpoints/${created.endpointId}`,
      headers,
      payload: { enabled: false },
    });
    expect(patched.json().enabled).toBe(false);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/webhooks/endpoints',
      headers,
      payload: { url: 'ftp://example.test', eventTypes: ['Nope'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body.eventTypes.0', 'body.url']);
    const viewer = await signIn(app, org.emails.viewer);
    const refused = await app.inject({
      url: '/api/v1/webhooks/endpoints',
      headers: { cookie: viewer.cookie },
    });
    expect(refused.statusCode).toBe(403);
    const deleted = await app.inject({
      method: 'DELETE',
      url: `/api/v1/webhooks/endpoints/${created.endpointId}`,
      headers,
    });
    expect(deleted.statusCode).toBe(204);
    const gone = await app.inject({ url: `/api/v1/webhooks/endpoints/${created.endpointId}`, headers });
    expect(gone.statusCode).toBe(404);
  });

  it('signs each delivery per Standard Webhooks, retries after a 500 with backoff, and logs every attempt', async () => {
    const other = await seedOrganisation(database(), 'hooks-retry');
    const owner = await signIn(app, other.emails.owner);
    const otherHeaders = { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken };
    const endpoint = await createEndpoint(
      { url: receiver.url, secret, eventTypes: ['case.opened'] },
      otherHeaders,
    );
    // Subscribed to something else, and disabled: neither gets this event.
    await createEndpoint({ url: receiver.url, eventTypes: ['response.created'] }, otherHeaders);
    await createEndpoint({ url: receiver.url, enabled: false }, otherHeaders);
    await transaction(database(), (trx) =>
      queueWebhookEvent(trx, {
        orgId: other.orgId,
        type: 'case.opened',
        data: { caseId: 'c-1', note: 'ünïcode' },
      }),
    );
    const [delivery, ...more] = await pendingDeliveries(other.orgId);
    expect(more).toEqual([]);
    expect(delivery.endpoint_id).toBe(endpoint.endpointId);
    expect(await queuedJobs(delivery.deliveryId)).toBe(1);

    const before = receiver.received.length;
    receiver.answers.push(500);
    const policy = { maxAttempts: 3, baseSeconds: 60, maxSeconds: 3600 };
    const t0 = new Date(Math.floor(Date.now() / 1000) * 1000);
    expect(await deliverWebhook(database(), delivery, { ...onPremises, policy, now: () => t0 })).toBe(
      'retrying',
    );
    expect(await queuedJobs(delivery.deliveryId)).toBe(2);
    const log1 = await app.inject({
      url: `/api/v1/webhooks/endpoints/${endpoint.endpointId}/deliveries`,
      headers: otherHeaders,
    });
    expect(log1.json().deliveries).toEqual([
      expect.objectContaining({
        deliveryId: delivery.deliveryId,
        eventType: 'case.opened',
        status: 'pending',
        attempts: 1,
        lastStatusCode: 500,
        lastError: 'The receiver answered 500.',
        nextAttemptAt: new Date(t0.getTime() + 60_000).toISOString(),
      }),
    ]);

    expect(await deliverWebhook(database(), delivery, { ...onPremises, policy })).toBe('delivered');
    const [first, second] = receiver.received.slice(before);
    for (const request of [first, second]) {
      expect(request.verifyError).toBeNull();
      expect(request.verified).toMatchObject({
        type: 'case.opened',
        data: { caseId: 'c-1', note: 'ünïcode' },
      });
    }
    // The same message id on every attempt, so the receiver can deduplicate.
    expect(first.headers['webhook-id']).toBe(second.headers['webhook-id']);
    expect(first.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    // A delivered event is not sent again.
    expect(await deliverWebhook(database(), delivery, onPremises)).toBe('skipped');
    expect(receiver.received.length).toBe(before + 2);

    const detail = await app.inject({
      url: `/api/v1/webhooks/deliveries/${delivery.deliveryId}`,
      headers: otherHeaders,
    });
    expect(detail.json()).toMatchObject({
      status: 'succeeded',
      attempts: 2,
      lastStatusCode: 200,
      lastError: null,
      nextAttemptAt: null,
      payload: { type: 'case.opened' },
    });
    expect(detail.json().attemptLog.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 200]);
    // Another organisation cannot read this log.
    const foreign = await app.inject({ url: `/api/v1/webhooks/deliveries/${delivery.deliveryId}`, headers });
    expect(foreign.statusCode).toBe(404);
  });

  it('gives up after the last attempt, and a receiver that is down counts as a failure', async () => {
    const other = await seedOrganisation(database(), 'hooks-down');
    const owner = await signIn(app, other.emails.owner);
    // A port that was just free: nothing listens there.
    const closed = await startWebhookReceiver(secret);
    await closed.close();
    await createEndpoint({ url: closed.url }, { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken });
    await transaction(database(), (trx) =>
      queueWebhookEvent(trx, { orgId: other.orgId, type: 'case.closed', data: {} }),
    );
    const [delivery] = await pendingDeliveries(other.orgId);
    const policy = { maxAttempts: 2, baseSeconds: 1, maxSeconds: 1 };
    expect(await deliverWebhook(database(), delivery, { ...onPremises, policy })).toBe('retrying');
    expect(await deliverWebhook(database(), delivery, { ...onPremises, policy })).toBe('failed');
    const row = await database()
      .db.selectFrom('webhook_deliveries')
      .selectAll()
      .where('org_id', '=', other.orgId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'failed',
      attempts: 2,
      last_status_code: null,
      next_attempt_at: null,
    });
    expect(row.last_error).toMatch(/ECONNREFUSED|connect/i);
  });

  it('records nothing and enqueues nothing when the transaction rolls back', async () => {
    const other = await seedOrganisation(database(), 'hooks-rollback');
    const owner = await signIn(app, other.emails.owner);
    await createEndpoint({ url: receiver.url }, { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken });
    await expect(
      transaction(database(), async (trx) => {
        await queueWebhookEvent(trx, { orgId: other.orgId, type: 'case.opened', data: {} });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const events = await database()
      .db.selectFrom('webhook_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('org_id', '=', other.orgId)
      .executeTakeFirstOrThrow();
    expect(Number(events.n)).toBe(0);
    const { rows } = await database().pool.query(
      `select count(*)::int as n from pgboss.job where name = 'webhook-delivery' and data->>'orgId' = $1`,
      [other.orgId],
    );
    expect(rows[0].n).toBe(0);
  });

  it('announces each response stored through ingestion once as response.created, delivered by the worker', async () => {
    const other = await seedOrganisation(database(), 'hooks-responses');
    const owner = await signIn(app, other.emails.owner);
    const ownerHeaders = { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken };
    const survey = await publishRelationshipSurvey(app, owner);
    await createEndpoint({ url: receiver.url, secret, eventTypes: ['response.created'] }, ownerHeaders);
    const post = (seed: number) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/surveys/${survey.surveyId}/responses`,
        headers: ownerHeaders,
        payload: { answers: validAnswers(survey.definition, seed), accountId: other.accountX },
      });
    const stored = await Promise.all([post(1), post(2), post(3)]);
    const ids = stored.map((r) => {
      expect(r.statusCode, r.body).toBe(201);
      return r.json().responseId as string;
    });
    const announcedEvents = async () =>
      (
        await database()
          .db.selectFrom('webhook_events')
          .select('subject_id')
          .where('org_id', '=', other.orgId)
          .where('type', '=', 'response.created')
          .execute()
      ).map((e) => e.subject_id);
    await sweepResponseEvents(database());
    // The three new responses, not the two stored before the endpoint existed.
    expect((await announcedEvents()).sort()).toEqual([...ids].sort());
    // Sweeping again (another process, or the next tick) announces nothing twice.
    await sweepResponseEvents(database());
    expect((await announcedEvents()).length).toBe(3);

    const before = receiver.received.length;
    receiver.answers.push(503);
    const work = await startWebhookWork(jobQueue(), database(), createLogger('silent'), {
      sweepEveryMs: 200,
      pollingIntervalSeconds: 0.5,
      policy: { maxAttempts: 3, baseSeconds: 1, maxSeconds: 1 },
      ...onPremises,
    });
    try {
      const fourth = await post(4);
      ids.push(fourth.json().responseId);
      // Three first attempts, one of them refused with 503 and retried, and the fourth response swept by the worker.
      await receiver.waitFor(before + 5, 20_000);
    } finally {
      work.stop();
      await jobQueue().offWork('webhook-delivery');
    }
    const delivered = receiver.received.slice(before).filter((r) => r.verified);
    expect(delivered.length).toBe(5);
    const announced = new Set(delivered.map((r) => r.verified!.data.responseId as string));
    expect([...announced].sort()).toEqual([...ids].sort());
    const sample = delivered[0].verified!;
    expect(sample.type).toBe('response.created');
    expect(sample.data).toMatchObject({ surveyId: survey.surveyId, accountId: other.accountX });
    expect(sample.data.measures).toHaveProperty('nps');
    const states = await database()
      .db.selectFrom('webhook_deliveries')
      .select(['status', 'attempts'])
      .where('org_id', '=', other.orgId)
      .execute();
    expect(states.every((s) => s.status === 'succeeded')).toBe(true);
    expect(states.map((s) => s.attempts).sort()).toEqual([1, 1, 1, 2]);
  });
});
