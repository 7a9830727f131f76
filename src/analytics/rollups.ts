import { type RawBuilder, sql, type Transaction } from 'kysely';
import { type Database, transaction } from '../db/database.ts';
import type { Schema } from '../db/schema.ts';
import { rollupValueColumns, rollupValueExpressions } from './rollupVariables.ts';

/** The cell a response falls in: its UTC day and its analysis dimensions. */
export const CELL_DIMENSIONS = [
  'day',
  'unit_id',
  'survey_id',
  'touchpoint_id',
  'segment',
  'language',
  'channel',
] as const;

const DIMENSION_SELECT = `(r.submitted_at at time zone 'UTC')::date as day, r.unit_id, r.survey_id, r.touchpoint_id, r.segment, r.language, r.channel`;
const GROUP_BY = `1, 2, 3, 4, 5, 6, 7`;
const CELL_KEY = `concat_ws('|', day, coalesce(unit_id::text, '-'), survey_id, coalesce(touchpoint_id::text, '-'), coalesce(segment, '-'), language, channel)`;

const VALUE_COLUMNS = rollupValueColumns();

function aggregateSelect(sign: string): string {
  const expressions = rollupValueExpressions(sign);
  return `${DIMENSION_SELECT}, ${VALUE_COLUMNS.map((c) => `${expressions[c]} as ${c}`).join(', ')}`;
}

/** Aggregated cells of the responses in the rollup queue (sign ±1), not yet folded into rollup_daily. */
export function pendingCells(orgId: string) {
  return sql`select ${sql.raw(aggregateSelect('q.sign'))}
    from rollup_queue q join responses r on r.org_id = q.org_id and r.response_id = q.response_id
    where q.org_id = ${orgId}
    group by ${sql.raw(GROUP_BY)}`;
}

const upsertTail = `on conflict (org_id, cell_key) do update set ${VALUE_COLUMNS.map((c) => `${c} = rollup_daily.${c} + excluded.${c}`).join(', ')}`;
const insertColumns = `org_id, ${CELL_DIMENSIONS.join(', ')}, cell_key, ${VALUE_COLUMNS.join(', ')}`;

/** Queues a response for the rollups, in the transaction that stores (or excludes, sign −1) it. */
export async function enqueueForRollups(
  trx: Transaction<Schema>,
  orgId: string,
  responseId: string,
  sign: 1 | -1 = 1,
): Promise<void> {
  await trx.insertInto('rollup_queue').values({ org_id: orgId, response_id: responseId, sign }).execute();
}

/** Account cells: month × account × buying role × unit, from responses (r) with their contact (c). */
function accountCellsSelect(sign: string): string {
  const expressions = rollupValueExpressions(sign);
  return `r.org_id, date_trunc('month', r.submitted_at at time zone 'UTC')::date as day, r.account_id,
    coalesce(c.buying_role, '-') as buying_role, r.unit_id, ${VALUE_COLUMNS.map((v) => `${expressions[v]} as ${v}`).join(', ')}`;
}
const ACCOUNT_KEY = `concat_ws('|', day, account_id, buying_role, coalesce(unit_id::text, '-'))`;
const accountInsert = `insert into rollup_account_monthly (org_id, day, account_id, buying_role, unit_id, cell_key, ${VALUE_COLUMNS.join(', ')})
  select org_id, day, account_id, buying_role, unit_id, ${ACCOUNT_KEY}, ${VALUE_COLUMNS.join(', ')} from account_cells
  on conflict (org_id, cell_key) do update set ${VALUE_COLUMNS.map((c) => `${c} = rollup_account_monthly.${c} + excluded.${c}`).join(', ')}`;
const CONTACT_JOIN = 'left join contacts c on c.org_id = r.org_id and c.contact_id = r.contact_id';

export const ROLLUP_TABLES = { day: 'rollup_daily', week: 'rollup_weekly', month: 'rollup_monthly' } as const;
export type RollupGrain = keyof typeof ROLLUP_TABLES;

const sumsOfValues = VALUE_COLUMNS.map((c) => `sum(${c}) as ${c}`).join(', ');

/** Daily cells (from `source`) summed to weeks or months and added into that grain's table. */
function coarserUpsert(grain: 'week' | 'month', source: RawBuilder<unknown>) {
  const table = ROLLUP_TABLES[grain];
  return sql`insert into ${sql.table(table)} (${sql.raw(insertColumns)})
    select org_id, ${sql.raw(CELL_DIMENSIONS.join(', '))}, ${sql.raw(CELL_KEY)}, ${sql.raw(VALUE_COLUMNS.join(', '))} from (
      select org_id, date_trunc(${grain}, day)::date as day, unit_id, survey_id, touchpoint_id, segment, language, channel,
        ${sql.raw(sumsOfValues)}
      from ${source} group by 1, 2, 3, 4, 5, 6, 7, 8
    ) coarse
    ${sql.raw(upsertTail.replaceAll('rollup_daily', table))}`;
}

/**
 * Folds up to \`limit\` queued responses into the daily, weekly and monthly rollups, in one
 * transaction. Several workers may fold at once: each takes its own rows (SKIP LOCKED). Returns how
 * many queue rows it folded.
 */
