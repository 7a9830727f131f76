import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { pendingCells } from './rollups.ts';
import { rollupValueColumns } from './rollupVariables.ts';

/** Which cells to add up. Dates are UTC days, `to` exclusive. */
export interface CellFilter {
  orgId: string;
  from?: string;
  to?: string;
  /** The unit subtree (a materialised path prefix); null for the whole organisation. */
  unitPath: string | null;
  surveyId?: string;
  touchpointIds?: string[];
  segment?: string;
  language?: string;
  channel?: string;
}

export const GROUPINGS = {
  none: `'all'`,
  day: `to_char(day, 'YYYY-MM-DD')`,
  week: `to_char(date_trunc('week', day), 'IYYY-"W"IW')`,
  month: `to_char(day, 'YYYY-MM')`,
  quarter: `to_char(day, 'YYYY-"Q"Q')`,
  year: `to_char(day, 'YYYY')`,
  unit: `coalesce(unit_id::text, '-')`,
  survey: `survey_id::text`,
  touchpoint: `coalesce(touchpoint_id::text, '-')`,
  segment: `coalesce(segment, '-')`,
  language: `language`,
  channel: `channel`,
} as const;
export type Grouping = keyof typeof GROUPINGS;

export type CellSums = Record<string, number> & { bucket?: never };

const VALUE_COLUMNS = rollupValueColumns();
const DIMENSIONS = 'day, unit_id, survey_id, touchpoint_id, segment, language, channel';

/**
 * Adds up rollup cells, plus the responses still in the rollup queue, for one filter and grouping:
 * the dashboards' only read path. It reads rollups, never raw responses (bar the short queue).
 */
export async function sumCells(
  database: Database,
  filter: CellFilter,
  grouping: Grouping = 'none',
): Promise<{ bucket: string; sums: Record<string, number> }[]> {
  const where = [sql`true`];
  if (filter.from) where.push(sql`c.day >= ${filter.from}::date`);
  if (filter.to) where.push(sql`c.day < ${filter.to}::date`);
  if (filter.unitPath) {
    where.push(
      sql`c.unit_id in (select unit_id from org_units where org_id = ${filter.orgId} and path like ${`${filter.unitPath}%`})`,
    );
  }
  if (filter.surveyId) where.push(sql`c.survey_id = ${filter.surveyId}`);
  if (filter.touchpointIds) where.push(sql`c.touchpoint_id = any(${filter.touchpointIds}::uuid[])`);
  if (filter.segment) where.push(sql`c.segment = ${filter.segment}`);
  if (filter.language) where.push(sql`c.language = ${filter.language}`);
  if (filter.channel) where.push(sql`c.channel = ${filter.channel}`);
  const sums = VALUE_COLUMNS.map((column) => `sum(c.${column})::float8 as ${column}`).join(', ');
  const { rows } = await sql<Record<string, unknown>>`
    select ${sql.raw(GROUPINGS[grouping])} as bucket, ${sql.raw(sums)}
    from (
      select ${sql.raw(DIMENSIONS)}, ${sql.raw(VALUE_COLUMNS.join(', '))} from rollup_daily
      where org_id = ${filter.orgId}
        ${filter.from ? sql`and day >= ${filter.from}::date` : sql``}
        ${filter.to ? sql`and day < ${filter.to}::date` : sql``}
      union all
      ${pendingCells(filter.orgId)}
    ) c
    where ${sql.join(where, sql` and `)}
    group by 1
    order by 1`.execute(database.db);
  return rows.map((row) => {
    const values: Record<string, number> = {};
    for (const column of VALUE_COLUMNS) values[column] = Number(row[column] ?? 0);
    return { bucket: String(row.bucket), sums: values };
  });
}
