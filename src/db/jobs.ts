import type { Transaction } from 'kysely';
import { fromKysely, PgBoss, type SendOptions } from 'pg-boss';
import type { Database } from './database.ts';
import type { Schema } from './schema.ts';

export type { PgBoss };

/**
 * pg-boss over the same pool as everything else. Its built-in PGlite adapter would bypass the pool
 * and land statements inside whatever transaction holds PGlite's one session; going through the
 * pool makes its statements queue like any other request's.
 */
export function createJobQueue(database: Database): PgBoss {
  return new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => database.pool.query(text, values) },
    backend: database.engine === 'pglite' ? 'pglite' : 'postgres',
    schema: 'pgboss',
  } as ConstructorParameters<typeof PgBoss>[0]);
}

/** The adapter that enqueues inside an open transaction, so the job commits or rolls back with it. */
export function jobsIn(trx: Transaction<Schema>) {
  return fromKysely(trx);
}

/** Queues the capabilities use; each is created when the process's job queue starts. */
const knownQueues = new Set<string>();

export function declareQueue(name: string): string {
  knownQueues.add(name);
  return name;
}

let processQueue: PgBoss | null = null;

/**
 * Starts the process's job queue and creates every declared queue. Creating a queue also loads it
 * into pg-boss's cache, which matters: a send inside a transaction must not have to look the queue
 * up through the pool (that would be a second connection inside the transaction).
 */
export async function startJobQueue(database: Database): Promise<PgBoss> {
  const boss = createJobQueue(database);
  await boss.start();
  for (const name of knownQueues) await boss.createQueue(name);
  processQueue = boss;
  return boss;
}

export async function stopJobQueue(boss: PgBoss, options: { graceful?: boolean } = {}): Promise<void> {
  if (processQueue === boss) processQueue = null;
  await boss.stop({ graceful: options.graceful ?? true, timeout: 5000 });
}

/**
 * Enqueues a job inside `trx` on the process's job queue: it exists only if the transaction
 * commits. Code deep in a capability has a transaction but not the queue, hence the one per process.
 */
export async function enqueueIn(
  trx: Transaction<Schema>,
  queue: string,
  data: object,
  options: Omit<SendOptions, 'db'> = {},
): Promise<void> {
  if (!processQueue) throw new Error(`No job queue is running: cannot enqueue ${queue}.`);
  if (!knownQueues.has(queue)) throw new Error(`Queue ${queue} was not declared.`);
  await processQueue.send(queue, data, { ...options, db: jobsIn(trx) });
}

/** Enqueues several jobs of one queue inside `trx` in one statement. */
export async function enqueueManyIn(
  trx: Transaction<Schema>,
  queue: string,
  jobs: { data: object; startAfter?: Date }[],
): Promise<void> {
  if (jobs.length === 0) return;
  if (!processQueue) throw new Error(`No job queue is running: cannot enqueue ${queue}.`);
  if (!knownQueues.has(queue)) throw new Error(`Queue ${queue} was not declared.`);
  await processQueue.insert(queue, jobs, { db: jobsIn(trx) });
}
