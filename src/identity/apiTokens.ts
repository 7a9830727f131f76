import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { randomSecret, sha256 } from './secrets.ts';

/** Tokens read `rpt_<orgId>_<tokenId>_<secret>`: the ids make the lookup a primary-key read. */
const TOKEN_PATTERN = /^rpt_([0-9a-f-]{36})_([0-9a-f-]{36})_([A-Za-z0-9_-]{43})$/;

export function parseApiToken(value: string): { orgId: string; tokenId: string; secret: string } | null {
  const match = TOKEN_PATTERN.exec(value);
  return match ? { orgId: match[1], tokenId: match[2], secret: match[3] } : null;
}

export async function issueApiToken(
  db: Kysely<Schema>,
  input: {
    orgId: string;
    name: string;
    role: 'admin' | 'analyst' | 'viewer';
    unitId: string | null;
    createdBy: string | null;
  },
) {
  const secret = randomSecret();
  const row = await db
    .insertInto('api_tokens')
    .values({
      org_id: input.orgId,
      name: input.name,
      role: input.role,
      unit_id: input.unitId,
      created_by: input.createdBy,
      secret_hash: sha256(secret),
    })
    .returning(['token_id', 'created_at'])
    .executeTakeFirstOrThrow();
  return {
    tokenId: row.token_id,
    createdAt: row.created_at,
    token: `rpt_${input.orgId}_${row.token_id}_${secret}`,
  };
}
