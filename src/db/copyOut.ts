import { to as copyTo } from 'pg-copy-streams';
import type { Database } from './database.ts';

/**
 * Streams `COPY (query) TO STDOUT` (a Postgres server only) on a connection of its own, with sorting
 * and parallel workers switched off for it: a query whose ORDER BY an index provides (ties ordered
 * by an incremental sort) then sends rows as it reads them, where a sort of everything first would
 * keep them all back until it finished, and its parallel workers would take the cores the reader
 * needs to process what streams in. A reader that stops early leaves the COPY open on that
 * connection, so it is closed rather than handed to the next caller.
 */
export async function* copyOutInIndexOrder(database: Database, copy: string): AsyncGenerator<Buffer> {
  const client = await database.pool.connect();
  let finished = false;
  try {
    await client.query('begin; set local enable_sort = off; set local max_parallel_workers_per_gather = 0');
    for await (const chunk of client.query(copyTo(copy))) yield chunk as Buffer;
    await client.query('commit');
    finished = true;
  } finally {
    client.release(finished ? undefined : new Error('COPY stopped before its end'));
  }
}
