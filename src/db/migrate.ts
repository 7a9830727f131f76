import { type MigrationResultSet, Migrator } from 'kysely/migration';
import type { Database } from './database.ts';
import { migrations } from './migrations/index.ts';

function migratorFor(database: Database): Migrator {
  return new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'rapport_migrations',
    migrationLockTableName: 'rapport_migrations_lock',
  });
}

/** Brings the schema up to date; several processes starting together are serialised by Kysely's lock. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const result: MigrationResultSet = await migratorFor(database).migrateToLatest();
  if (result.error) throw result.error;
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of migrations the code has that the database has not run (empty when current). */
export async function pendingMigrations(database: Database): Promise<string[]> {
  const all = await migratorFor(database).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