export async function foldRollups(database: Database, limit = 5000): Promise<number> {
  const { rows } = await sql<{ folded: number }>`
    with taken as (
      delete from rollup_queue
      where (org_id, queue_id) in (
        select org_id, queue_id from rollup_queue order by queue_id limit ${limit} for update skip locked
      )
      returning org_id, response_id, sign
    ),
    cells as (
      select r.org_id, ${sql.raw(aggregateSelect('q.sign'))}
      from taken q join responses r on r.org_id = q.org_id and r.response_id = q.response_id
      group by r.org_id, ${sql.raw(
        GROUP_BY.split(', ')
          .map((n) => String(Number(n) + 1))
          .join(', '),
      )}
    ),
    daily as (
      insert into rollup_daily (${sql.raw(insertColumns)})
      select org_id, ${sql.raw(CELL_DIMENSIONS.join(', '))}, ${sql.raw(CELL_KEY)}, ${sql.raw(VALUE_COLUMNS.join(', '))} from cells
      ${sql.raw(upsertTail)}
    ),
    weekly as (${coarserUpsert('week', sql.raw('cells'))}),
    monthly as (${coarserUpsert('month', sql.raw('cells'))}),
    account_cells as (
      select ${sql.raw(accountCellsSelect('q.sign'))}
      from taken q join responses r on r.org_id = q.org_id and r.response_id = q.response_id ${sql.raw(CONTACT_JOIN)}
      where r.account_id is not null
      group by 1, 2, 3, 4, 5
    ),
    accounts as (${sql.raw(accountInsert)}),
    heard as (
      insert into heard_contacts (org_id, day, account_id, contact_id)
      select distinct r.org_id, date_trunc('month', r.submitted_at at time zone 'UTC')::date, r.account_id, r.contact_id
      from taken q join responses r on r.org_id = q.org_id and r.response_id = q.response_id
      where q.sign = 1 and r.account_id is not null and r.contact_id is not null
      on conflict do nothing
    )
    select count(*)::int as folded from taken`.execute(database.db);
  return rows[0]?.folded ?? 0;
}

/** Recomputes an organisation's rollups from its responses (`rapport rollups rebuild`). */
export async function rebuildRollups(database: Database, orgId: string): Promise<number> {
  return transaction(database, async (trx) => {
    await sql`delete from rollup_queue where org_id = ${orgId}`.execute(trx);
    for (const table of Object.values(ROLLUP_TABLES))
      await sql`delete from ${sql.table(table)} where org_id = ${orgId}`.execute(trx);
    const result = await sql`
      insert into rollup_daily (${sql.raw(insertColumns)})
      select org_id, ${sql.raw(CELL_DIMENSIONS.join(', '))}, ${sql.raw(CELL_KEY)}, ${sql.raw(VALUE_COLUMNS.join(', '))}
      from (
        select r.org_id, ${sql.raw(aggregateSelect('1'))}
        from responses r
        where r.org_id = ${orgId} and r.status = 'complete' and not r.excluded
        group by r.org_id, 2, 3, 4, 5, 6, 7, 8
      ) cells`.execute(trx);
    for (const grain of ['week', 'month'] as const) {
      await coarserUpsert(
        grain,
        sql`(select * from rollup_daily where org_id = ${orgId}) as daily_cells`,
      ).execute(trx);
    }
    await sql`delete from rollup_account_monthly where org_id = ${orgId}`.execute(trx);
    await sql`delete from heard_contacts where org_id = ${orgId}`.execute(trx);
    await sql`
      with account_cells as (
        select ${sql.raw(accountCellsSelect('1'))}
        from responses r ${sql.raw(CONTACT_JOIN)}
        where r.org_id = ${orgId} and r.status = 'complete' and not r.excluded and r.account_id is not null
        group by 1, 2, 3, 4, 5
      )
      ${sql.raw(accountInsert)}`.execute(trx);
    await sql`
      insert into heard_contacts (org_id, day, account_id, contact_id)
      select distinct org_id, date_trunc('month', submitted_at at time zone 'UTC')::date, account_id, contact_id
      from responses
      where org_id = ${orgId} and status = 'complete' and account_id is not null and contact_id is not null`.execute(
      trx,
    );
    return Number(result.numAffectedRows ?? 0n);
  });
}

/**
 * Recomputes the account rollups of some accounts after their responses changed hands (an account
 * or contact merge). The cells must equal what folding has already added: the responses as they
 * now stand, minus whatever is still queued (the next fold adds that).
 */
export async function recomputeAccountRollups(
  trx: Transaction<Schema>,
  orgId: string,
  accountIds: string[],
): Promise<void> {
  if (accountIds.length === 0) return;
  const ids = sql`${`{${accountIds.join(',')}}`}::uuid[]`;
  await sql`delete from rollup_account_monthly where org_id = ${orgId} and account_id = any(${ids})`.execute(
    trx,
  );
  await sql`
    with counted as (
      select 1 as sign, response_id from responses
      where org_id = ${orgId} and account_id = any(${ids}) and status = 'complete' and not excluded
      union all
      select -q.sign, q.response_id from rollup_queue q where q.org_id = ${orgId}
    ),
    account_cells as (
      select ${sql.raw(accountCellsSelect('s.sign'))}
      from counted s join responses r on r.org_id = ${orgId} and r.response_id = s.response_id ${sql.raw(CONTACT_JOIN)}
      where r.account_id = any(${ids})
      group by 1, 2, 3, 4, 5
    )
    ${sql.raw(accountInsert)}`.execute(trx);
}
