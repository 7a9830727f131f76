import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { signIn, testApp } from '../../test/testApp.ts';
import { touchpointPulseTemplate } from '../surveys/library/index.ts';

describeEachEngine('feedback widget', (database) => {
  let app: FastifyInstance;
  let surveyId: string;

  beforeAll(async () => {
    app = await testApp(database());
    const org = await seedOrganisation(database(), 'widget');
    const owner = await signIn(app, org.emails.owner);
    const headers = { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken };
    const definition = touchpointPulseTemplate({
      touchpointName: { en: 'Web shop', it: 'Negozio online' },
      forces: ['control', 'enjoyment'],
      metric: 'nps',
    });
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/surveys',
      headers,
      payload: { name: 'Widget', kind: 'pulse', definition },
    });
    surveyId = created.json().surveyId;
    await app.inject({ method: 'POST', url: `/api/v1/surveys/${surveyId}/publish`, headers });
    const settings = await app.inject({
      method: 'PUT',
      url: `/api/v1/surveys/${surveyId}/settings`,
      headers,
      payload: { widgetOrigins: ['https://shop.example.com'] },
    });
    expect(settings.statusCode).toBe(200);
  });
  afterAll(() => app?.close());

  const post = (origin: string | undefined, key = `k-${Math.random()}`) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/widget/${surveyId}/responses`,
      headers: { ...(origin ? { origin } : {}), 'idempotency-key': key },
      payload: { nps: 9, comment: 'Quick and clear, thanks', language: 'en' },
    });

  it('serves its script', async () => {
    const script = await app.inject({ method: 'GET', url: '/widget.js' });
    expect(script.headers['content-type']).toContain('javascript');
    expect(script.body).not.toContain('innerHTML');
  });

  it('accepts posts only from the configured origins, once per idempotency key', async () => {
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: `/api/v1/widget/${surveyId}/responses`,
      headers: { origin: 'https://shop.example.com', 'access-control-request-method': 'POST' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://shop.example.com');
    const accepted = await post('https://shop.example.com', 'same');
    expect(accepted.statusCode).toBe(201);
    expect(accepted.headers['access-control-allow-origin']).toBe('https://shop.example.com');
    const retried = await post('https://shop.example.com', 'same');
    expect(retried.statusCode).toBe(200);
    expect(retried.json().responseId).toBe(accepted.json().responseId);
    for (const origin of ['https://evil.example.net', undefined]) {
      const refused = await post(origin);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().errors[0].field).toBe('header.origin');
    }
    const stored = await database()
      .db.selectFrom('responses')
      .select(['channel', 'nps'])
      .where('survey_id', '=', surveyId)
      .execute();
    expect(stored).toEqual([{ channel: 'widget', nps: 9 }]);
  });
});
