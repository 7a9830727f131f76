import { sql, type Transaction } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { FACT_COLUMNS, FACT_FILTER, FACT_JOINS, type FactsRow } from './evaluate.ts';

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
 * Claims up to `limit` queued responses, oldest first, removes them from the queue inside the
 * caller's transaction (rows another worker holds are skipped; a rollback puts them back) and
 * returns what evaluation needs to know about them, in one round trip. Responses that are not
 * complete or were excluded are claimed but return no facts.
 */
export async function claimQueuedResponses(
  trx: Transaction<Schema>,
  limit: number,
): Promise<{ claimed: number; facts: FactsRow[] }> {
  const { rows } = await sql<FactsRow & { claimed_org: string }>`
    with claimed as (
      delete from alert_queue q
      using (select org_id, response_id from alert_queue order by queued_at limit ${limit} for update skip locked) c
      where q.org_id = c.org_id and q.response_id = c.response_id
      returning q.org_id, q.response_id)
    select claimed.org_id as claimed_org, ${sql.raw(FACT_COLUMNS)}
    from claimed
    left join responses r on r.org_id = claimed.org_id and r.response_id = claimed.response_id and ${sql.raw(FACT_FILTER)}
    ${sql.raw(FACT_JOINS)}`.execute(trx);
  return { claimed: rows.length, facts: rows.filter((row) => row.response_id !== null) };
}
