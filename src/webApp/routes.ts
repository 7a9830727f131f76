import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { AppContext } from '../http/context.ts';
import { Problem, sendProblem } from '../http/problem.ts';

/** Where `app/build.ts` writes the web app (dist/ is not in git). */
export const APP_DIST = fileURLToPath(new URL('../../dist/app', import.meta.url));

/**
 * The app may only load its own scripts and talk to its own origin; ECharts writes inline styles.
 * With React escaping every text, this is the second wall against stored XSS.
 */
const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/**
 * Serves the React app at /app: hashed assets cached for a year, everything else under /app/ gets
 * index.html so deep links (a shared view with its filters) open in the app.
 */
export const webAppRoutes: FastifyPluginAsync<AppContext> = async (app) => {
  await app.register(fastifyStatic, { root: APP_DIST, serve: false });

  const index = (reply: FastifyReply) => {
    if (!existsSync(`${APP_DIST}/index.html`)) {
      return sendProblem(
        reply.request,
        reply,
        new Problem(
          503,
          'The web app is not built',
          'Run `npm run build:app` (npm install and npm start do it).',
        ),
      );
    }
    reply.header('content-security-policy', APP_CSP);
    // Always revalidated: a new build must reach users at once (its assets are new names).
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html', { cacheControl: false });
  };

  app.get('/app', { schema: { hide: true } }, async (_request, reply) => index(reply));
  app.get<{ Params: { '*': string } }>('/app/*', { schema: { hide: true } }, async (request, reply) => {
    const path = request.params['*'];
    if (path.startsWith('assets/')) {
      // File names carry a content hash: a changed file is a new name, so the old one never goes stale.
      return reply.sendFile(path, { maxAge: 365 * 86_400_000, immutable: true });
    }
    if (/^[\w-]+\.(svg|ico|png|json|txt)$/.test(path) && existsSync(`${APP_DIST}/${path}`))
      return reply.sendFile(path, { maxAge: 3_600_000 });
    return index(reply);
  });
};
