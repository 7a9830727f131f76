import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import type { AppContext } from '../http/context.ts';
import { createSession, deleteSession, parseSessionCookie, SESSION_COOKIE } from '../identity/sessions.ts';
import { authenticate } from '../identity/signIn.ts';
import { listSurveys } from '../surveys/queries.ts';
import { html } from './html.ts';
import { page } from './layout.ts';

function signInPage(error?: string): string {
  return page(
    'Sign in',
    html`<h1>Sign in</h1>
<form class="card" method="post" action="/sign-in">
${error ? html`<p class="error" role="alert" id="sign-in-error">${error}</p>` : ''}
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>`,
  );
}

/** The first screen: sign in, then the organisation's surveys with their response counts. */
export const webRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.database;

  app.get('/sign-in', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(signInPage()),
  );

  app.post(
    '/sign-in',
    {
      config: { skipCsrf: true },
      schema: { hide: true, body: z.object({ email: z.string().max(320), password: z.string().max(1024) }) },
    },
    async (request, reply) => {
      const found = await authenticate(db, request.body);
      if (!found) {
        return reply
          .code(401)
          .type('text/html; charset=utf-8')
          .send(signInPage('The email or password is wrong.'));
      }
      const session = await createSession(db, found.orgId, found.userId);
      await recordAudit(
        db,
        { orgId: found.orgId, userId: found.userId, tokenId: null },
        'auth.sign_in',
        null,
      );
      reply.setCookie(SESSION_COOKIE, session.cookie, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: context.config.secureCookies,
        expires: session.expiresAt,
      });
      return reply.redirect('/', 303);
    },
  );

  app.post(
    '/sign-out',
    { schema: { hide: true, body: z.object({ _csrf: z.string().optional() }).optional() } },
    async (request, reply) => {
      const parsed = parseSessionCookie(request.cookies[SESSION_COOKIE]);
      if (parsed) await deleteSession(db, parsed.orgId, parsed.secret);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.redirect('/sign-in', 303);
    },
  );

  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const actor = request.actor;
    if (actor?.kind !== 'user') return reply.redirect('/sign-in', 303);
    const [organisation, surveys] = await Promise.all([
      db
        .selectFrom('organisations')
        .select('name')
        .where('org_id', '=', actor.orgId)
        .executeTakeFirstOrThrow(),
      listSurveys(db, actor),
    ]);
    const header = html`<form method="post" action="/sign-out"><input type="hidden" name="_csrf" value="${request.csrfToken}"><button type="submit">Sign out</button></form>`;
    const rows = surveys.map(
      (s) =>
        html`<tr><td>${s.name}</td><td>${s.kind}</td><td>${s.status}</td><td class="num">${s.responses.toLocaleString('en')}</td><td>${s.status === 'open' ? html`<a href="/s/open/${encodeURIComponent(s.slug)}">/s/open/${s.slug}</a>` : ''}</td></tr>`,
    );
    const body = html`<h1>${organisation.name}</h1>
<h2>Surveys</h2>
<table><thead><tr><th scope="col">Survey</th><th scope="col">Kind</th><th scope="col">Status</th><th scope="col">Responses</th><th scope="col">Open link</th></tr></thead>
<tbody>${rows}</tbody></table>
<p>Integrate through the API: <a href="/api/docs">API documentation</a> · <a href="/api/v1/openapi.json">OpenAPI 3.1 document</a>.</p>`;
    return reply.type('text/html; charset=utf-8').send(page(organisation.name, body, header));
  });
};
