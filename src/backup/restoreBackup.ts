import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { type Database, transaction } from '../db/database.ts';
import { BACKUP_FORMAT, BackupError, type BackupHeader, type SectionHeader } from './archive.ts';
import {
  kyselyQuery,
  type OrganisationTable,
  organisationTables,
  quoted,
  type RowQuery,
  schemaVersion,
} from './organisationTables.ts';

export interface RestoreOptions {
  /** Restore under a fresh organisation id (beside the original, say); the slug gets `-copy`. */
  asNewOrg?: boolean;
  /** The restored organisation's slug (default: the backup's, or with `-copy` as a new organisation). */
  slug?: string;
  onProgress?: (rowsRestored: number, rowsTotal: number) => void;
}

export interface RestoreResult {
  orgId: string;
  slug: string;
  rows: number;
  tables: number;
}

const BATCH_ROWS = 1000;
const BATCH_CHARS = 8 * 1024 * 1024;

function parseLine<T>(line: string, what: string): T {
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new BackupError(`not a Rapport backup: the ${what} is not JSON`);
  }
}

/** Refuses to restore over anything: the organisation and its slug must be free, every table empty of it. */
async function checkSlotIsEmpty(
  query: RowQuery,
  tables: OrganisationTable[],
  orgId: string,
  slug: string,
): Promise<void> {
  const [taken] = await query<{ org_id: string }>(
    'select org_id from organisations where org_id = $1 or slug = $2 limit 1',
    [orgId, slug],
  );
  if (taken)
    throw new BackupError(
      taken.org_id === orgId
        ? `the organisation ${orgId} already exists here: restore into a database without it, or use --as-new-org`
        : `an organisation with the slug "${slug}" already exists here: pick another with --slug`,
    );
  for (const table of tables) {
    const [left] = await query(`select 1 from ${quoted(table.name)} where org_id = $1 limit 1`, [orgId]);
    if (left) throw new BackupError(`${table.name} still holds rows of organisation ${orgId}`);
  }
}

/**
 * Inserts one batch of row lines. json_populate_recordset turns each row's JSON back into the
 * table's own column types (timestamps, arrays, jsonb, bytea as hex), so values come back as they
 * were stored; the organisation id (and the slug) can be swapped on the way in.
 */
async function insertBatch(
  query: RowQuery,
  table: OrganisationTable,
  into: string,
  lines: string[],
  replace: { orgId: string; slug: string },
): Promise<void> {
  const values: unknown[] = [`[${lines.join(',')}]`, replace.orgId];
  const select = table.columns.map((column) => {
    if (column === 'org_id') return '$2::uuid';
    if (table.name === 'organisations' && column === 'slug') {
      values.push(replace.slug);
      return '$3::text';
    }
    return quoted(column);
  });
  const overriding =
    into === quoted(table.name) && table.identityColumns.length ? ' overriding system value' : '';
  await query(
    `insert into ${into} (${table.columns.map(quoted).join(', ')})${overriding}
     select ${select.join(', ')} from json_populate_recordset(null::${quoted(table.name)}, $1::json)`,
    values,
  );
}

/** Moves identity sequences past the restored values, so rows added later get fresh numbers. */
async function advanceIdentities(query: RowQuery, tables: OrganisationTable[]): Promise<void> {
  for (const table of tables)
    for (const column of table.identityColumns) {
      const [{ sequence }] = await query<{ sequence: string }>(
        'select pg_get_serial_sequence($1, $2) as sequence',
        [`public.${quoted(table.name)}`, column],
      );
      await query(
        `select setval($1::regclass, greatest((select coalesce(max(${quoted(column)}), 1) from ${quoted(table.name)}),
                                              (select last_value from ${sequence})))`,
        [sequence],
      );
    }
}

