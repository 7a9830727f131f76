/**
 * Organisations' own models in the database: which organisations are due a retraining (enough new
 * corrections, or a request), training one from its corrections, storing it with its evaluation and
 * starting a re-labelling of the organisation's comments with it.
 */
import { sql } from 'kysely';
import { type Database, transaction } from '../../db/database.ts';
import type { CorrectionLabels } from '../../db/schema.ts';
import { isForceKey } from '../../domain/forces/index.ts';
import { POLARITIES, SENTIMENTS, TEXT_LANGUAGES } from '../corpus.ts';
import { modelFromFileContents } from '../modelFiles.ts';
import type { CorrectionExample, OrganisationModelOptions } from '../organisationModel.ts';
import { type TrainedFiles, trainOrganisationModelInWorker } from '../organisationModelWorker.ts';
import { modelVersion } from '../pipeline/modelVersion.ts';
import { startRelabelRun } from '../pipeline/relabelRuns.ts';

/** New corrections that make an organisation due a retraining, unless configured otherwise. */
export const CORRECTIONS_PER_TRAINING = 20;

/**
 * The organisations due a retraining: at least `threshold` corrections newer than their latest
 * model's, or a request newer than the start of their latest training.
 *
 * @param database - the database.
 * @param threshold - new corrections needed (default {@link CORRECTIONS_PER_TRAINING}).
 * @returns their ids.
 * @example await dueOrganisationTrainings(database) // ['0b5c…']
 */
export async function dueOrganisationTrainings(
  database: Database,
  threshold = CORRECTIONS_PER_TRAINING,
): Promise<string[]> {
  const { rows } = await sql<{ org_id: string }>`
    select o.org_id from (
      select distinct org_id from comment_corrections
      union select org_id from text_model_requests
    ) o
    left join lateral (
      select m.started_at, m.corrections_until from text_org_models m
      where m.org_id = o.org_id order by m.version desc limit 1
    ) latest on true
    where exists (
        select 1 from text_model_requests r
        where r.org_id = o.org_id and (latest.started_at is null or r.requested_at > latest.started_at)
      )
      or (
        select count(*) from comment_corrections c
        where c.org_id = o.org_id
          and (latest.corrections_until is null or c.corrected_at > latest.corrections_until)
      ) >= ${threshold}
    order by o.org_id`.execute(database.db);
  return rows.map((r) => r.org_id);
}

/**
 * The corrections of an organisation as training examples: the corrected labels over the model's,
 * for comments in English or Italian with a Force, polarity and sentiment (others cannot train).
 *
 * @param database - the database.
 * @param orgId - the organisation.
 * @param asOf - only corrections made up to this time (default all).
 * @returns the examples (ordered by comment id, so training is reproducible) and how many
 *   corrections there are.
 * @example (await correctionExamples(database, orgId)).examples.length // 42
 */
export async function correctionExamples(
  database: Database,
  orgId: string,
  asOf?: string,
): Promise<{ examples: CorrectionExample[]; corrections: number }> {
  const rows = await database.db
    .selectFrom('comment_corrections as k')
    .innerJoin('comments as c', (j) =>
      j.onRef('c.org_id', '=', 'k.org_id').onRef('c.comment_id', '=', 'k.comment_id'),
    )
    .leftJoin('comment_analyses as a', (j) =>
      j.onRef('a.org_id', '=', 'k.org_id').onRef('a.comment_id', '=', 'k.comment_id'),
    )
    .select([
      'c.text',
      'c.language as givenLanguage',
      'a.language',
      'a.force',
      'a.polarity',
      'a.sentiment',
      'k.labels',
      'k.corrected_at',
    ])
    .where('k.org_id', '=', orgId)
    .$if(asOf !== undefined, (q) => q.where('k.corrected_at', '<=', sql<Date>`${asOf}::timestamptz`))
    .orderBy('k.comment_id')
    .execute();
  const examples: CorrectionExample[] = [];
  for (const row of rows) {
    const labels = row.labels as CorrectionLabels;
    const language = row.language ?? row.givenLanguage;
    const force = labels.force !== undefined ? labels.force : row.force;
    const polarity = labels.polarity !== undefined ? labels.polarity : row.polarity;
    const sentiment = labels.sentiment ?? row.sentiment;
    if (
      (TEXT_LANGUAGES as readonly string[]).includes(language ?? '') &&
      isForceKey(force ?? '') &&
      (POLARITIES as readonly string[]).includes(polarity ?? '') &&
      (SENTIMENTS as readonly string[]).includes(sentiment ?? '')
    ) {
      examples.push({ text: row.text, language, force, polarity, sentiment } as CorrectionExample);
    }
  }
  return { examples, corrections: rows.length };
}

