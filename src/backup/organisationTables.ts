import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type pg from 'pg';
import type { Schema } from '../db/schema.ts';
import { insertionOrder } from './tableOrder.ts';

/** A statement with bind parameters and its rows: over a held client or a Kysely transaction. */
export type RowQuery = <R>(text: string, values?: readonly unknown[]) => Promise<R[]>;

export const clientQuery =
  (client: pg.PoolClient): RowQuery =>
  async <R>(text: string, values: readonly unknown[] = []) =>
    (await client.query(text, values as unknown[])).rows as R[];

export const kyselyQuery =
  (db: Kysely<Schema> | Transaction<Schema>): RowQuery =>
  async <R>(text: string, values: readonly unknown[] = []) =>
    (await db.executeQuery(CompiledQuery.raw(text, [...values]))).rows as R[];

/** A table holding organisation rows, as the catalog describes it. */
export interface OrganisationTable {
  name: string;
  /** The stored columns in their order (generated columns are left out: they are recomputed). */
  columns: string[];
  /** Identity columns GENERATED ALWAYS: restoring their values needs OVERRIDING SYSTEM VALUE. */
  identityColumns: string[];
  /** True when the table references itself (a unit's parent): its rows go in in one statement. */
  selfReferencing: boolean;
}

/** Kysely's bookkeeping: migrations are per database, not per organisation. */
const BOOKKEEPING = ['rapport_migrations', 'rapport_migrations_lock'];

/**
 * Every base table of the public schema with an org_id column, in foreign-key order (each after
 * the tables it references), read from the catalog so a table added by a later migration is in
 * every backup without a change here. pg-boss's tables live in their own schema and are left out.
 */
export async function organisationTables(query: RowQuery): Promise<OrganisationTable[]> {
  const columns = await query<{ table_name: string; column_name: string; identity: boolean }>(`
    select c.table_name, c.column_name, c.identity_generation = 'ALWAYS' as identity
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.is_generated = 'NEVER'
      and exists (select 1 from information_schema.columns o
                  where o.table_schema = c.table_schema and o.table_name = c.table_name and o.column_name = 'org_id')
    order by c.table_name, c.ordinal_position`);
  const references = await query<{ from: string; to: string }>(`
    select src.relname as "from", dst.relname as "to"
    from pg_constraint k
    join pg_class src on src.oid = k.conrelid
    join pg_class dst on dst.oid = k.confrelid
    where k.contype = 'f' and k.connamespace = 'public'::regnamespace`);
  const tables = new Map<string, OrganisationTable>();
  for (const column of columns) {
    if (BOOKKEEPING.includes(column.table_name)) continue;
    let table = tables.get(column.table_name);
    if (!table) {
      table = { name: column.table_name, columns: [], identityColumns: [], selfReferencing: false };
      tables.set(table.name, table);
    }
    table.columns.push(column.column_name);
    if (column.identity) table.identityColumns.push(column.column_name);
  }
  for (const { from, to } of references)
    if (from === to && tables.has(from)) tables.get(from)!.selfReferencing = true;
  return insertionOrder([...tables.keys()], references).map((name) => tables.get(name)!);
}

/** The schema version a backup names: the newest migration the database has run. */
export async function schemaVersion(query: RowQuery): Promise<string> {
  const rows = await query<{ name: string }>(
    'select name from rapport_migrations order by name desc limit 1',
  );
  if (rows.length === 0) throw new Error('the database has no migrations yet');
  return rows[0].name;
}

/** A catalog name as a quoted SQL identifier (names come from the catalog, never from a user). */
export const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
