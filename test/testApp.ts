import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/db/database.ts';
import type { PgBoss } from '../src/db/jobs.ts';
import { buildApp } from '../src/http/app.ts';
import type { Mailer } from '../src/mail/mailer.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createLogger } from '../src/platform/logger.ts';
import { TEST_PASSWORD } from './seedOrganisation.ts';

/** An app over `database`; `env` adds settings as the environment would (e.g. RAPPORT_WEBHOOK_ALLOW_PRIVATE). */
export function testApp(
  database: Database,
  services: { mailer?: Mailer; jobs?: PgBoss; env?: Record<string, string> } = {},
): Promise<FastifyInstance> {
  const { env, ...given } = services;
  const config = loadConfig({ LOG_LEVEL: 'silent', RAPPORT_DATA_DIR: 'memory', ...env });
  return buildApp({ database, config, logger: createLogger('silent'), ...given });
}

/** Signs in through the API and returns the headers a browser would then send. */
export async function signIn(app: FastifyInstance, email: string, password = TEST_PASSWORD) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { email, password },
  });
  if (response.statusCode !== 200)
    throw new Error(`sign-in failed for ${email}: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'rapport_session')!;
  const { csrfToken } = response.json() as { csrfToken: string };
  return { cookie: `rapport_session=${cookie.value}`, csrfToken };
}
