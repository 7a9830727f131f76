import type { Transaction } from 'kysely';
import { fromKysely, PgBoss } from 'pg-boss';
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
