import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { CellFilter } from './cellQuery.ts';
import { nextBoundary, previousBoundary } from './rollupPeriods.ts';

export const ACCOUNT_GROUPINGS = {
  none: `'all'`,
  account: `c.account_id::text`,
  tier: `coalesce(a.tier, '-')`,
  industry: `coalesce(a.industry, '-')`,
  buyingRole: `c.buying_role`,
  accountRole: `c.account_id::text || '|' || c.buying_role`,
} as const;
export type AccountGrouping = keyof typeof ACCOUNT_GROUPINGS;

export interface AccountFilter extends CellFilter {
  tier?: string;
  industry?: string;
}

/**
 * The months an account cut covers: account rollups are monthly, so a period is widened to the
 * calendar months it touches (the API reports them).
 */
export function accountMonths(from?: string, to?: string): { from?: string; to?: string } {
  return {
    from: from === undefined ? undefined : previousBoundary(from, 'month'),
    to: to === undefined ? undefined : nextBoundary(to, 'month'),
  };
}

/** Sums of the account rollups by account, tier, industry or buying role, in the filter's scope. */
export async function sumAccountCells(
  database: Database,
  filter: AccountFilter,
  grouping: AccountGrouping,
  columns: readonly string[],
): Promise<{ bucket: string; sums: Record<string, number> }[]> {
  const months = accountMonths(filter.from, filter.to);
  const where = [sql`c.org_id = ${filter.orgId}`];
  if (months.from) where.push(sql`c.day >= ${months.from}::date`);
  if (months.to) where.push(sql`c.day < ${months.to}::date`);
  if (filter.unitPath) {
    where.push(
      sql`c.unit_id in (select unit_id from org_units where org_id = ${filter.orgId} and path like ${`${filter.unitPath}%`})`,
    );
  }
  if (filter.tier) where.push(sql`a.tier = ${filter.tier}`);
  if (filter.industry) where.push(sql`a.industry = ${filter.industry}`);
  const sums = columns.map((column) => `sum(c.${column})::float8 as ${column}`).join(', ');
  // Summed in cell order: the float sums do not depend on the physical order of the cells (which a
  // restore from backup changes) nor on the join's plan.
  const { rows } = await sql<Record<string, unknown>>`
    select bucket, ${sql.raw(sums)}
    from (
      select ${sql.raw(ACCOUNT_GROUPINGS[grouping])} as bucket, ${sql.raw(columns.map((column) => `c.${column}`).join(', '))}
      from rollup_account_monthly c join accounts a on a.org_id = c.org_id and a.account_id = c.account_id
      where ${sql.join(where, sql` and `)}
      order by c.cell_key
    ) c
    group by 1 order by 1`.execute(database.db);
  return rows.map((row) => ({
    bucket: String(row.bucket),
    sums: Object.fromEntries(columns.map((column) => [column, Number(row[column] ?? 0)])),
  }));
}

/** Contacts heard per account in the months, and the contacts each account has. */
export async function accountCoverage(database: Database, filter: AccountFilter) {
  const months = accountMonths(filter.from, filter.to);
  const { rows } = await sql<{ account_id: string; heard: number; contacts: number }>`
    select a.account_id,
      (select count(distinct h.contact_id)::int from heard_contacts h
        where h.org_id = a.org_id and h.account_id = a.account_id
          ${months.from ? sql`and h.day >= ${months.from}::date` : sql``}
          ${months.to ? sql`and h.day < ${months.to}::date` : sql``}) as heard,
      (select count(*)::int from contacts k where k.org_id = a.org_id and k.account_id = a.account_id) as contacts
    from accounts a
    where a.org_id = ${filter.orgId}`.execute(database.db);
  return new Map(rows.map((r) => [r.account_id, { heard: r.heard, contacts: r.contacts }]));
}
