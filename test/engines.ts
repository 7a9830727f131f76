import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { type Database, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

export type EngineName = 'pglite' | 'postgres';

const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl && process.env.CI === 'true') {
  throw new Error('CI=true but TEST_DATABASE_URL is not set: the Postgres tests must not be skipped.');
}

let databaseCounter = 0;

/** A fresh, empty, migrated database on the given engine; Postgres gets its own throw-away database. */
export async function freshDatabase(engine: EngineName, options: { poolMax?: number } = {}) {
  if (engine === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory' });
    await migrateToLatest(database);
    return { database, drop: () => database.close() };
  }
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const name = `rapport_test_${process.pid}_${Date.now()}_${databaseCounter++}`;
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolMax: options.poolMax ?? 8 });
  await migrateToLatest(database);
  return {
    database,
    url: url.toString(),
    async drop() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export const ENGINES: EngineName[] = serverUrl ? ['pglite', 'postgres'] : ['pglite'];
if (!serverUrl) {
  console.warn(
    'TEST_DATABASE_URL is not set: store tests run on PGlite only (set it to also run them on Postgres).',
  );
}

/**
 * Runs a suite once per engine, each with its own fresh database. Tests inside a suite isolate
 * themselves by working in their own organisation, as every row and query is scoped by one.
 */
export function describeEachEngine(
  name: string,
  suite: (context: () => Database, engine: EngineName) => void,
) {
  for (const engine of ENGINES) {
    describe(`${name} [${engine}]`, () => {
      let handle: Awaited<ReturnType<typeof freshDatabase>>;
      beforeAll(async () => {
        handle = await freshDatabase(engine);
      });
      afterAll(async () => {
        await handle?.drop();
      });
      suite(() => handle.database, engine);
    });
  }
}
