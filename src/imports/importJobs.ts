import type { Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { jobsIn, type PgBoss } from '../db/jobs.ts';
import type { Schema } from '../db/schema.ts';
import type { ScopedActor } from '../hierarchy/unitCommands.ts';
import type { Mapping } from './importFields.ts';
import { runImport } from './importRun.ts';

export const IMPORT_QUEUE = 'directory-import';

interface ImportJobData {
  orgId: string;
  importId: string;
}

/** Queues an import run inside the transaction that asked for it. */
export async function enqueueImport(
  jobs: PgBoss,
  trx: Transaction<Schema>,
  data: ImportJobData,
): Promise<void> {
  await jobs.send(IMPORT_QUEUE, data, { db: jobsIn(trx), singletonKey: `${data.orgId}:${data.importId}` });
}

/** The stored file of an import, one chunk at a time. */
async function* storedFile(database: Database, orgId: string, importId: string): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq++) {
    const chunk = await database.db
      .selectFrom('import_file_chunks')
      .select('bytes')
      .where('org_id', '=', orgId)
      .where('import_id', '=', importId)
      .where('seq', '=', seq)
      .executeTakeFirst();
    if (!chunk) return;
    yield chunk.bytes;
  }
}

/** Runs one queued import as the actor who asked for it (their scope read afresh). */
export async function runQueuedImport(database: Database, data: ImportJobData): Promise<void> {
  const job = await database.db
    .selectFrom('import_jobs')
    .leftJoin('org_units', (join) =>
      join
        .onRef('org_units.org_id', '=', 'import_jobs.org_id')
        .onRef('org_units.unit_id', '=', 'import_jobs.actor_unit_id'),
    )
    .selectAll('import_jobs')
    .select('org_units.path')
    .where('import_jobs.org_id', '=', data.orgId)
    .where('import_jobs.import_id', '=', data.importId)
    .executeTakeFirst();
  // Gone, or already run by an earlier delivery of the same job.
  if (job?.status !== 'queued') return;
  const actor: ScopedActor = {
    orgId: job.org_id,
    userId: job.actor_user_id,
    tokenId: job.actor_token_id,
    unitId: job.actor_unit_id,
    unitPath: job.actor_unit_id ? (job.path ?? '/nowhere/') : null,
  };
  await runImport(
    database,
    actor,
    {
      importId: job.import_id,
      kind: job.kind,
      format: job.format,
      mapping: job.mapping as Mapping | null,
      dryRun: job.dry_run,
      skipBadRows: job.skip_bad_rows,
    },
    () => storedFile(database, job.org_id, job.import_id),
  );
}

/** Lets this process work import jobs. */
export async function workImports(jobs: PgBoss, database: Database): Promise<void> {
  await jobs.createQueue(IMPORT_QUEUE);
  await jobs.work<ImportJobData>(IMPORT_QUEUE, { pollingIntervalSeconds: 0.5 }, async ([job]) => {
    await runQueuedImport(database, job.data);
  });
}
