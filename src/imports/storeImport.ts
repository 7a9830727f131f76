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
const WORKER_CREDITS = 6;
const CHUNK = 20_000;
const ALREADY = 'already imported';

/** Keys of this chunk already stored (by an earlier import, or earlier in this file). */
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
 * Stores an export's responses in one transaction on one connection, so a file that turns out to
 * be malformed half-way changes nothing. On a Postgres server a worker thread parses and converts
 * while this thread streams COPY; on PGlite the rows go in batches through json_populate_recordset.
 * Every stored response is queued for the rollups in the same transaction.
 */
export async function storeImport(
  database: Database,
  plan: ImportPlan,
  source: ImportSource,
  options: StoreOptions,
): Promise<StoreOutcome> {
  const client = await database.pool.connect();
  const outcome: StoreOutcome = { rows: 0, imported: 0, skipped: new SkipTally() };
  try {
    await client.query('begin');
    if (database.engine === 'postgres') await throughWorker(client, plan, source, outcome, options);
    else await inProcess(client, plan, source, outcome, options);
    if (options.dryRun) throw new DryRunDone();
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    if (!(error instanceof DryRunDone)) throw error;
  } finally {
    client.release();
  }
  return outcome;
}

async function inProcess(
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

/** Postgres: the worker converts ahead (credits bound its lead), this thread filters and COPYs chunks. */
async function throughWorker(
  client: pg.PoolClient,
  plan: ImportPlan,
  source: ImportSource,
  outcome: StoreOutcome,
  options: StoreOptions,
) {
  const worker = new Worker(new URL('./importWorker.ts', import.meta.url), {
    workerData: { plan, source, batch: WORKER_BATCH, credits: WORKER_CREDITS },
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
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
    const message = inbox.shift()!;
    if (message.type === 'batch') worker.postMessage('more');
    return message;
  };
  try {
    let finished = false;
    while (!finished) {
      const chunk: Extract<WorkerMessage, { type: 'batch' }>[] = [];
      let size = 0;
      while (size < CHUNK) {
        const message = await next();
        if (message.type === 'error') {
          throw message.line === null
            ? new Error(message.message)
            : new ImportFileError(message.line, message.message.replace(/^line \d+: /, ''));
        }
        if (message.type === 'done') {
          finished = true;
          break;
        }
        chunk.push(message);
        size += message.rows;
      }
      const keys = chunk.flatMap((b) => b.keys);
      const kept = await keep(client, plan.orgId, keys);
      const responses: string[] = [];
      const comments: string[] = [];
      const ids: string[] = [];
      let at = 0;
      for (const batch of chunk) {
        outcome.rows += batch.rows;
        for (const s of batch.skipped) outcome.skipped.add(s.line, s.reason);
        for (let i = 0; i < batch.keys.length; i++, at++) {
          if (!kept[at]) {
            outcome.skipped.add(batch.lines[i], ALREADY);
            continue;
          }
          responses.push(batch.responses[i]);
          if (batch.comments[i]) comments.push(batch.comments[i]);
          ids.push(batch.ids[i]);
        }
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
      options.onProgress?.(outcome.rows);
    }
  } finally {
    await worker.terminate();
  }
}
