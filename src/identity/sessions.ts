import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { randomSecret, sha256 } from './secrets.ts';

export const SESSION_COOKIE = 'rapport_session';
const SESSION_DAYS = 14;

/** The cookie holds `orgId.secret`, so the lookup is one primary-key read that starts with org_id. */
export async function createSession(
  db: Kysely<Schema>,
  orgId: string,
  userId: string,
  lifetimeMs = SESSION_DAYS * 86_400_000,
) {
  const secret = randomSecret();
  const csrfToken = randomSecret(24);
  const expiresAt = new Date(Date.now() + lifetimeMs);
  await db
    .insertInto('sessions')
    .values({
      org_id: orgId,
      token_hash: sha256(secret),
      user_id: userId,
      csrf_token: csrfToken,
      expires_at: expiresAt,
    })
    .execute();
  return { cookie: `${orgId}.${secret}`, csrfToken, expiresAt };
}

export function parseSessionCookie(value: string | undefined): { orgId: string; secret: string } | null {
  if (!value) return null;
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(value);
  return match ? { orgId: match[1], secret: match[2] } : null;
}

export async function deleteSession(db: Kysely<Schema>, orgId: string, secret: string): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where('org_id', '=', orgId)
    .where('token_hash', '=', sha256(secret))
    .execute();
}
