import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { publishRelationshipSurvey, validAnswers } from '../../test/surveyFixtures.ts';
import { signIn, testApp } from '../../test/testApp.ts';
import { foldRollups } from '../analytics/rollups.ts';

describeEachEngine('survey management', (database) => {
  let app: FastifyInstance;
  let org: Awaited<ReturnType<typeof seedOrganisation>>;
  let headers: Record<string, string>;
  let survey: Awaited<ReturnType<typeof publishRelationshipSurvey>>;

  beforeAll(async () => {
    app = await testApp(database());
    org = await seedOrganisation(database(), 'manage');
    const owner = await signIn(app, org.emails.owner);
    headers = { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken };
    survey = await publishRelationshipSurvey(app, owner);
  });
  afterAll(() => app?.close());

  it('edits the draft without touching the live version, and publishing makes version 2', async () => {
    const draft = structuredClone(survey.definition);
    draft.title = { en: 'Our partnership', it: 'La nostra collaborazione' };
    const saved = await app.inject({
      method: 'PUT',
      url: `/api/v1/surveys/${survey.surveyId}/draft`,
      headers,
      payload: { definition: draft },
    });
    expect(saved.statusCode).toBe(200);
    const live = await app.inject({ method: 'GET', url: `/api/v1/surveys/${survey.surveyId}`, headers });
    expect(live.json().definition.title.en).not.toBe('Our partnership');
    const published = await app.inject({
      method: 'POST',
      url: `/api/v1/surveys/${survey.surveyId}/publish`,
      headers,
    });
    expect(published.json()).toEqual({ version: 2 });
    const versions = await app.inject({
      method: 'GET',
      url: `/api/v1/surveys/${survey.surveyId}/versions`,
      headers,
    });
    expect(versions.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('translates the draft text by text and refuses to publish while a translation is missing', async () => {
    const texts = await app.inject({
      method: 'GET',
      url: `/api/v1/surveys/${survey.surveyId}/translations/de`,
      headers,
    });
    const list = texts.json().texts as { path: string; source: string; translation: string | null }[];
    expect(list.length).toBeGreaterThan(30);
    expect(list.every((t) => t.translation === null)).toBe(true);
    const partial = await app.inject({
      method: 'PUT',
      url: `/api/v1/surveys/${survey.surveyId}/translations/de`,
      headers,
      payload: { texts: { [list[0].path]: 'Unsere Zusammenarbeit' } },
    });
    expect(partial.json().applied).toBe(1);
    expect(partial.json().issues.length).toBeGreaterThan(0);
    const blocked = await app.inject({
      method: 'POST',
      url: `/api/v1/surveys/${survey.surveyId}/publish`,
      headers,
    });
    expect(blocked.statusCode).toBe(422);
    const unknownPath = await app.inject({
      method: 'PUT',
      url: `/api/v1/surveys/${survey.surveyId}/translations/de`,
      headers,
      payload: { texts: { 'pages[99].title': 'x' } },
    });
    expect(unknownPath.statusCode).toBe(400);
    expect(unknownPath.json().errors[0].field).toBe('body.texts.pages[99].title');
  });

  it('previews the draft as HTML in the chosen language', async () => {
    const preview = await app.inject({
      method: 'GET',
      url: `/api/v1/surveys/${survey.surveyId}/preview?lang=it&page=1`,
      headers,
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toContain('text/html');
    expect(preview.body).toContain('<html lang="it"');
  });

  it('validates per-survey cleaning rules', async () => {
    const bad = await app.inject({
      method: 'PUT',
      url: `/api/v1/surveys/${survey.surveyId}/settings`,
      headers,
      payload: { cleaningRules: { straightLineMinItems: 'six' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('body.cleaningRules.straightLineMinItems');
    const good = await app.inject({
      method: 'PUT',
      url: `/api/v1/surveys/${survey.surveyId}/settings`,
      headers,
      payload: { cleaningRules: { straightLineMinItems: 8 } },
    });
    expect(good.statusCode).toBe(200);
  });

  it('excludes and restores a response, moving the analysis figures and auditing each change', async () => {
    const token = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers,
      payload: { name: 'x', role: 'analyst' },
    });
    const bearer = { authorization: `Bearer ${token.json().token}` };
    const created = await app.inject({
      method: 'POST',
      url: `/api/v1/surveys/${survey.surveyId}/responses`,
      headers: bearer,
      payload: { answers: validAnswers(survey.definition, 41), accountId: org.accountX },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { responseId } = created.json();
    const base = async () => {
      await foldRollups(database());
      const overview = await app.inject({
        method: 'GET',
        url: `/api/v1/analytics/overview?surveyId=${survey.surveyId}`,
        headers,
      });
      expect(overview.statusCode, overview.body).toBe(200);
      return overview.json().base;
    };
    const counted = await base();
    const flags = await database()
      .db.selectFrom('responses')
      .select(['quality_flags', 'excluded'])
      .where('response_id', '=', responseId)
      .executeTakeFirstOrThrow();
    expect(flags).toEqual({ quality_flags: [], excluded: false });
    expect(
      (await app.inject({ method: 'POST', url: `/api/v1/responses/${responseId}/exclude`, headers }))
        .statusCode,
    ).toBe(204);
    expect(await base()).toBe(counted - 1);
    const excluded = await app.inject({ method: 'GET', url: '/api/v1/responses?excluded=true', headers });
    expect(excluded.json().responses.map((r: { responseId: string }) => r.responseId)).toContain(responseId);
    expect(
      (await app.inject({ method: 'POST', url: `/api/v1/responses/${responseId}/restore`, headers }))
        .statusCode,
    ).toBe(204);
    expect(
      (await app.inject({ method: 'POST', url: `/api/v1/responses/${responseId}/restore`, headers }))
        .statusCode,
    ).toBe(204);
    expect(await base()).toBe(counted);
    const audit = (await app.inject({ method: 'GET', url: '/api/v1/audit', headers }))
      .json()
      .entries.map((e: { action: string }) => e.action);
    expect(audit).toEqual(
      expect.arrayContaining(['response.exclude', 'response.restore', 'survey.settings', 'survey.publish']),
    );
  });
});
