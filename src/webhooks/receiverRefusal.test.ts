import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { useJobQueue } from '../../test/jobQueue.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { signIn, testApp } from '../../test/testApp.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../test/webhookReceiver.ts';
import { transaction } from '../db/database.ts';
import { deliverWebhook } from './deliver.ts';
import { queueWebhookEvent } from './queueEvent.ts';
import { newWebhookSecret } from './secret.ts';

describeEachEngine('webhook receivers inside the network (server-side request forgery)', (database) => {
  useJobQueue(database);
  let strictApp: FastifyInstance;
  let onPremisesApp: FastifyInstance;
  let receiver: WebhookReceiver;
  const secret = newWebhookSecret();

  beforeAll(async () => {
    strictApp = await testApp(database());
    onPremisesApp = await testApp(database(), { env: { RAPPORT_WEBHOOK_ALLOW_PRIVATE: '1' } });
    receiver = await startWebhookReceiver(secret);
  });
  afterAll(async () => {
    await receiver?.close();
    await strictApp?.close();
    await onPremisesApp?.close();
  });

  const headersFor = async (app: FastifyInstance, email: string) => {
    const session = await signIn(app, email);
    return { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
  };

  /** Endpoints stored as they are (as if created before the rule, or while private receivers were allowed). */
  const storeEndpoints = async (orgId: string, urls: string[]) => {
    const rows = await database()
      .db.insertInto('webhook_endpoints')
      .values(urls.map((url) => ({ org_id: orgId, url, secret })))
      .returning(['endpoint_id', 'url'])
      .execute();
    return new Map(rows.map((r) => [r.url, r.endpoint_id]));
  };

  const deliveriesOf = (orgId: string) =>
    database()
      .db.selectFrom('webhook_deliveries')
      .select(['org_id as orgId', 'delivery_id as deliveryId', 'endpoint_id'])
      .where('org_id', '=', orgId)
      .execute();

  it('refuses, at the API, a URL naming a loopback, private or metadata address, or localhost, unless allowed', async () => {
    const org = await seedOrganisation(database(), 'ssrf-api');
    const headers = await headersFor(strictApp, org.emails.owner);
    const port = new URL(receiver.url).port;
    const refused: [string, RegExp][] = [
      [`http://127.0.0.1:${port}/hooks`, /127\.0\.0\.1 is loopback/],
      ['http://10.0.0.5/hooks', /10\.0\.0\.5 is private; refused/],
      ['http://172.20.1.1/hooks', /is private/],
      ['https://192.168.1.10/hooks', /is private/],
      ['http://100.100.100.200/latest/meta-data/', /carrier-grade NAT/],
      ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is link-local/],
      [`http://[::1]:${port}/hooks`, /::1 is loopback/],
      [`http://[::ffff:127.0.0.1]:${port}/hooks`, /\(IPv4 127\.0\.0\.1\) is loopback/],
      ['http://[fd00::5]/hooks', /is private/],
      [`http://localhost:${port}/hooks`, /localhost:?.* is this server itself/],
      ['http://0x7f.0.0.1/hooks', /127\.0\.0\.1 is loopback/],
    ];
    for (const [url, message] of refused) {
      const response = await strictApp.inject({
        method: 'POST',
        url: '/api/v1/webhooks/endpoints',
        headers,
        payload: { url },
      });
      expect(response.statusCode, url).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().errors, url).toEqual([
        { field: 'body.url', message: expect.stringMatching(message) },
      ]);
    }
    // A host name is accepted: what it resolves to is judged at each delivery.
    const created = await strictApp.inject({
      method: 'POST',
      url: '/api/v1/webhooks/endpoints',
      headers,
      payload: { url: 'https://hooks.example.com/rapport' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { endpointId } = created.json();
    const patched = await strictApp.inject({
      method: 'PATCH',
      url: `/api/v1/webhooks/endpoints/${endpointId}`,
      headers,
      payload: { url: 'http://[::ffff:a9fe:a9fe]/latest/meta-data/' },
    });
    expect(patched.statusCode).toBe(400);
    expect(patched.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(patched.json().errors).toEqual([
      { field: 'body.url', message: expect.stringMatching(/IPv4 169\.254\.169\.254\) is link-local/) },
    ]);
    const kept = await strictApp.inject({ url: `/api/v1/webhooks/endpoints/${endpointId}`, headers });
    expect(kept.json().url).toBe('https://hooks.example.com/rapport');
    const audited = await database()
      .db.selectFrom('audit_log')
      .select('action')
      .where('org_id', '=', org.orgId)
      .where('action', 'like', 'webhook.%')
      .execute();
    expect(audited.map((a) => a.action)).toEqual(['webhook.endpoint.create']);

    // Allowed for an on-premises install: loopback, private and localhost; the metadata service never.
    const onPremisesHeaders = await headersFor(onPremisesApp, org.emails.owner);
    for (const url of [
      `http://127.0.0.1:${port}/hooks`,
      `http://localhost:${port}/hooks`,
      'http://10.0.0.5/',
    ]) {
      const response = await onPremisesApp.inject({
        method: 'POST',
        url: '/api/v1/webhooks/endpoints',
        headers: onPremisesHeaders,
        payload: { url },
      });
      expect(response.statusCode, url).toBe(201);
    }
    const metadata = await onPremisesApp.inject({
      method: 'PATCH',
      url: `/api/v1/webhooks/endpoints/${endpointId}`,
      headers: onPremisesHeaders,
      payload: { url: 'http://169.254.169.254/' },
    });
    expect(metadata.statusCode).toBe(400);
    expect(metadata.json().errors[0].field).toBe('body.url');
  });

  it('refuses a delivery to a non-public address before connecting, logs it, and retries it per policy', async () => {
    const org = await seedOrganisation(database(), 'ssrf-deliver');
    const port = new URL(receiver.url).port;
    const expected: Record<string, RegExp> = {
      [receiver.url]:
        /^The receiver's address 127\.0\.0\.1 is loopback \(this server itself\); refused\. Set RAPPORT_WEBHOOK_ALLOW_PRIVATE=1/,
      [`http://localhost:${port}/hooks`]:
        /^The receiver's address (127\.0\.0\.1|::1) \(resolved from localhost\) is loopback/,
      [`http://[::1]:${port}/hooks`]: /^The receiver's address ::1 is loopback/,
      [`http://[::ffff:127.0.0.1]:${port}/hooks`]:
        /^The receiver's address ::ffff:7f00:1 \(IPv4 127\.0\.0\.1\) is loopback/,
      'http://10.0.0.5/hooks': /^The receiver's address 10\.0\.0\.5 is private; refused\./,
      'http://169.254.169.254/latest/meta-data/': /^The receiver's address 169\.254\.169\.254 is link-local/,
      'http://[fe80::a9fe:a9fe]/': /^The receiver's address fe80::a9fe:a9fe is link-local/,
    };
    const endpoints = await storeEndpoints(org.orgId, Object.keys(expected));
    await transaction(database(), (trx) =>
      queueWebhookEvent(trx, { orgId: org.orgId, type: 'case.opened', data: { caseId: 'c-1' } }),
    );
    const deliveries = await deliveriesOf(org.orgId);
    expect(deliveries.length).toBe(endpoints.size);
    const before = receiver.received.length;
    // A short timeout: were a refusal missed, the test would fail fast rather than hang.
    const options = { policy: { maxAttempts: 2, baseSeconds: 60, maxSeconds: 60 }, timeoutMs: 2000 };
    for (const delivery of deliveries)
      expect(await deliverWebhook(database(), delivery, options)).toBe('retrying');
    for (const delivery of deliveries)
      expect(await deliverWebhook(database(), delivery, options)).toBe('failed');
    expect(receiver.received.length).toBe(before);

    const byEndpoint = new Map([...endpoints].map(([url, id]) => [id, url]));
    const rows = await database()
      .db.selectFrom('webhook_deliveries')
      .select(['endpoint_id', 'status', 'attempts', 'last_status_code', 'last_error'])
      .where('org_id', '=', org.orgId)
      .execute();
    for (const row of rows) {
      const url = byEndpoint.get(row.endpoint_id)!;
      expect(row, url).toMatchObject({ status: 'failed', attempts: 2, last_status_code: null });
      expect(row.last_error, url).toMatch(expected[url]);
    }
    // The log shows each refused attempt, as an admin reads it.
    const headers = await headersFor(strictApp, org.emails.owner);
    const detail = await strictApp.inject({
      url: `/api/v1/webhooks/deliveries/${deliveries.find((d) => byEndpoint.get(d.endpoint_id) === 'http://10.0.0.5/hooks')!.deliveryId}`,
      headers,
    });
    expect(detail.json().attemptLog).toEqual([
      expect.objectContaining({
        attempt: 1,
        statusCode: null,
        error: expect.stringMatching(/10\.0\.0\.5 is private/),
      }),
      expect.objectContaining({
        attempt: 2,
        statusCode: null,
        error: expect.stringMatching(/10\.0\.0\.5 is private/),
      }),
    ]);
  });

  it('delivers to a receiver on this machine, by address and by name, when private receivers are allowed', async () => {
    const org = await seedOrganisation(database(), 'ssrf-allowed');
    const port = new URL(receiver.url).port;
    const urls = [receiver.url, `http://localhost:${port}/hooks`];
    await storeEndpoints(org.orgId, [...urls, 'http://169.254.169.254/latest/meta-data/']);
    await transaction(database(), (trx) =>
      queueWebhookEvent(trx, { orgId: org.orgId, type: 'case.opened', data: { caseId: 'c-2' } }),
    );
    const before = receiver.received.length;
    const outcomes = [];
    for (const delivery of await deliveriesOf(org.orgId))
      outcomes.push(
        await deliverWebhook(database(), delivery, {
          allowPrivateReceivers: true,
          policy: { maxAttempts: 1, baseSeconds: 1, maxSeconds: 1 },
          timeoutMs: 2000,
        }),
      );
    expect(outcomes.sort()).toEqual(['delivered', 'delivered', 'failed']);
    const arrived = receiver.received.slice(before);
    expect(arrived.length).toBe(2);
    for (const request of arrived) expect(request.verified).toMatchObject({ data: { caseId: 'c-2' } });
    const failed = await database()
      .db.selectFrom('webhook_deliveries')
      .select('last_error')
      .where('org_id', '=', org.orgId)
      .where('status', '=', 'failed')
      .executeTakeFirstOrThrow();
    expect(failed.last_error).toMatch(/169\.254\.169\.254 is link-local/);
  });
});
