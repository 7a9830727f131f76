import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from './database.ts';

type Row = Record<string, unknown>;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  let text: string;
  if (value instanceof Date) text = value.toISOString();
  else if (Array.isArray(value) && value.every((v) => typeof v === 'string' && /^[A-Za-z0-9_.-]*$/.test(v)))
    text = `{${value.join(',')}}`;
  else if (typeof value === 'object') text = JSON.stringify(value);
  else text = String(value);
  return `"${text.replaceAll('"', '""')}"`;
}

/**
 * Streams rows into a table with constant memory. On a Postgres server it uses COPY (the fastest
 * path); PGlite has no COPY FROM STDIN over this driver, so it inserts batches through
 * json_populate_recordset, which keeps one code path for the column types.
 */
export async function bulkInsert(
  database: Database,
  table: string,
  columns: readonly string[],
  rows: AsyncIterable<Row> | Iterable<Row>,
  batchSize = 1000,
): Promise<number> {
  if (!IDENTIFIER.test(table) || !columns.every((c) => IDENTIFIER.test(c))) throw new Error('bad identifier');
  const list = columns.join(', ');
  let count = 0;
  if (database.engine === 'postgres') {
    const client = await database.pool.connect();
    try {
      const copy = client.query(copyFrom(`COPY ${table} (${list}) FROM STDIN WITH (FORMAT csv)`));
      const toCsv = new Transform({
        writableObjectMode: true,
        transform(row: Row, _encoding, done) {
          count++;
          done(null, `${columns.map((c) => csvField(row[c])).join(',')}\n`);
        },
      });
      await pipeline(Readable.from(rows), toCsv, copy);
    } finally {
      client.release();
    }
    return count;
  }
  let batch: Row[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await database.pool.query(
      `insert into ${table} (${list}) select ${list} from json_populate_recordset(null::${table}, $1::json)`,
      [JSON.stringify(batch)],
    );
    count += batch.length;
    batch = [];
  };
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return count;
}