/**
 * Restores a backup (gzip'd, as `writeBackup` wrote it) in one transaction: the schema version must
 * be this database's, the organisation must not exist here, and the file must be whole, or nothing
 * is written. Tables are filled in foreign-key order; a table referencing itself is staged first and
 * inserted in one statement, as its rows may come before the rows they reference.
 */
export async function restoreBackup(
  database: Database,
  input: Readable,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  const gunzip = createGunzip();
  input.on('error', (error) => gunzip.destroy(error));
  const reader = createInterface({ input: input.pipe(gunzip), crlfDelay: Number.POSITIVE_INFINITY });
  const lines = reader[Symbol.asyncIterator]();
  const next = async (what: string): Promise<string> => {
    const { value, done } = await lines.next();
    if (done) throw new BackupError(`the backup ends before its ${what}: the file was cut short`);
    return value;
  };
  try {
    const header = parseLine<BackupHeader>(await next('header'), 'header');
    if (header?.format !== BACKUP_FORMAT || header.formatVersion !== 1)
      throw new BackupError('not a Rapport organisation backup (format 1)');
    return await transaction(database, async (trx) => {
      const query = kyselyQuery(trx);
      const here = await schemaVersion(query);
      if (header.schemaVersion !== here)
        throw new BackupError(
          `the backup was taken at schema version ${header.schemaVersion} and this database is at ${here}: restore it into a database at the same version`,
        );
      const tables = await organisationTables(query);
      const byName = new Map(tables.map((t) => [t.name, t]));
      const named = header.tables.map((t) => t.name);
      if (named.length !== tables.length || named.some((name) => !byName.has(name)))
        throw new BackupError('the backup does not hold the same tables as this database');
      const orgId = options.asNewOrg ? randomUUID() : header.organisation.orgId;
      const slug =
        options.slug ?? (options.asNewOrg ? `${header.organisation.slug}-copy` : header.organisation.slug);
      await checkSlotIsEmpty(query, tables, orgId, slug);
      const total = header.tables.reduce((sum, t) => sum + t.rows, 0);
      let restored = 0;
      options.onProgress?.(0, total);
      for (const expected of header.tables) {
        const section = parseLine<SectionHeader>(
          await next(`${expected.name} section`),
          `${expected.name} section`,
        );
        const table = byName.get(expected.name)!;
        if (section.table !== expected.name || section.rows !== expected.rows)
          throw new BackupError(`the backup's sections do not follow its header at ${expected.name}`);
        if (section.columns.join() !== table.columns.join())
          throw new BackupError(`the columns of ${table.name} differ from this database's`);
        if (section.rows === 0) continue;
        const into = table.selfReferencing ? 'backup_stage' : quoted(table.name);
        if (table.selfReferencing)
          await query(`create temporary table backup_stage (like ${quoted(table.name)}) on commit drop`);
        let batch: string[] = [];
        let chars = 0;
        for (let row = 0; row < section.rows; row++) {
          const line = await next(`row ${row + 1} of ${table.name}`);
          batch.push(line);
          chars += line.length;
          if (batch.length === BATCH_ROWS || chars >= BATCH_CHARS || row === section.rows - 1) {
            await insertBatch(query, table, into, batch, { orgId, slug });
            restored += batch.length;
            options.onProgress?.(restored, total);
            batch = [];
            chars = 0;
          }
        }
        if (table.selfReferencing) {
          const columns = table.columns.map(quoted).join(', ');
          await query(
            `insert into ${quoted(table.name)} (${columns})${table.identityColumns.length ? ' overriding system value' : ''}
             select ${columns} from backup_stage`,
          );
          await query('drop table backup_stage');
        }
      }
      const trailer = parseLine<{ end?: boolean; rows?: number }>(await next('end mark'), 'end mark');
      if (trailer.end !== true || trailer.rows !== restored)
        throw new BackupError('the backup does not end where its header says it should');
      await advanceIdentities(query, tables);
      return { orgId, slug, rows: restored, tables: tables.length };
    });
  } finally {
    reader.close();
    input.destroy();
  }
}
