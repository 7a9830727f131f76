/**
 * The background text pipeline, on pg-boss: a `comment-sweep` job (at most one queued at a time)
 * analyses pending comments in batches until none is left; a timer asks for a sweep every few
 * seconds, so ingestion itself does nothing more than insert its comments.
 */
import { type Database, transaction } from '../../db/database.ts';
import type { PgBoss } from '../../db/jobs.ts';
import type { Logger } from '../../platform/logger.ts';
import { createBuiltInEngine } from '../builtInEngine.ts';
import { defaultLanguageDetector } from '../fastTextDetection.ts';
import { loadModel } from '../modelFiles.ts';
import {
  analysePendingComments,
  COMMENTS_ANALYSED_QUEUE,
  type EngineForOrganisation,
} from './analyseComments.ts';
import { modelVersion } from './modelVersion.ts';
import { startRelabelRun } from './relabelRuns.ts';

/** The queue of sweeps (policy 'short': one queued at most, so the timer never piles them up). */
export const COMMENT_SWEEP_QUEUE = 'comment-sweep';

/** Options of the pipeline. */
export type TextPipelineOptions = {
  database: Database;
  jobs: PgBoss;
  logger?: Logger;
  /** The engine of each organisation; default the built-in engine with the committed model. */
  engineFor?: EngineForOrganisation;
  /** How often a sweep is asked for (default 2,000 ms; 0 = never: call `sweep` yourself). */
  intervalMs?: number;
  /** Comments per transaction (default 500). */
  batchSize?: number;
  /**
   * With the default engine: when stored analyses come from another model version, start a
   * re-labelling run for each such organisation (once per version). Default true.
   */
  relabelOnModelChange?: boolean;
};

/** A running pipeline. */
export type TextPipeline = {
  /** Analyses everything pending now, in batches; returns how many comments were analysed. */
  sweep(): Promise<number>;
  stop(): Promise<void>;
};

/**
 * The built-in engine with the committed model and fastText detection, the same for every
 * organisation.
 *
 * @returns the engine choice function.
 * @example (await defaultEngineFor())('org').version.startsWith('builtin:') // true
 */
export async function defaultEngineFor(): Promise<EngineForOrganisation> {
  const model = loadModel();
  const choice = {
    engine: createBuiltInEngine(model, { languageDetector: await defaultLanguageDetector(model) }),
    version: modelVersion(model),
  };
  return () => choice;
}

/**
 * Starts a re-labelling run for every organisation whose stored analyses come from another model
 * version than `version`, unless one was already started for that version.
 *
 * @param database - the database.
 * @param version - the current model version.
 * @returns the runs started.
 * @example await relabelAfterModelChange(database, 'builtin:089752fd:…') // [{ orgId, runId, total }]
 */
export async function relabelAfterModelChange(
  database: Database,
  version: string,
): Promise<{ orgId: string; runId: string; total: number }[]> {
  const organisations = await database.db
    .selectFrom('comment_analyses as a')
    .select('a.org_id')
    .distinct()
    .where('a.model_version', '<>', version)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('text_relabel_runs as r')
            .select('r.run_id')
            .whereRef('r.org_id', '=', 'a.org_id')
            .where('r.model_version', '=', version),
        ),
      ),
    )
    .execute();
  const runs = [];
  for (const { org_id } of organisations) {
    const run = await transaction(database, (trx) => startRelabelRun(trx, org_id, 'model changed', version));
    runs.push({ orgId: org_id, ...run });
  }
  return runs;
}

/**
 * Creates the queues (the sweep queue, and `comments-analysed` for its consumers), starts the sweep
 * worker and the timer.
 *
 * @param options - database, job queue, engines, timing.
 * @returns the pipeline.
 * @example const pipeline = await startTextPipeline({ database, jobs }); await pipeline.sweep()
 */
export async function startTextPipeline(options: TextPipelineOptions): Promise<TextPipeline> {
  const { database, jobs, logger } = options;
  const engineFor = options.engineFor ?? (await defaultEngineFor());
  if (!options.engineFor && options.relabelOnModelChange !== false) {
    await relabelAfterModelChange(database, (await engineFor('')).version);
  }
  const batchSize = options.batchSize ?? 500;
  await jobs.createQueue(COMMENTS_ANALYSED_QUEUE);
  await jobs.createQueue(COMMENT_SWEEP_QUEUE, { policy: 'short' });

  let running: Promise<number> | null = null;
  const sweep = (): Promise<number> => {
    // One sweep at a time in this process; other processes lock their own rows.
    running ??= (async () => {
      let total = 0;
      for (;;) {
        const analysed = await analysePendingComments(database, jobs, engineFor, batchSize);
        total += analysed;
        if (analysed < batchSize) return total;
      }
    })().finally(() => {
      running = null;
    });
    return running;
  };

  const workerId = await jobs.work(COMMENT_SWEEP_QUEUE, { pollingIntervalSeconds: 1 }, async () => {
    const analysed = await sweep();
    if (analysed) logger?.debug({ analysed }, 'comments analysed');
  });
  const intervalMs = options.intervalMs ?? 2000;
  const timer =
    intervalMs > 0
      ? setInterval(() => {
          jobs
            .send(COMMENT_SWEEP_QUEUE, {})
            .catch((error) => logger?.error({ err: error }, 'sweep request failed'));
        }, intervalMs)
      : null;
  timer?.unref();
  return {
    sweep,
    async stop() {
      if (timer) clearInterval(timer);
      await jobs.offWork(COMMENT_SWEEP_QUEUE, { id: workerId });
      await running;
    },
  };
}
