import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, type PostgresPool, type Transaction } from 'kysely';
import pg from 'pg';
import type { Schema } from './schema.ts';

export type Engine = 'pglite' | 'postgres';

export interface DatabaseOptions {
  /** A Postgres server; when absent, PGlite is opened. */
  url?: string;
  /** PGlite's data directory, or `memory`. */
  dataDir?: string;
  poolMax?: number;
}

/**
 * The one handle on the database. `db` is Kysely over `pool`; both reach PGlite or a Postgres server
 * through node-postgres. PGlite has a single session, so its pool holds exactly one client: a
 * transaction keeps that client until it ends, and every other request waits in the pool's queue
 * instead of interleaving statements inside someone else's transaction.
 */
export interface Database {
  engine: Engine;
  pool: GuardedPool;
  db: Kysely<Schema>;
  close(): Promise<void>;
}

export class DatabaseMisuseError extends Error {}

interface HeldConnection {
  held: boolean;
}

const transactionContext = new AsyncLocalStorage<HeldConnection>();

/**
 * A pg.Pool that refuses to hand out a second connection to code already holding one in the same
 * async context. On PGlite that would wait forever for the only connection; on a server it would
 * silently run outside the open transaction. Either way it is a bug, so it fails loudly.
 */
export class GuardedPool {
  readonly inner: pg.Pool;
  readonly max: number;

  constructor(inner: pg.Pool, max: number) {
    this.inner = inner;
    this.max = max;
  }

  #check(): void {
    if (transactionContext.getStore()?.held) {
      throw new DatabaseMisuseError(
        'A query went to the pool from inside a transaction: pass the transaction (trx) instead.',
      );
    }
  }

  async connect(): Promise<pg.PoolClient> {
    this.#check();
    const client = await this.inner.connect();
    const store = transactionContext.getStore();
    if (store) {
      store.held = true;
      const release = client.release.bind(client);
      client.release = (error?: Error | boolean) => {
        store.held = false;
        release(error);
      };
    }
    return client;
  }

  query<R extends pg.QueryResultRow = any>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    this.#check();
    return this.inner.query<R>(text, values as any[]);
  }

  /**
   * Runs a hot statement as a named prepared statement: each connection parses and plans it once
   * instead of on every call (the text must not vary between calls).
   */
  prepared<R extends pg.QueryResultRow = any>(
    name: string,
    text: string,
    values: unknown[],
  ): Promise<pg.QueryResult<R>> {
    this.#check();
    return this.inner.query<R>({ name, text, values: values as any[] });
  }

  end(): Promise<void> {
    return this.inner.end();
  }
}

/** Runs `work` in a fresh context in which the first connection taken is marked as held. */
export function inConnectionScope<T>(work: () => Promise<T>): Promise<T> {
  return transactionContext.run({ held: false }, work);
}

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  if (options.url) {
    const max = options.poolMax ?? 10;
    const inner = new pg.Pool({ connectionString: options.url, max });
    inner.on('error', () => {
      // An idle client lost its server: the pool replaces it on next use.
    });
    const pool = new GuardedPool(inner, max);
    const db = new Kysely<Schema>({
      dialect: new PostgresDialect({ pool: pool as unknown as PostgresPool }),
    });
    return { engine: 'postgres', pool, db, close: () => db.destroy() };
  }
  const dataDir = options.dataDir ?? 'memory';
  if (dataDir !== 'memory') mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite(dataDir === 'memory' ? undefined : dataDir);
  await pglite.waitReady;
  // One client, never closed while idle: PGlite's node-postgres connection is one shared session.
  const inner = new pg.Pool({ ...createPgConfig(pglite), max: 1, idleTimeoutMillis: 0 } as pg.PoolConfig);
  const pool = new GuardedPool(inner, 1);
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: pool as unknown as PostgresPool }) });
  return {
    engine: 'pglite',
    pool,
    db,
    async close() {
      await db.destroy();
      await pglite.close();
    },
  };
}

/**
 * Runs `work` in one transaction. Inside it, only `trx` may be used: reaching for the pool throws
 * DatabaseMisuseError rather than deadlocking PGlite's single connection.
 */
export function transaction<T>(
  database: Database,
  work: (trx: Transaction<Schema>) => Promise<T>,
): Promise<T> {
  return inConnectionScope(() => database.db.transaction().execute(work));
}
