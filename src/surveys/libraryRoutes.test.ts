import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { signIn, testApp } from '../../test/testApp.ts';
import { parseSurveyDefinition } from './definition/index.ts';

describeEachEngine('the item library, templates, the draft and its framed preview', (database) => {
  let app: FastifyInstance;
  let org: Awaited<ReturnType<typeof seedOrganisation>>;
  let owner: Record<string, string>;
  let viewer: Record<string, string>;

  beforeAll(async () => {
    app = await testApp(database());
    org = await seedOrganisation(database(), 'library');
    const o = await signIn(app, org.emails.owner);
    owner = { cookie: o.cookie, 'x-csrf-token': o.csrfToken };
    const v = await signIn(app, org.emails.viewer);
    viewer = { cookie: v.cookie, 'x-csrf-token': v.csrfToken };
  });
  afterAll(() => app?.close());

  it('lists every Force item with its Force and keying, and the other items by purpose', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/survey-library', headers: viewer });
    expect(response.statusCode).toBe(200);
    const { forces, items, languages } = response.json() as {
      forces: string[];
      languages: string[];
      items: { key: string; purpose: string; force: string | null; keying: string | null; question: any }[];
    };
    expect(languages).toEqual(['en', 'it']);
    expect(forces).toHaveLength(6);
    const forceItems = items.filter((item) => item.purpose === 'force');
    for (const force of forces) {
      const own = forceItems.filter((item) => item.force === force);
      expect(own.some((item) => item.keying === 'fulfilled')).toBe(true);
      expect(own.some((item) => item.keying === 'tension')).toBe(true);
    }
    const tension = forceItems.find((item) => item.key === 'certainty.t1')!;
    expect(tension.question).toMatchObject({
      id: 'certainty.t1',
      type: 'agreement',
      force: 'certainty',
      keying: 'tension',
    });
    expect(tension.question.text.it).toBeTruthy();
    expect(new Set(items.map((item) => item.purpose))).toEqual(
      new Set(['force', 'attachment', 'outcome', 'pulse']),
    );
    expect(new Set(items.map((item) => item.key)).size).toBe(items.length);
    expect((await app.inject({ method: 'GET', url: '/api/v1/survey-library' })).statusCode).toBe(401);
  });

  it('builds both templates as valid definitions and names the wrong field of a bad request', async () => {
    const relationship = await app.inject({
      method: 'POST',
      url: '/api/v1/survey-templates',
      headers: owner,
      payload: { template: 'relationship', languages: ['it'] },
    });
    expect(relationship.statusCode).toBe(200);
    const definition = relationship.json().definition;
    expect(parseSurveyDefinition(definition).ok).toBe(true);
    expect(definition.languages).toEqual(['it']);

    const pulse = await app.inject({
      method: 'POST',
      url: '/api/v1/survey-templates',
      headers: owner,
      payload: {
        template: 'touchpointPulse',
        touchpointName: { en: 'Delivery', it: 'Consegna' },
        forces: ['certainty', 'control'],
        metric: 'csat',
      },
    });
    expect(pulse.statusCode).toBe(200);
    expect(parseSurveyDefinition(pulse.json().definition).ok).toBe(true);

    const same = await app.inject({
      method: 'POST',
      url: '/api/v1/survey-templates',
      headers: owner,
      payload: {
        template: 'touchpointPulse',
        touchpointName: { en: 'Delivery' },
        forces: ['status', 'status'],
        metric: 'nps',
      },
    });
    expect(same.statusCode).toBe(400);
    expect(same.json().errors).toEqual([{ field: 'body.forces', message: 'The two Forces must differ' }]);
    const unnamed = await app.inject({
      method: 'POST',
      url: '/api/v1/survey-templates',
      headers: owner,
      payload: {
        template: 'touchpointPulse',
        touchpointName: { en: 'Delivery' },
        forces: ['status', 'control'],
        metric: 'nps',
      },
    });
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.json().errors[0].field).toBe('body.touchpointName.it');
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/survey-templates',
      headers: viewer,
      payload: { template: 'relationship' },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('returns the draft with what still blocks publishing, and previews it in a frame of the app only', async () => {
    const template = await app.inject({
      method: 'POST',
      url: '/api/v1/survey-templates',
      headers: owner,
      payload: {
        template: 'touchpointPulse',
        touchpointName: { en: 'Delivery', it: 'Consegna' },
        forces: ['certainty', 'control'],
        metric: 'nps',
      },
    });
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/surveys',
      headers: owner,
      payload: { name: 'Delivery pulse', kind: 'touchpoint', definition: template.json().definition },
    });
    expect(created.statusCode).toBe(201);
    const { surveyId } = created.json();
    const draft = structuredClone(template.json().definition);
    // A question whose Italian text is still to write, and whose English text is markup.
    draft.pages[0].blocks[2].questions[0].text = { en: '<img src=x onerror="alert(1)">' };
    const saved = await app.inject({
      method: 'PUT',
      url: `/api/v1/surveys/${surveyId}/draft`,
      headers: owner,
      payload: { definition: draft },
    });
    expect(saved.statusCode).toBe(200);

    const read = await app.inject({
      method: 'GET',
      url: `/api/v1/surveys/${surveyId}/draft`,
      headers: viewer,
    });
    expect(read.statusCode).toBe(200);
    expect(read.json().survey).toMatchObject({
      surveyId,
      name: 'Delivery pulse',
      status: 'draft',
      currentVersion: null,
    });
    expect(read.json().definition.pages[0].blocks[2].questions[0].text.en).toBe(
      '<img src=x onerror="alert(1)">',
    );
    expect(read.json().issues).toEqual([
      { path: 'pages[0].blocks[2].questions[0].text.it', message: 'Missing "it" translation' },
    ]);

    const preview = await app.inject({
      method: 'GET',
      url: `/api/v1/surveys/${surveyId}/preview?lang=en`,
      headers: viewer,
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['x-frame-options']).toBe('SAMEORIGIN');
    const csp = String(preview.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'self'");
    const nonce = /style-src 'nonce-([^']+)'/.exec(csp)![1];
    expect(preview.body).toContain(`<style nonce="${nonce}">`);
    expect(preview.body).toContain('&lt;img src=x onerror=');
    expect(preview.body).not.toContain('<img src=x');
    // Other pages still refuse to be framed.
    const page = await app.inject({ method: 'GET', url: '/s/open/no-such-survey' });
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it('moves the preview between pages when its own form posts Next or Back, without a CSRF token', async () => {
    const template = await app.inject({
      method: 'POST',
      url: '/api/v1/survey-templates',
      headers: owner,
      payload: { template: 'relationship' },
    });
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/surveys',
      headers: owner,
      payload: { name: 'Relationship', kind: 'relationship', definition: template.json().definition },
    });
    const { surveyId } = created.json();
    const post = (query: string, action: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/surveys/${surveyId}/preview?${query}`,
        headers: { cookie: viewer.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `action=${action}&nps=9`,
      });
    const next = await post('page=1&lang=it', 'next');
    expect(next.statusCode).toBe(303);
    expect(next.headers.location).toBe(`/api/v1/surveys/${surveyId}/preview?page=2&lang=it`);
    const back = await post('page=0&lang=en', 'back');
    expect(back.headers.location).toBe(`/api/v1/surveys/${surveyId}/preview?page=0&lang=en`);
    const last = await post('page=4', 'submit');
    expect(last.headers.location).toBe(`/api/v1/surveys/${surveyId}/preview?page=4&lang=en`);
    const stranger = await app.inject({
      method: 'POST',
      url: `/api/v1/surveys/${surveyId}/preview?page=0`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'action=next',
    });
    expect(stranger.statusCode).toBe(401);
  });
});
