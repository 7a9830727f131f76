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
import { organisationEngines } from '../models/organisationEngines.ts';
import {
  CORRECTIONS_PER_TRAINING,
  dueOrganisationTrainings,
  type TrainOptions,
  trainOrganisation,
} from '../models/organisationModels.ts';
import { loadTransformersEngine } from '../transformersEngine.ts';
import {
  analysePendingComments,
  COMMENTS_ANALYSED_QUEUE,
  type EngineForOrganisation,
} from './analyseComments.ts';
import { modelVersion } from './modelVersion.ts';
import { startRelabelRun } from './relabelRuns.ts';

/** The queue of sweeps (policy 'short': one queued at most, so the timer never piles them up). */
export const COMMENT_SWEEP_QUEUE = 'comment-sweep';

/** The queue of organisation model trainings ({ orgId }; one queued and one active per organisation). */
export const TEXT_MODEL_QUEUE = 'text-model-train';

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
  /** Organisation models: new corrections that trigger a retraining (default 20), and training options. */
  training?: TrainOptions & { threshold?: number };
  /** RAPPORT_TEXT_ENGINE=transformers: its Forces come from a local transformer model. */
  transformers?: { modelDir: string | undefined; importModule?: (name: string) => Promise<unknown> };
};

/** A running pipeline. */
export type TextPipeline = {
  /** Analyses everything pending now, in batches; returns how many comments were analysed. */
  sweep(): Promise<number>;
  /** Trains, here and now, every organisation model that is due; returns what was stored. */
  trainDue(): Promise<{ orgId: string; version: number; modelVersion: string; runId: string }[]>;
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
    .where('a.model_version', 'not like', `${version}%`)
    // Organisations with a model of their own are re-labelled when it is retrained.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(selectFrom('text_org_models as m').select('m.version').whereRef('m.org_id', '=', 'a.org_id')),
      ),
    )
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
  let engineFor = options.engineFor;
  if (!engineFor) {
    const model = loadModel();
    const base = {
      model,
      version: modelVersion(model),
      languageDetector: await defaultLanguageDetector(model),
    };
    if (options.relabelOnModelChange !== false) await relabelAfterModelChange(database, base.version);
    engineFor = organisationEngines(database, base);
    if (options.transformers) {
      const organisations = engineFor;
      const transformer = await loadTransformersEngine({
        ...options.transformers,
        fallback: (await organisations('00000000-0000-0000-0000-000000000000')).engine,
      });
      // The transformer reads the Forces; each organisation's built-in engine (its codeframe) the rest.
      engineFor = async (orgId, db) => {
        const choice = await organisations(orgId, db);
        return {
          engine: transformer.withFallback(choice.engine),
          version: `${transformer.version}+${choice.version}`,
        };
      };
    }
  }
  const threshold = options.training?.threshold ?? CORRECTIONS_PER_TRAINING;
  const batchSize = options.batchSize ?? 500;
  await jobs.createQueue(COMMENTS_ANALYSED_QUEUE);
  await jobs.createQueue(COMMENT_SWEEP_QUEUE, { policy: 'short' });
  await jobs.createQueue(TEXT_MODEL_QUEUE, { policy: 'stately' });

  let running: Promise<number> | null = null;
  const sweep = (): Promise<number> => {
    // One sweep at a time in this process; other processes lock their own rows.
    running ??= (async () => {
      let total = 0;
      for (;;) {
        const analysed = await analysePendingComments(database, jobs, engineFor!, batchSize);
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
    // Debounce: an organisation is due after enough new corrections or a request; its training
    // job is keyed by the organisation, so a burst of corrections queues one training.
    for (const orgId of await dueOrganisationTrainings(database, threshold)) {
      await jobs.send(TEXT_MODEL_QUEUE, { orgId }, { singletonKey: orgId });
    }
  });
  const trainerId = await jobs.work<{ orgId: string }>(
    TEXT_MODEL_QUEUE,
    { pollingIntervalSeconds: 2 },
    async ([job]) => {
      // Re-checked: a training queued while another ran may have nothing left to learn.
      if (!(await dueOrganisationTrainings(database, threshold)).includes(job.data.orgId)) return;
      const trained = await trainOrganisation(database, job.data.orgId, options.training);
      logger?.info({ orgId: job.data.orgId, ...trained }, 'organisation text model trained');
    },
  );
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
    async trainDue() {
      const stored = [];
      for (const orgId of await dueOrganisationTrainings(database, threshold)) {
        const trained = await trainOrganisation(database, orgId, options.training);
        if (trained) stored.push({ orgId, ...trained });
      }
      return stored;
    },
    async stop() {
      if (timer) clearInterval(timer);
      await jobs.offWork(TEXT_MODEL_QUEUE, { id: trainerId });
      await jobs.offWork(COMMENT_SWEEP_QUEUE, { id: workerId });
      await running;
    },
  };
}
