import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { CellFilter } from './cellQuery.ts';

/**
 * Personal invitations (single-use links) issued in the period and how many were answered, within
 * the filter's scope: a link belongs to the unit of its contact's account. Counted in SQL.
 */
export async function responseRate(database: Database, filter: CellFilter) {
  const where = [sql`t.org_id = ${filter.orgId}`];
  if (filter.from) where.push(sql`t.created_at >= ${filter.from}::date`);
  if (filter.to) where.push(sql`t.created_at < ${filter.to}::date`);
  if (filter.unitPath) {
    where.push(
      sql`a.unit_id in (select unit_id from org_units where org_id = ${filter.orgId} and path like ${`${filter.unitPath}%`})`,
    );
  }
  if (filter.surveyId) where.push(sql`t.survey_id = ${filter.surveyId}`);
  if (filter.touchpointIds) where.push(sql`t.touchpoint_id = any(${filter.touchpointIds}::uuid[])`);
  if (filter.language) where.push(sql`t.language = ${filter.language}`);
  const { rows } = await sql<{ sent: number; answered: number }>`
    select count(*)::int as sent, count(t.used_at)::int as answered
    from survey_tokens t
    left join accounts a on a.org_id = t.org_id and a.account_id = t.account_id
    where ${sql.join(where, sql` and `)}`.execute(database.db);
  const { sent, answered } = rows[0] ?? { sent: 0, answered: 0 };
  return { sent, answered, rate: sent > 0 ? answered / sent : null };
}
