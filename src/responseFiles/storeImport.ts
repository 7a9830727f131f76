import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Worker } from 'node:worker_threads';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../db/database.ts';
import { ImportFileError } from './importFileError.ts';
import type { ImportPlan } from './importPlan.ts';
import type { ImportSource } from './importSource.ts';
import type { WorkerMessage } from './importWorker.ts';
import { preparedBatches } from './preparedBatches.ts';
import { IMPORT_COMMENT_COLUMNS, IMPORT_RESPONSE_COLUMNS } from './responseRows.ts';
import { SkipTally } from './skipTally.ts';

export interface StoreOutcome {
  rows: number;
  imported: number;
  skipped: SkipTally;
}

export interface StoreOptions {
  dryRun: boolean;
  onProgress?: (rows: number) => void;
}

/** Thrown to undo a dry run: everything was checked and written, then rolled back. */
class DryRunDone extends Error {}

const WORKER_BATCH = 2000;
const WORKER_CREDITS = 8;
const CHUNK = 5000;
const ALREADY = 'already imported';

/**
 * Keys of this chunk already stored (by an earlier import, or earlier in this file). The import's
 * own rows are not in the table's statistics yet, so the import's connections turn sequential scans
 * off: otherwise the planner may scan every row stored so far for each chunk.
 */
async function storedKeys(client: pg.PoolClient, orgId: string, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const { rows } = await client.query<{ k: string }>(
    'select idempotency_key as k from responses where org_id = $1 and idempotency_key = any($2::text[])',
    [orgId, keys],
  );
  return new Set(rows.map((r) => r.k));
}

