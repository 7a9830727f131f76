import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { signIn, testApp } from '../../test/testApp.ts';

type Seeded = Awaited<ReturnType<typeof seedOrganisation>>;

/** Every GET path in the OpenAPI document, with its parameters filled from one organisation's ids. */
function getPaths(app: FastifyInstance, ids: Seeded): string[] {
  const document = app.swagger() as { paths: Record<string, Record<string, unknown>> };
  const fill: Record<string, string[]> = {
    accountId: [ids.accountX, ids.accountY],
    responseId: [ids.responseX, ids.responseY],
    surveyId: [ids.surveyId],
    tokenId: [],
    language: ['it'],
  };
  const paths: string[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    if (!methods.get) continue;
    // A Server-Sent Events stream never ends; the inbox stream's scoping is tested in src/cases/inbox.test.ts.
    if (path.endsWith('/stream')) continue;
    let expanded = [path];
    for (const [, param] of path.matchAll(/\{(\w+)\}/g)) {
      expanded = expanded.flatMap((p) => (fill[param] ?? []).map((value) => p.replace(`{${param}}`, value)));
    }
    paths.push(...expanded);
  }
  return paths;
}

describeEachEngine('access policies', (database) => {
  let app: FastifyInstance;
  let a: Seeded;
  let b: Seeded;
  const headers: Record<string, { cookie: string; csrfToken: string }> = {};

  beforeAll(async () => {
    app = await testApp(database());
    a = await seedOrganisation(database(), 'a');
    b = await seedOrganisation(database(), 'b');
    headers.ownerA = await signIn(app, a.emails.owner);
    headers.ownerB = await signIn(app, b.emails.owner);
    headers.managerX = await signIn(app, a.emails.managerX);
    headers.managerY = await signIn(app, a.emails.managerY);
    headers.viewerX1 = await signIn(app, a.emails.viewer);
  });
  afterAll(() => app?.close());

  const get = (who: string, url: string) =>
    app.inject({ method: 'GET', url, headers: { cookie: headers[who].cookie } });
  /** The response body minus the problem document's echo of the requested URL. */
  const shown = (response: { statusCode: number; body: string }) => {
    if (response.statusCode < 400) return response.body;
    const { instance: _echo, ...problem } = JSON.parse(response.body);
    return JSON.stringify(problem);
  };

  it('covers every GET endpoint of the API', () => {
    const paths = getPaths(app, a);
    for (const expected of [
      '/api/v1/accounts',
      '/api/v1/responses',
      '/api/v1/surveys',
      '/api/v1/units',
      '/api/v1/me',
      '/api/v1/audit',
    ]) {
      expect(paths).toContain(expected);
    }
  });

  it('answers 401 problem+json to anonymous requests on every endpoint', async () => {
    for (const path of getPaths(app, a)) {
      const response = await app.inject({ method: 'GET', url: path });
      expect(response.statusCode, path).toBe(401);
      expect(response.headers['content-type'], path).toContain('application/problem+json');
    }
  });

  it('never shows organisation A to a user of organisation B, on any endpoint', async () => {
    const secrets = [
      a.orgId,
      a.accountX,
      a.accountY,
      a.responseX,
      a.responseY,
      a.surveyId,
      a.regionX,
      a.regionY,
    ];
    for (const path of getPaths(app, a)) {
      const response = await get('ownerB', path);
      expect([200, 403, 404, 409], path).toContain(response.statusCode);
      for (const secret of secrets) expect(shown(response), `${path} leaks ${secret}`).not.toContain(secret);
    }
  });

  it('never shows unit Y to the manager of unit X, on any endpoint', async () => {
    const ySecrets = [a.accountY, a.responseY, a.regionY];
    let sawX = false;
    for (const path of getPaths(app, a)) {
      const response = await get('managerX', path);
      expect([200, 403, 404, 409], path).toContain(response.statusCode);
      for (const secret of ySecrets) expect(shown(response), `${path} leaks ${secret}`).not.toContain(secret);
      if (response.body.includes(a.accountX)) sawX = true;
    }
    expect(sawX).toBe(true);
  });

  it('limits a viewer to their team subtree and the manager of Y to Y', async () => {
    const viewer = (await get('viewerX1', '/api/v1/units')).json() as { units: { unitId: string }[] };
    expect(viewer.units.map((u) => u.unitId)).toEqual([a.teamX1]);
    const y = (await get('managerY', '/api/v1/accounts')).json() as { accounts: { accountId: string }[] };
    expect(y.accounts.map((x) => x.accountId)).toEqual([a.accountY]);
    expect((await get('managerY', `/api/v1/accounts/${a.accountX}`)).statusCode).toBe(404);
    expect((await get('managerY', `/api/v1/responses/${a.responseX}`)).statusCode).toBe(404);
    const surveys = (await get('managerX', '/api/v1/surveys')).json() as { surveys: { responses: number }[] };
    expect(surveys.surveys[0].responses).toBe(1);
    const all = (await get('ownerA', '/api/v1/surveys')).json() as { surveys: { responses: number }[] };
    expect(all.surveys[0].responses).toBe(2);
  });

  it('keeps administration to owners and admins', async () => {
    for (const path of ['/api/v1/audit', '/api/v1/tokens']) {
      expect((await get('managerX', path)).statusCode, path).toBe(403);
      expect((await get('ownerA', path)).statusCode, path).toBe(200);
    }
  });

  it('does not let B revoke A’s token, nor a manager create users', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: headers.ownerA.cookie, 'x-csrf-token': headers.ownerA.csrfToken },
      payload: { name: 'crm', role: 'viewer' },
    });
    expect(created.statusCode).toBe(201);
    const { tokenId, token } = created.json() as { tokenId: string; token: string };
    const revoke = await app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${tokenId}`,
      headers: { cookie: headers.ownerB.cookie, 'x-csrf-token': headers.ownerB.csrfToken },
    });
    expect(revoke.statusCode).toBe(404);
    const stillWorks = await app.inject({
      method: 'GET',
      url: '/api/v1/accounts',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(stillWorks.statusCode).toBe(200);
    const user = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: headers.managerX.cookie, 'x-csrf-token': headers.managerX.csrfToken },
      payload: { email: 'new@x.test', name: 'New', password: 'long enough pw', role: 'viewer' },
    });
    expect(user.statusCode).toBe(403);
  });
});
