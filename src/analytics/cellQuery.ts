import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { periodPieces } from './rollupPeriods.ts';
import { pendingCells, ROLLUP_TABLES, type RollupGrain } from './rollups.ts';
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
  /** Month × unit: the resampling unit of the drivers' bootstrap. */
  cell: `to_char(day, 'YYYY-MM') || '|' || coalesce(unit_id::text, '-')`,
} as const;
export type Grouping = keyof typeof GROUPINGS;

export type CellSums = Record<string, number> & { bucket?: never };

const VALUE_COLUMNS = rollupValueColumns();
const DIMENSIONS = 'day, unit_id, survey_id, touchpoint_id, segment, language, channel';

const GRAIN_OF: Record<Grouping, RollupGrain> = {
  none: 'month',
  day: 'day',
  week: 'week',
  month: 'month',
  quarter: 'month',
  year: 'month',
  unit: 'month',
  survey: 'month',
  touchpoint: 'month',
  segment: 'month',
  language: 'month',
  channel: 'month',
  cell: 'month',
};

/**
 * Adds up rollup cells, plus the responses still in the rollup queue, for one filter and grouping:
 * the dashboards' only read path. Whole months (or weeks, for a weekly trend) come from the coarse
 * rollups and the days at the edges from the daily ones; raw responses are never read (bar the queue).
 * `columns` limits the sums to what the caller needs.
 */
export async function sumCells(
  database: Database,
  filter: CellFilter,
  grouping: Grouping = 'none',
  columns: readonly string[] = VALUE_COLUMNS,
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
  const pieces = periodPieces(filter.from, filter.to, GRAIN_OF[grouping]).map(
    (
      piece,
    ) => sql`select ${sql.raw(DIMENSIONS)}, ${sql.raw(columns.join(', '))} from ${sql.table(ROLLUP_TABLES[piece.grain])}
      where org_id = ${filter.orgId}
        ${piece.from ? sql`and day >= ${piece.from}::date` : sql``}
        ${piece.to ? sql`and day < ${piece.to}::date` : sql``}`,
  );
  // Queued responses come as daily cells; the period's day filter below applies to them. (It holds
  // for the rolled pieces too: a week or month piece starts inside the period by construction.)
  const pending = sql`select ${sql.raw(DIMENSIONS)}, ${sql.raw(columns.join(', '))} from (${pendingCells(filter.orgId)}) p`;
  const sums = columns.map((column) => `sum(c.${column})::float8 as ${column}`).join(', ');
  const { rows } = await sql<Record<string, unknown>>`
    select ${sql.raw(GROUPINGS[grouping])} as bucket, ${sql.raw(sums)}
    from (${sql.join([...pieces, pending], sql` union all `)}) c
    where ${sql.join(where, sql` and `)}
    group by 1
    order by 1`.execute(database.db);
  return rows.map((row) => {
    const values: Record<string, number> = {};
    for (const column of columns) values[column] = Number(row[column] ?? 0);
    return { bucket: String(row.bucket), sums: values };
  });
}