/** Which entries of a chunk to store: not stored before, and the first of any repeat within it. */
async function keep(client: pg.PoolClient, orgId: string, keys: string[]): Promise<boolean[]> {
  const stored = await storedKeys(client, orgId, keys);
  const seen = new Set<string>();
  return keys.map((key) => {
    if (stored.has(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function queueForRollups(client: pg.PoolClient, orgId: string, ids: string[]) {
  if (ids.length)
    await client.query(
      'insert into rollup_queue (org_id, response_id, sign) select $1, id, 1 from unnest($2::uuid[]) as id',
      [orgId, ids],
    );
}

/**
 * Stores an export's responses so that a file found malformed half-way changes nothing: nothing
 * commits before the last row was read. On a Postgres server a worker thread parses and converts
 * while this thread streams COPY over one connection in one transaction; on PGlite the rows go in batches through
 * json_populate_recordset in one transaction. Every stored response is queued for the rollups in
 * the transaction that stores it.
 */
export async function storeImport(
  database: Database,
  plan: ImportPlan,
  source: ImportSource,
  options: StoreOptions,
): Promise<StoreOutcome> {
  const outcome: StoreOutcome = { rows: 0, imported: 0, skipped: new SkipTally() };
  try {
    if (database.engine === 'postgres') await throughWorker(database, plan, source, outcome, options);
    else await inProcess(database, plan, source, outcome, options);
  } catch (error) {
    if (!(error instanceof DryRunDone)) throw error;
  }
  return outcome;
}

/** PGlite: one connection, one transaction, batches through json_populate_recordset. */
async function inProcess(
  database: Database,
  plan: ImportPlan,
  source: ImportSource,
  outcome: StoreOutcome,
  options: StoreOptions,
) {
  const client = await database.pool.connect();
  try {
    await client.query('begin');
    await client.query('set local enable_seqscan = off');
    await insertBatches(client, plan, source, outcome, options);
    if (options.dryRun) throw new DryRunDone();
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function insertBatches(
  client: pg.PoolClient,
  plan: ImportPlan,
  source: ImportSource,
  outcome: StoreOutcome,
  options: StoreOptions,
) {
  const list = IMPORT_RESPONSE_COLUMNS.join(', ');
  const commentList = IMPORT_COMMENT_COLUMNS.join(', ');
  for await (const batch of preparedBatches(source, plan, 1000)) {
    outcome.rows += batch.rows;
    for (const s of batch.skipped) outcome.skipped.add(s.line, s.reason);
    const kept = await keep(client, plan.orgId, batch.keys);
    const responses = batch.responses.filter((_, i) => kept[i]);
    const comments = batch.comments.filter((_, i) => kept[i]).flat();
    batch.lines.forEach((line, i) => {
      if (!kept[i]) outcome.skipped.add(line, ALREADY);
    });
    if (responses.length) {
      await client.query(
        `insert into responses (${list}) select ${list} from json_populate_recordset(null::responses, $1::json)`,
        [JSON.stringify(responses)],
      );
    }
    if (comments.length) {
      await client.query(
        `insert into comments (${commentList}) select ${commentList} from json_populate_recordset(null::comments, $1::json)`,
        [JSON.stringify(comments)],
      );
    }
    await queueForRollups(
      client,
      plan.orgId,
      responses.map((r) => r.response_id as string),
    );
    outcome.imported += responses.length;
    options.onProgress?.(outcome.rows);
  }
}

/** Lines joined a few hundred at a time, so the socket sees few large writes. */
function* joined(lines: string[]): Generator<string> {
  for (let at = 0; at < lines.length; at += 500) yield lines.slice(at, at + 500).join('');
}

async function copyInto(client: pg.PoolClient, table: string, columns: readonly string[], lines: string[]) {
  if (lines.length === 0) return;
  await pipeline(
    Readable.from(joined(lines)),
    client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)),
  );
}

/** Rows waiting to be stored, and the store in progress. */
class Pending {
  keys: string[] = [];
  lines: number[] = [];
  ids: string[] = [];
  responses: string[] = [];
  comments: string[] = [];
  storing: Promise<void> = Promise.resolve();

  /** Hands the buffered rows to a store that starts after the previous one, and empties the buffer. */
  take() {
    const taken = {
      keys: this.keys,
      lines: this.lines,
      ids: this.ids,
      responses: this.responses,
      comments: this.comments,
    };
    this.keys = [];
    this.lines = [];
    this.ids = [];
    this.responses = [];
    this.comments = [];
    return taken;
  }
}

/**
 * Postgres: the worker parses and converts ahead (credits bound its lead) while this thread sends
 * COPY over one connection in one transaction, which commits only when every row of the file was
 * read: responses, comments and rollup queue entries stand or fall together (two connections, each
 * committing on its own, could leave half an import behind a failure between their commits).
 */
async function throughWorker(
  database: Database,
  plan: ImportPlan,
  source: ImportSource,
  outcome: StoreOutcome,
  options: StoreOptions,
) {
  const worker = new Worker(new URL('./importWorker.ts', import.meta.url), {
    workerData: { plan, source, batch: WORKER_BATCH, credits: WORKER_CREDITS },
    // Its live data is a few batches; a small heap makes V8 collect instead of growing.
    resourceLimits: { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 32 },
  });
  const inbox: WorkerMessage[] = [];
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  worker.on('message', (message: WorkerMessage) => {
    inbox.push(message);
    wake?.();
  });
  worker.on('error', (error) => {
    failure = error;
    wake?.();
  });
  const next = async (): Promise<WorkerMessage> => {
    while (inbox.length === 0) {
      if (failure) throw failure;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = null;
    }
    const message = inbox.shift()!;
    if (message.type === 'batch') worker.postMessage('more');
    return message;
  };
  const client = await database.pool.connect();
  const pending = new Pending();
  const store = async () => {
    const rows = pending.take();
    const previous = pending.storing;
    pending.storing = (async () => {
      await previous;
      const kept = await keep(client, plan.orgId, rows.keys);
      const ids: string[] = [];
      const responses: string[] = [];
      const comments: string[] = [];
      for (let i = 0; i < kept.length; i++) {
        if (!kept[i]) {
          outcome.skipped.add(rows.lines[i], ALREADY);
          continue;
        }
        ids.push(rows.ids[i]);
        responses.push(rows.responses[i]);
        if (rows.comments[i]) comments.push(rows.comments[i]);
      }
      await copyInto(client, 'responses', IMPORT_RESPONSE_COLUMNS, responses);
      await copyInto(client, 'comments', IMPORT_COMMENT_COLUMNS, comments);
      await copyInto(
        client,
        'rollup_queue',
        ['org_id', 'response_id', 'sign'],
        ids.map((id) => `${plan.orgId}\t${id}\t1\n`),
      );
      outcome.imported += ids.length;
    })();
    // Only one store waits at a time: that is the backpressure on reading.
    await previous;
  };
  try {
    await client.query('begin');
    // Two imports of one file at once would wait on each other's rows; fail instead of hanging.
    await client.query("set local lock_timeout = '30s'");
    await client.query('set local enable_seqscan = off');
    for (;;) {
      const message = await next();
      if (message.type === 'error') {
        throw message.line === null
          ? new Error(message.message)
          : new ImportFileError(message.line, message.message.replace(/^line \d+: /, ''));
      }
      if (message.type === 'done') break;
      outcome.rows += message.rows;
      for (const s of message.skipped) outcome.skipped.add(s.line, s.reason);
      for (let i = 0; i < message.keys.length; i++) {
        pending.keys.push(message.keys[i]);
        pending.lines.push(message.lines[i]);
        pending.ids.push(message.ids[i]);
        pending.responses.push(message.responses[i]);
        pending.comments.push(message.comments[i]);
      }
      if (pending.keys.length >= CHUNK) await store();
      options.onProgress?.(outcome.rows);
    }
    await store();
    await pending.storing;
    if (options.dryRun) throw new DryRunDone();
    await client.query('commit');
  } catch (error) {
    // A store still running must settle before the connection is rolled back and released.
    await Promise.allSettled([pending.storing]);
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
    await worker.terminate();
  }
}
