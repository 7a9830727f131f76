import type { FastifyInstance } from 'fastify';
import { signIn } from './testApp.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Signs several users in and returns a request helper that sends as one of them (with CSRF on writes). */
export async function signedInAs(app: FastifyInstance, emails: Record<string, string>) {
  const sessions: Record<string, { cookie: string; csrfToken: string }> = {};
  for (const [who, email] of Object.entries(emails)) sessions[who] = await signIn(app, email);
  return (
    who: string,
    method: Method,
    url: string,
    body?: unknown,
    contentType = 'application/json',
    extraHeaders: Record<string, string> = {},
  ) => {
    const session = sessions[who];
    const headers: Record<string, string> = {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      ...extraHeaders,
    };
    if (body === undefined) return app.inject({ method, url, headers });
    headers['content-type'] = contentType;
    const payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    return app.inject({ method, url, headers, payload });
  };
}