/** Options of one training. */
export type TrainOptions = OrganisationModelOptions & {
  /** Trains with this instead of a worker thread (tests, or a single-purpose process). */
  train?: (examples: CorrectionExample[], options: OrganisationModelOptions) => Promise<TrainedFiles>;
};

/**
 * Trains an organisation's model from its corrections, stores it as the next version with its
 * evaluation, and starts a re-labelling run of the organisation's comments, in one transaction.
 * With no usable correction, no model is stored (the request is cleared).
 *
 * @param database - the database.
 * @param orgId - the organisation.
 * @param options - weight, folds, and how to train.
 * @returns the stored version and model version, or null when nothing could be trained.
 * @example await trainOrganisation(database, orgId) // { version: 3, modelVersion: 'builtin:…', runId: '…' }
 */
export async function trainOrganisation(
  database: Database,
  orgId: string,
  options: TrainOptions = {},
): Promise<{ version: number; modelVersion: string; runId: string; corrections: number } | null> {
  // Kept as text: a JavaScript Date would drop the microseconds and misjudge what came after.
  const { started } = await sql<{ started: string }>`select now()::text as started`
    .execute(database.db)
    .then((r) => r.rows[0]);
  const { examples, corrections } = await correctionExamples(database, orgId, started);
  if (examples.length === 0) {
    await transaction(database, (trx) =>
      trx
        .deleteFrom('text_model_requests')
        .where('org_id', '=', orgId)
        .where('requested_at', '<=', sql<Date>`${started}::timestamptz`)
        .execute(),
    );
    return null;
  }
  const { weight, folds } = options;
  const trained = options.train
    ? await options.train(examples, { weight, folds })
    : await trainOrganisationModelInWorker({ examples, options: { weight, folds } });
  const version = modelVersion(modelFromFileContents(trained.files));
  return transaction(database, async (trx) => {
    const latest = await trx
      .selectFrom('text_org_models')
      .select((eb) => eb.fn.max('version').as('version'))
      .where('org_id', '=', orgId)
      .executeTakeFirst();
    const next = Number(latest?.version ?? 0) + 1;
    await trx
      .insertInto('text_org_models')
      .values({
        org_id: orgId,
        version: next,
        model_version: version,
        model: JSON.stringify(trained.files),
        corrections,
        corrections_until: started,
        evaluation: JSON.stringify(trained.evaluation),
        started_at: started,
      })
      .execute();
    const run = await startRelabelRun(trx, orgId, 'organisation model retrained', version);
    return { version: next, modelVersion: version, runId: run.runId, corrections };
  });
}

/** What GET /api/v1/text/models/current shows. */
export type CurrentModel = {
  organisationModel: {
    version: number;
    modelVersion: string;
    corrections: number;
    trainedAt: string;
    evaluation: Record<string, unknown>;
  } | null;
  /** Corrections not yet learnt from, and whether a retraining was asked for and not yet started. */
  pendingCorrections: number;
  requested: boolean;
};

/**
 * The organisation's current model (without its weights) and what is waiting for the next one.
 *
 * @param database - the database.
 * @param orgId - the organisation.
 * @returns the summary.
 * @example (await currentModel(database, orgId)).organisationModel?.version // 2
 */
export async function currentModel(database: Database, orgId: string): Promise<CurrentModel> {
  const latest = await database.db
    .selectFrom('text_org_models')
    .select([
      'version',
      'model_version',
      'corrections',
      'corrections_until',
      'trained_at',
      'started_at',
      'evaluation',
    ])
    .where('org_id', '=', orgId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  let pending = database.db
    .selectFrom('comment_corrections')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('org_id', '=', orgId);
  if (latest?.corrections_until) pending = pending.where('corrected_at', '>', latest.corrections_until);
  let request = database.db.selectFrom('text_model_requests').select('org_id').where('org_id', '=', orgId);
  if (latest) request = request.where('requested_at', '>', latest.started_at);
  return {
    organisationModel: latest
      ? {
          version: latest.version,
          modelVersion: latest.model_version,
          corrections: latest.corrections,
          trainedAt: new Date(latest.trained_at).toISOString(),
          evaluation: latest.evaluation as Record<string, unknown>,
        }
      : null,
    pendingCorrections: Number((await pending.executeTakeFirstOrThrow()).n),
    requested: (await request.executeTakeFirst()) !== undefined,
  };
}
