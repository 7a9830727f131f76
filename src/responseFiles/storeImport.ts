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

type Batch = Extract<WorkerMessage, { type: 'batch' }>;

const WORKER_BATCH = 5000;
const WORKER_CREDITS = 2;
const ALREADY = 'already imported';
const RESPONSE_LIST = IMPORT_RESPONSE_COLUMNS.join(', ');
const COMMENT_LIST = IMPORT_COMMENT_COLUMNS.join(', ');

/**
 * Inserts the rows of `input` (a table, or a set-returning call with `params`) into responses,
 * skipping those whose idempotency key is stored already (by an earlier import, or earlier in this
 * one: rows go in in order), queues the new ones for the rollups, and returns the ids of the rows
 * skipped (usually none). The unique index does the check as it inserts: a lookup per key first
 * costs as much again, and with the import's own rows missing from the table's statistics the
 * planner may scan every row stored so far for each chunk (quadratic in the file's length).
 */
async function insertNew(client: pg.PoolClient, input: string, params: unknown[]): Promise<Set<string>> {
  const { rows } = await client.query<{ id: string }>(
    `with kept as (
       insert into responses (${RESPONSE_LIST}) select ${RESPONSE_LIST} from ${input}
       on conflict (org_id, idempotency_key) where idempotency_key is not null do nothing
       returning org_id, response_id),
     queued as (insert into rollup_queue (org_id, response_id, sign) select org_id, response_id, 1 from kept)
     select response_id::text as id from ${input} where response_id not in (select response_id from kept)`,
    params,
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Stores an export's responses so that a file found malformed half-way changes nothing: nothing
 * commits before the last row was read, and everything (responses, comments, rollup queue entries)
 * commits in one transaction. On a Postgres server a worker thread parses and converts while this
 * thread streams COPY over one connection; on PGlite the rows go in batches through
 * json_populate_recordset.
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
    for await (const batch of preparedBatches(source, plan, 1000)) {
      outcome.rows += batch.rows;
      for (const s of batch.skipped) outcome.skipped.add(s.line, s.reason);
      if (batch.responses.length === 0) continue;
      const skipped = await insertNew(client, 'json_populate_recordset(null::responses, $1::json)', [
        JSON.stringify(batch.responses),
      ]);
      const comments = [];
      for (let i = 0; i < batch.responses.length; i++) {
        if (!skipped.has(batch.responses[i].response_id as string)) comments.push(...batch.comments[i]);
        else outcome.skipped.add(batch.lines[i], ALREADY);
      }
      if (comments.length) {
        await client.query(
          `insert into comments (${COMMENT_LIST}) select ${COMMENT_LIST} from json_populate_recordset(null::comments, $1::json)`,
          [JSON.stringify(comments)],
        );
      }
      outcome.imported += batch.responses.length - skipped.size;
      options.onProgress?.(outcome.rows);
    }
    if (options.dryRun) throw new DryRunDone();
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** COPY text (whole lines) into a table, in one write. */
async function copyInto(client: pg.PoolClient, table: string, list: string, text: Uint8Array) {
  if (text.length === 0) return;
  await pipeline(Readable.from([text]), client.query(copyFrom(`COPY ${table} (${list}) FROM STDIN`)));
}

/** The comment lines of a batch's responses that were not skipped (usually all of them). */
function keptComments(batch: Batch, skipped: Set<string>): Uint8Array {
  if (skipped.size === 0) return batch.comments;
  const parts: Uint8Array[] = [];
  for (let i = 0; i < batch.ids.length; i++) {
    if (!skipped.has(batch.ids[i]))
      parts.push(batch.comments.subarray(i === 0 ? 0 : batch.commentEnds[i - 1], batch.commentEnds[i]));
  }
  return Buffer.concat(parts);
}

/**
 * Postgres: the worker parses, converts and formats COPY text ahead (credits bound its lead) while
 * this thread sends it over one connection in one transaction, which commits only when every row of
 * the file was read: responses, comments and rollup queue entries stand or fall together (several
 * connections committing one after the other could leave half an import behind a failure between
 * their commits). The text arrives as transferred bytes, so this thread's heap holds next to nothing.
 */
async function throughWorker(
  database: Database,
  plan: ImportPlan,
  source: ImportSource,
  outcome: StoreOutcome,
  options: StoreOptions,
) {
  const worker = new Worker(new URL('./importWorker.ts', import.meta.url), {
    workerData: { plan, source, batchSize: WORKER_BATCH, credits: WORKER_CREDITS },
    // Its live data is a few batches; a small heap makes V8 collect instead of growing.
    resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 },
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
  let storing: Promise<void> = Promise.resolve();
  /** Stores a batch after the one before; waiting only for that one is the backpressure on reading. */
  const store = async (batch: Batch) => {
    const previous = storing;
    storing = (async () => {
      await previous;
      if (batch.ids.length === 0) return;
      // COPY cannot skip rows already stored: it fills a staging table the insert reads from.
      await copyInto(client, 'import_stage', RESPONSE_LIST, batch.responses);
      const skipped = await insertNew(client, 'import_stage', []);
      await client.query('truncate import_stage');
      for (let i = 0; i < batch.ids.length; i++)
        if (skipped.has(batch.ids[i])) outcome.skipped.add(batch.lines[i], ALREADY);
      await copyInto(client, 'comments', COMMENT_LIST, keptComments(batch, skipped));
      outcome.imported += batch.ids.length - skipped.size;
    })();
    await previous;
  };
  try {
    await client.query('begin');
    // Two imports of one file at once would wait on each other's rows; fail instead of hanging.
    await client.query("set local lock_timeout = '30s'");
    // Session-local and unlogged; dropped with the transaction however it ends.
    await client.query('create temp table import_stage (like responses including defaults) on commit drop');
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
      await store(message);
      options.onProgress?.(outcome.rows);
    }
    await storing;
    if (options.dryRun) throw new DryRunDone();
    await client.query('commit');
  } catch (error) {
    // A store still running must settle before the connection is rolled back and released.
    await Promise.allSettled([storing]);
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
    await worker.terminate();
  }
}
