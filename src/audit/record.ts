import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { Actor } from '../policies/actor.ts';

/** Appends one entry to the organisation's audit log, in the caller's transaction when given one. */
export async function recordAudit(
  db: Kysely<Schema> | Transaction<Schema>,
  actor: Pick<Actor, 'orgId' | 'userId' | 'tokenId'>,
  action: string,
  target: { type: string; id: string } | null,
  details: Record<string, unknown> = {},
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      org_id: actor.orgId,
      actor_user_id: actor.userId,
      actor_token_id: actor.tokenId,
      action,
      target_type: target?.type ?? null,
      target_id: target?.id ?? null,
      details: JSON.stringify(details),
    })
    .execute();
}
