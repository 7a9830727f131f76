import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { BackendCpu } from './backendCpu.ts';

export interface CopyFloor {
  /** Rows per second of a bare COPY into a table shaped like responses, with its indexes. */
  indexedRowsPerSecond: number;
  /** The same into a table with the columns and checks only: no index at all. */
  unindexedRowsPerSecond: number;
  indexedPostgresCpuSecondsPer100k: number;
}

/**
 * What Postgres alone takes to store the imported rows: the rows already in `responses` are copied
 * out to a file (not timed), then copied back with COPY FROM into an empty table like `responses`,
 * with no Rapport code in the path. An import that validates and derives measures cannot be faster
 * than this on the same machine; it is the ceiling the import's rate is read against.
 */
export async function measureCopyFloor(databaseUrl: string, file: string): Promise<CopyFloor> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const backends = new BackendCpu(databaseUrl);
  try {
    await pipeline(client.query(copyTo('copy responses to stdout')), createWriteStream(file));
    const timedCopy = async (table: string) => {
      const started = performance.now();
      const cpuBefore = await backends.total();
      const stream = client.query(copyFrom(`copy ${table} from stdin`));
      await pipeline(createReadStream(file), stream);
      const seconds = (performance.now() - started) / 1000;
      return { rows: Number(stream.rowCount), seconds, cpu: (await backends.total()) - cpuBefore };
    };
    await backends.start();
    await client.query('create table responses_copy_floor (like responses including all)');
    const indexed = await timedCopy('responses_copy_floor');
    await client.query(
      'create table responses_copy_floor_bare (like responses including defaults including constraints)',
    );
    const bare = await timedCopy('responses_copy_floor_bare');
    await backends.stop();
    await client.query('drop table responses_copy_floor, responses_copy_floor_bare');
    return {
      indexedRowsPerSecond: Math.round(indexed.rows / indexed.seconds),
      unindexedRowsPerSecond: Math.round(bare.rows / bare.seconds),
      indexedPostgresCpuSecondsPer100k: Math.round((indexed.cpu / indexed.rows) * 100_000 * 100) / 100,
    };
  } finally {
    await client.end();
    await rm(file, { force: true });
  }
}
