import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { copyTextLine } from './copyText.ts';
import type { Database } from './database.ts';

type Row = Record<string, unknown>;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Streams rows into a table with constant memory. On a Postgres server it uses COPY in text format (the fastest
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
      const copy = client.query(copyFrom(`COPY ${table} (${list}) FROM STDIN`));
      // Rows are joined into chunks of a few hundred so the socket sees few large writes, not many small ones.
      let pending = '';
      let inPending = 0;
      const toCopyText = new Transform({
        writableObjectMode: true,
        transform(row: Row, _encoding, done) {
          count++;
          pending += copyTextLine(columns, row);
          if (++inPending < 500) return done();
          const chunk = pending;
          pending = '';
          inPending = 0;
          done(null, chunk);
        },
        flush(done) {
          done(null, pending || undefined);
        },
      });
      await pipeline(Readable.from(rows), toCopyText, copy);
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

/** Streams text already in COPY's text format (one line per row) into a Postgres server's table. */
export async function copyText(
  database: Database,
  table: string,
  columns: readonly string[],
  text: AsyncIterable<string> | Iterable<string>,
): Promise<void> {
  if (database.engine !== 'postgres') throw new Error('copyText needs a Postgres server');
  if (!IDENTIFIER.test(table) || !columns.every((c) => IDENTIFIER.test(c))) throw new Error('bad identifier');
  const client = await database.pool.connect();
  try {
    await pipeline(
      Readable.from(text),
      client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)),
    );
  } finally {
    client.release();
  }
}
