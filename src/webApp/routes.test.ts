import { readdirSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAppBuilt } from '../../app/build.ts';
import { freshDatabase } from '../../test/engines.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { signIn, testApp } from '../../test/testApp.ts';
import { APP_DIST } from './routes.ts';

describe('the web app at /app', () => {
  let handle: Awaited<ReturnType<typeof freshDatabase>>;
  let app: FastifyInstance;
  let seeded: Awaited<ReturnType<typeof seedOrganisation>>;

  beforeAll(async () => {
    await ensureAppBuilt();
    handle = await freshDatabase('pglite');
    seeded = await seedOrganisation(handle.database, 'webapp');
    app = await testApp(handle.database);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await handle?.drop();
  });

  it('serves index.html, revalidated and under a strict CSP, for the app and every deep link', async () => {
    for (const url of ['/app', '/app/', '/app/forces?unitId=x&period=3m', '/app/no/such/view']) {
      const reply = await app.inject({ url });
      expect(reply.statusCode, url).toBe(200);
      expect(reply.headers['content-type']).toMatch(/^text\/html/);
      expect(reply.headers['cache-control']).toBe('no-cache');
      expect(reply.headers['content-security-policy']).toContain("script-src 'self'");
      expect(reply.body).toContain('<div id="root"></div>');
    }
  });

  it('caches hashed assets for a year and answers 404 for a missing one', async () => {
    const script = readdirSync(`${APP_DIST}/assets`).find((name) => name.endsWith('.js'))!;
    const reply = await app.inject({ url: `/app/assets/${script}` });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toMatch(/javascript/);
    expect(reply.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await app.inject({ url: '/app/assets/nothing-here.js' })).statusCode).toBe(404);
    // A production build, even when the tests built it (React's production bundle has coded errors).
    const entry = /src="\/app\/assets\/([^"]+\.js)"/.exec((await app.inject({ url: '/app/' })).body)![1];
    expect((await app.inject({ url: `/app/assets/${entry}` })).body).toContain('Minified React error');
    expect((await app.inject({ url: '/app/assets/../../package.json' })).statusCode).not.toBe(200);
  });

  it('tells the app who is signed in, with their name and interface language', async () => {
    const { cookie } = await signIn(app, seeded.emails.managerX);
    const me = (await app.inject({ url: '/api/v1/me', headers: { cookie } })).json();
    expect(me).toMatchObject({ role: 'manager', unitId: seeded.regionX, locale: 'en' });
    expect(me.email).toBe(seeded.emails.managerX);
    expect(typeof me.csrfToken).toBe('string');
  });
});
