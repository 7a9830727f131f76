import { validate } from '@readme/openapi-parser';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { signIn, testApp } from '../../test/testApp.ts';

describeEachEngine('API conventions', (database) => {
  let app: FastifyInstance;
  let org: Awaited<ReturnType<typeof seedOrganisation>>;
  let owner: { cookie: string; csrfToken: string };

  beforeAll(async () => {
    app = await testApp(database());
    org = await seedOrganisation(database(), 'conv');
    owner = await signIn(app, org.emails.owner);
  });
  afterAll(() => app?.close());

  const counts = async () => {
    const db = database().db;
    const [users, tokens, audit] = await Promise.all([
      db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('api_tokens')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return [users.n, tokens.n, audit.n].map(Number);
  };

  it('publishes a valid OpenAPI 3.1 document', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(document));
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(Object.keys(document.paths)).toContain('/api/v1/accounts');
  });

  it('answers liveness and readiness', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe('ready');
  });

  const write = (url: string, payload: string, extra: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url,
      payload,
      headers: {
        cookie: owner.cookie,
        'x-csrf-token': owner.csrfToken,
        'content-type': 'application/json',
        ...extra,
      },
    });

  it.each([
    ['bad JSON', '/api/v1/tokens', '{"name": ', 400, ['body']],
    [
      'wrong types',
      '/api/v1/tokens',
      JSON.stringify({ name: 42, role: 'root' }),
      400,
      ['body.name', 'body.role'],
    ],
    ['unknown fields', '/api/v1/tokens', JSON.stringify({ name: 'x', colour: 'red' }), 400, ['body.colour']],
    [
      'a bad unit',
      '/api/v1/tokens',
      JSON.stringify({ name: 'x', unitId: '00000000-0000-4000-8000-000000000000' }),
      400,
      ['body.unitId'],
    ],
    [
      'missing fields',
      '/api/v1/users',
      JSON.stringify({ email: 'not-an-email' }),
      400,
      ['body.email', 'body.name', 'body.password', 'body.role'],
    ],
    ['an oversized body', '/api/v1/tokens', JSON.stringify({ name: 'x'.repeat(1_100_000) }), 413, ['body']],
  ])(
    'rejects %s with problem+json naming the fields, and writes nothing',
    async (_label, url, payload, status, fields) => {
      const before = await counts();
      const response = await write(url, payload);
      expect(response.statusCode).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const problem = response.json() as { status: number; title: string; errors: { field: string }[] };
      expect(problem.status).toBe(status);
      for (const field of fields) expect(problem.errors.map((e) => e.field)).toContain(field);
      expect(await counts()).toEqual(before);
    },
  );

  it('rejects a bad path parameter and a bad query string with the field named', async () => {
    const path = await app.inject({
      method: 'GET',
      url: '/api/v1/accounts/not-a-uuid',
      headers: { cookie: owner.cookie },
    });
    expect(path.statusCode).toBe(400);
    expect(path.json().errors[0].field).toBe('params.accountId');
    const query = await app.inject({
      method: 'GET',
      url: '/api/v1/accounts?limit=0&colour=red',
      headers: { cookie: owner.cookie },
    });
    expect(query.statusCode).toBe(400);
    const fields = query.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['querystring.limit', 'querystring.colour']));
  });

  it('requires the CSRF token on cookie-authenticated writes', async () => {
    const before = await counts();
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: owner.cookie },
      payload: { name: 'no csrf' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().errors[0].field).toBe('header.x-csrf-token');
    expect(await counts()).toEqual(before);
  });

  it('signs in with a password, refuses a wrong one, and audits', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: org.emails.owner, password: 'nope' },
    });
    expect(wrong.statusCode).toBe(401);
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: owner.cookie } });
    expect(me.json()).toMatchObject({ orgId: org.orgId, role: 'owner' });
    const cookie = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: org.emails.owner, password: 'correct horse battery staple' },
      })
    ).cookies[0];
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const audit = await app.inject({
      method: 'GET',
      url: '/api/v1/audit',
      headers: { cookie: owner.cookie },
    });
    expect(audit.json().entries.some((e: { action: string }) => e.action === 'auth.sign_in')).toBe(true);
  });

  it('authenticates API tokens, scoped, and stops honouring them once revoked', async () => {
    const created = await write(
      '/api/v1/tokens',
      JSON.stringify({ name: 'crm', role: 'viewer', unitId: org.regionY }),
    );
    expect(created.statusCode).toBe(201);
    const { token, tokenId } = created.json() as { token: string; tokenId: string };
    const stored = await database()
      .db.selectFrom('api_tokens')
      .select('secret_hash')
      .where('token_id', '=', tokenId)
      .executeTakeFirstOrThrow();
    expect(token).not.toContain(stored.secret_hash);
    const accounts = await app.inject({
      method: 'GET',
      url: '/api/v1/accounts',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(accounts.json().accounts.map((a: { accountId: string }) => a.accountId)).toEqual([org.accountY]);
    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${tokenId}`,
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken },
    });
    expect(revoked.statusCode).toBe(204);
    const after = await app.inject({
      method: 'GET',
      url: '/api/v1/accounts',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.statusCode).toBe(401);
    const forged = await app.inject({
      method: 'GET',
      url: '/api/v1/accounts',
      headers: { authorization: `Bearer ${token.slice(0, -2)}xx` },
    });
    expect(forged.statusCode).toBe(401);
  });

  it('shows the first screen after a form sign-in, escaping names', async () => {
    await database()
      .db.updateTable('surveys')
      .set({ name: '<script>alert(1)</script>' })
      .where('survey_id', '=', org.surveyId)
      .execute();
    const form = await app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `email=${encodeURIComponent(org.emails.owner)}&password=${encodeURIComponent('correct horse battery staple')}`,
    });
    expect(form.statusCode).toBe(303);
    const cookie = form.cookies.find((c) => c.name === 'rapport_session')!;
    const home = await app.inject({
      method: 'GET',
      url: '/',
      headers: { cookie: `rapport_session=${cookie.value}` },
    });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(home.body).not.toContain('<script>alert(1)');
    expect(home.body).toContain('/api/docs');
    expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(303);
  });
});
