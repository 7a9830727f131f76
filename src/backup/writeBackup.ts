import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Database } from '../db/database.ts';
import {
  BACKUP_FORMAT,
  BackupError,
  type BackupHeader,
  type BackupTrailer,
  type SectionHeader,
} from './archive.ts';
import { clientQuery, organisationTables, quoted, schemaVersion } from './organisationTables.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FETCH = 2000;

export type BackupProgress = (rowsWritten: number, rowsTotal: number) => void;

/**
 * The organisation's rows as JSON Lines: a header, then per table a section header and one line per
 * row (row_to_json's text, passed through unparsed so numbers keep every digit), then a trailer.
 * Everything is read in one repeatable-read snapshot, so the backup is consistent, through a cursor
 * per table, so memory stays constant. The session is put in UTC (timestamps), shortest exact float
 * text and hex bytea, so the same rows give the same bytes on either engine. Rows go out in their
 * physical order, which a restore into empty tables reproduces: sums over float columns then add up
 * in the same order and give the same last digit.
 */
async function* backupLines(database: Database, orgId: string, onProgress?: BackupProgress) {
  if (!UUID.test(orgId)) throw new BackupError('not an organisation id');
  const client = await database.pool.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    await client.query(
      "set local timezone = 'UTC'; set local extra_float_digits = 1; set local bytea_output = 'hex'",
    );
    const { rows: found } = await client.query(
      'select org_id::text as "orgId", slug, name from organisations where org_id = $1',
      [orgId],
    );
    if (found.length === 0) throw new BackupError('no such organisation');
    // The catalog is read through the same client, inside the snapshot.
    const tables = await organisationTables(clientQuery(client));
    const counts: { name: string; rows: number }[] = [];
    for (const table of tables) {
      const { rows } = await client.query(
        `select count(*)::int as n from ${quoted(table.name)} where org_id = $1`,
        [orgId],
      );
      counts.push({ name: table.name, rows: rows[0].n });
    }
    const total = counts.reduce((sum, t) => sum + t.rows, 0);
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      formatVersion: 1,
      schemaVersion: await schemaVersion(clientQuery(client)),
      organisation: found[0],
      takenAt: new Date().toISOString(),
      tables: counts,
    };
    yield `${JSON.stringify(header)}\n`;
    let written = 0;
    onProgress?.(0, total);
    for (const [index, table] of tables.entries()) {
      const section: SectionHeader = { table: table.name, columns: table.columns, rows: counts[index].rows };
      yield `${JSON.stringify(section)}\n`;
      if (section.rows === 0) continue;
      await client.query(
        `declare backup_rows no scroll cursor for
         select row_to_json(x)::text as line
         from (select ${table.columns.map(quoted).join(', ')} from ${quoted(table.name)}
               where org_id = '${orgId}' order by ctid) x`,
      );
      for (;;) {
        const { rows } = await client.query<{ line: string }>(`fetch ${FETCH} from backup_rows`);
        if (rows.length === 0) break;
        written += rows.length;
        yield `${rows.map((r) => r.line).join('\n')}\n`;
        onProgress?.(written, total);
      }
      await client.query('close backup_rows');
    }
    const trailer: BackupTrailer = { end: true, rows: written };
    yield `${JSON.stringify(trailer)}\n`;
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Writes the organisation's backup, gzip'd, to `output`; returns the number of rows. */
export async function writeBackup(
  database: Database,
  orgId: string,
  output: Writable,
  onProgress?: BackupProgress,
): Promise<number> {
  let rows = 0;
  await pipeline(
    Readable.from(
      backupLines(database, orgId, (written, total) => {
        rows = written;
        onProgress?.(written, total);
      }),
    ),
    createGzip(),
    output,
  );
  return rows;
}
