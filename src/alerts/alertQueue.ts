import { sql, type Transaction } from 'kysely';
import type { Schema } from '../db/schema.ts';

/**
 * Queues a stored response for the alert rules, in the transaction that stores it, when the
 * organisation has an active rule (organisations without rules pay nothing). The API path does the
 * same inside its one storing statement (responses/ingestBatcher.ts).
 */
export async function enqueueForAlerts(
  trx: Transaction<Schema>,
  orgId: string,
  responseId: string,
): Promise<void> {
  await sql`insert into alert_queue (org_id, response_id)
    select ${orgId}::uuid, ${responseId}::uuid
    where exists (select 1 from alert_rules where org_id = ${orgId}::uuid and active)
    on conflict do nothing`.execute(trx);
}

/**
 * Claims up to `limit` queued responses, oldest first, and removes them from the queue inside the
 * caller's transaction: rows another worker holds are skipped, and a rollback puts them back.
 */
export async function claimQueuedResponses(
  trx: Transaction<Schema>,
  limit: number,
): Promise<{ orgId: string; responseId: string }[]> {
  const { rows } = await sql<{ org_id: string; response_id: string }>`
    delete from alert_queue q
    using (select org_id, response_id from alert_queue order by queued_at limit ${limit} for update skip locked) c
    where q.org_id = c.org_id and q.response_id = c.response_id
    returning q.org_id, q.response_id`.execute(trx);
  return rows.map((row) => ({ orgId: row.org_id, responseId: row.response_id }));
}
