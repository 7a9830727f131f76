/**
 * Re-labelling an organisation's comments: set them all pending again (the pipeline's sweeps then
 * read them with the current model) and record the run, whose progress is read in SQL: of the
 * comments it set pending (those created before it started), how many are analysed again.
 */
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Schema } from '../../db/schema.ts';

/** A run and how far it has got. */
export type RelabelProgress = {
  runId: string;
  reason: string;
  modelVersion: string | null;
  startedAt: string;
  total: number;
  done: number;
  finished: boolean;
};

/**
 * Starts a re-labelling run in the caller's transaction.
 *
 * @param trx - the transaction.
 * @param orgId - the organisation.
 * @param reason - why (e.g. 'model changed', 'requested').
 * @param modelVersion - the model the comments will be read with, when known.
 * @returns the run id and how many comments it re-labels.
 * @example await startRelabelRun(trx, orgId, 'requested') // { runId: '…', total: 1200 }
 */
export async function startRelabelRun(
  trx: Transaction<Schema>,
  orgId: string,
  reason: string,
  modelVersion: string | null = null,
): Promise<{ runId: string; total: number }> {
  // Taken first, so that the comments set pending all have created_at ≤ started_at.
  const { started } = await sql<{ started: Date }>`select now() as started`
    .execute(trx)
    .then((r) => r.rows[0]);
  const updated = await trx
    .updateTable('comments')
    .set({ analysed_at: null })
    .where('org_id', '=', orgId)
    .where('created_at', '<=', started)
    .executeTakeFirst();
  const total = Number(updated.numUpdatedRows);
  const run = await trx
    .insertInto('text_relabel_runs')
    .values({ org_id: orgId, reason, model_version: modelVersion, total, started_at: started })
    .returning('run_id')
    .executeTakeFirstOrThrow();
  return { runId: run.run_id, total };
}

/**
 * The progress of a run: done = total − the comments created before it that are still pending.
 *
 * @param database - the database.
 * @param orgId - the organisation (runs of another one are not found).
 * @param runId - the run.
 * @returns the progress, or null when there is no such run in that organisation.
 * @example (await relabelProgress(database, orgId, runId))?.done // 640
 */
export async function relabelProgress(
  database: Database,
  orgId: string,
  runId: string,
): Promise<RelabelProgress | null> {
  const run = await database.db
    .selectFrom('text_relabel_runs as r')
    .select((eb) => [
      'r.run_id',
      'r.reason',
      'r.model_version',
      'r.total',
      'r.started_at',
      eb
        .selectFrom('comments as c')
        .select((inner) => inner.fn.countAll<string>().as('n'))
        .whereRef('c.org_id', '=', 'r.org_id')
        .where('c.analysed_at', 'is', null)
        .whereRef('c.created_at', '<=', 'r.started_at')
        .as('pending'),
    ])
    .where('r.org_id', '=', orgId)
    .where('r.run_id', '=', runId)
    .executeTakeFirst();
  if (!run) return null;
  const done = Math.max(0, run.total - Math.min(run.total, Number(run.pending ?? 0)));
  return {
    runId: run.run_id,
    reason: run.reason,
    modelVersion: run.model_version,
    startedAt: new Date(run.started_at).toISOString(),
    total: run.total,
    done,
    finished: done >= run.total,
  };
}
