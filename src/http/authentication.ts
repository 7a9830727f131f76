import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { parseApiToken } from '../identity/apiTokens.ts';
import { sameSecret, sha256 } from '../identity/secrets.ts';
import { parseSessionCookie, SESSION_COOKIE } from '../identity/sessions.ts';
import { type Action, may } from '../policies/abilities.ts';
import type { Actor } from '../policies/actor.ts';
import type { AppContext } from './context.ts';
import { forbidden, Problem, unauthorized } from './problem.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** Set when the actor came from a session cookie: writes must then carry this CSRF token. */
    csrfToken: string | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function actorFromSession(context: AppContext, request: FastifyRequest) {
  const parsed = parseSessionCookie(request.cookies[SESSION_COOKIE]);
  if (!parsed) return null;
  const row = await context.database.db
    .selectFrom('sessions')
    .innerJoin('memberships', (join) =>
      join
        .onRef('memberships.org_id', '=', 'sessions.org_id')
        .onRef('memberships.user_id', '=', 'sessions.user_id'),
    )
    .leftJoin('org_units', (join) =>
      join
        .onRef('org_units.org_id', '=', 'memberships.org_id')
        .onRef('org_units.unit_id', '=', 'memberships.unit_id'),
    )
    .select([
      'sessions.user_id',
      'sessions.csrf_token',
      'memberships.role',
      'memberships.unit_id',
      'org_units.path',
    ])
    .where('sessions.org_id', '=', parsed.orgId)
    .where('sessions.token_hash', '=', sha256(parsed.secret))
    .where('sessions.expires_at', '>', new Date())
    .executeTakeFirst();
  if (!row) return null;
  const actor: Actor = {
    orgId: parsed.orgId,
    kind: 'user',
    userId: row.user_id,
    tokenId: null,
    role: row.role,
    unitId: row.unit_id,
    unitPath: row.unit_id ? row.path : null,
  };
  return { actor, csrfToken: row.csrf_token };
}

// Integrations call many times a second: a token's row is re-read at most every 5 s per process, so a
// revoked token stops working within 5 s everywhere (at once in the process that revoked it).
const TOKEN_TTL_MS = 5000;
const tokenRows = new Map<string, { row: TokenRow | undefined; at: number }>();
type TokenRow = {
  secret_hash: string;
  role: 'admin' | 'analyst' | 'viewer';
  unit_id: string | null;
  path: string | null;
};

export function forgetToken(tokenId: string): void {
  tokenRows.delete(tokenId);
}

async function actorFromToken(context: AppContext, header: string): Promise<Actor> {
  const parsed = parseApiToken(header.replace(/^Bearer\s+/i, '').trim());
  if (!parsed) throw unauthorized('The API token is malformed.');
  let entry = tokenRows.get(parsed.tokenId);
  if (!entry || Date.now() - entry.at >= TOKEN_TTL_MS) {
    entry = { row: await readToken(context, parsed), at: Date.now() };
    if (tokenRows.size > 10_000) tokenRows.clear();
    tokenRows.set(parsed.tokenId, entry);
  }
  const row = entry.row;
  if (!row || !sameSecret(row.secret_hash, sha256(parsed.secret)))
    throw unauthorized('The API token is not valid.');
  return {
    orgId: parsed.orgId,
    kind: 'token',
    userId: null,
    tokenId: parsed.tokenId,
    role: row.role,
    unitId: row.unit_id,
    unitPath: row.unit_id ? row.path : null,
  };
}

async function readToken(
  context: AppContext,
  parsed: { orgId: string; tokenId: string },
): Promise<TokenRow | undefined> {
  return context.database.db
    .selectFrom('api_tokens')
    .leftJoin('org_units', (join) =>
      join
        .onRef('org_units.org_id', '=', 'api_tokens.org_id')
        .onRef('org_units.unit_id', '=', 'api_tokens.unit_id'),
    )
    .select(['api_tokens.secret_hash', 'api_tokens.role', 'api_tokens.unit_id', 'org_units.path'])
    .where('api_tokens.org_id', '=', parsed.orgId)
    .where('api_tokens.token_id', '=', parsed.tokenId)
    .where('api_tokens.revoked_at', 'is', null)
    .executeTakeFirst();
}

/**
 * Resolves the actor of every request from a bearer token or a session cookie. Cookie-authenticated
 * writes must echo the session's CSRF token in `x-csrf-token` (or a `_csrf` form field): SameSite=Lax
 * stops most cross-site posts, the token stops the rest.
 */
export const authentication = fp(async (app: FastifyInstance, context: AppContext) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (request) => {
    const authorization = request.headers.authorization;
    if (authorization) {
      request.actor = await actorFromToken(context, authorization);
      return;
    }
    const session = await actorFromSession(context, request);
    if (session) {
      request.actor = session.actor;
      request.csrfToken = session.csrfToken;
    }
    // Secure by default: every API route needs an actor unless it is explicitly public.
    if (!request.actor && request.url.startsWith('/api/v1/') && !request.routeOptions.config?.public) {
      throw unauthorized();
    }
  });
  // After parsing (a form post carries its token in the body), before validation and the handler.
  app.addHook('preValidation', async (request) => {
    const csrfToken = request.csrfToken;
    if (csrfToken && !SAFE_METHODS.has(request.method) && !request.routeOptions.config?.skipCsrf) {
      const sent =
        (request.headers['x-csrf-token'] as string | undefined) ??
        ((request.body as Record<string, unknown> | undefined)?._csrf as string | undefined);
      if (!sent || !sameSecret(sent, csrfToken)) {
        throw new Problem(403, 'CSRF token missing', 'Send the CSRF token of your session in x-csrf-token.', [
          { field: 'header.x-csrf-token', message: 'Missing or wrong CSRF token' },
        ]);
      }
    }
  });
});

declare module 'fastify' {
  interface FastifyContextConfig {
    skipCsrf?: boolean;
    /** Reachable without signing in (sign-in itself, the OpenAPI document, the widget). */
    public?: boolean;
  }
}

/** The actor of a request that must be signed in and allowed to do `action`. */
export function requireActor(request: FastifyRequest, action: Action): Actor {
  const actor = request.actor;
  if (!actor) throw unauthorized();
  if (!may(actor, action)) throw forbidden();
  return actor;
}
