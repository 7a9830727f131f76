import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { enqueueForAlerts } from '../alerts/alertQueue.ts';
import { enqueueForRollups } from '../analytics/rollups.ts';
import { type Database, transaction } from '../db/database.ts';
import type { Schema } from '../db/schema.ts';
import { type FieldError, Problem } from '../http/problem.ts';
import { sha256 } from '../identity/secrets.ts';
import { isAnswered, type SurveyDefinition, validateAnswers } from '../surveys/definition/index.ts';
import type { PublishedSurvey } from '../surveys/versions.ts';
import { IngestBatcher, type IngestRow } from './ingestBatcher.ts';
import { measureColumns, questionsOf, responseMeasures } from './measures.ts';

export interface IngestInput {
  survey: PublishedSurvey;
  answers: Record<string, unknown>;
  hidden: Record<string, string | number | boolean | null>;
  contactId: string | null;
  accountId: string | null;
  touchpointId: string | null;
  channel: string;
  language: string;
  startedAt: Date | null;
  /** Retries with the same key return the first result instead of storing a second response. */
  idempotencyKey: string | null;
  /** A personal link's token: accepted exactly once, by the transaction that stores the response. */
  tokenHash: string | null;
  /** A partial response being completed (resumed from the respondent page). */
  resumeHash: string | null;
  qualityFlags: string[];
  excluded: boolean;
  fingerprint: string | null;
  /**
   * Checked inside the storing statement instead of by a query before it: a response is a duplicate
   * when the same contact or the same fingerprint answered the survey since `since`.
   */
  duplicateCheck?: { since: Date; excludes: boolean };
}

export interface IngestResult {
  responseId: string;
  created: boolean;
}

/** Turns the survey's answer issues into problem+json fields (`body.answers.<question>`). */
export function answerProblems(
  definition: SurveyDefinition,
  answers: Record<string, unknown>,
  hidden: Record<string, unknown>,
): FieldError[] {
  return validateAnswers(definition, answers, hidden as never).map((issue) => ({
    field: `body.${issue.path}`,
    message: issue.message,
  }));
}

function commentsOf(definition: SurveyDefinition, answers: Record<string, unknown>) {
  return questionsOf(definition)
    .filter((q) => q.type === 'text' && isAnswered(answers[q.id]))
    .map((q) => ({ questionId: q.id, text: String(answers[q.id]) }));
}

async function firstResult(
  db: Kysely<Schema>,
  orgId: string,
  idempotencyKey: string,
): Promise<IngestResult | null> {
  const row = await db
    .selectFrom('responses')
    .select(['response_id', 'status'])
    .where('org_id', '=', orgId)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
  return row && row.status === 'complete' ? { responseId: row.response_id, created: false } : null;
}

/**
 * The one path every complete response takes (API, widget and the respondent page): validate
 * against the survey version, derive the measures with the Forces core, then store the response,
 * its comments and its token use in one transaction. Nothing is written when anything fails.
 */
export async function ingestResponse(database: Database, input: IngestInput): Promise<IngestResult> {
  const { survey } = input;
  if (survey.status !== 'open') {
    throw new Problem(409, 'Survey closed', 'This survey is not accepting responses.', [
      { field: 'params.surveyId', message: `Survey is ${survey.status}` },
    ]);
  }
  const problems = answerProblems(survey.definition, input.answers, input.hidden);
  if (problems.length)
    throw new Problem(422, 'Invalid answers', 'Some answers do not fit the survey.', problems);
  const measures = responseMeasures(survey.definition, input.answers);
  const comments = commentsOf(survey.definition, input.answers);
  if (!input.tokenHash && !input.resumeHash) return storeInOneStatement(database, input, measures, comments);
  if (input.idempotencyKey) {
    const earlier = await firstResult(database.db, survey.orgId, input.idempotencyKey);
    if (earlier) return earlier;
  }
  const unit = input.accountId
    ? await database.db
        .selectFrom('accounts')
        .select('unit_id')
        .where('org_id', '=', survey.orgId)
        .where('account_id', '=', input.accountId)
        .executeTakeFirst()
    : undefined;
  const now = new Date();
  const values = {
    org_id: survey.orgId,
    survey_id: survey.surveyId,
    survey_version: survey.version,
    contact_id: input.contactId,
    account_id: input.accountId,
    touchpoint_id: input.touchpointId ?? survey.touchpointId,
    unit_id: unit?.unit_id ?? null,
    channel: input.channel,
    language: input.language,
    started_at: input.startedAt,
    submitted_at: now,
    status: 'complete' as const,
    quality_flags: input.qualityFlags,
    excluded: input.excluded,
    idempotency_key: input.idempotencyKey,
    duration_seconds: input.startedAt
      ? Math.max(0, Math.round((now.getTime() - input.startedAt.getTime()) / 1000))
      : null,
    fingerprint: input.fingerprint,
    resume_hash: null,
    ...measureColumns(measures),
    answers: JSON.stringify(input.answers),
    hidden: JSON.stringify(input.hidden),
  };
  try {
    return await transaction(database, async (trx) => {
      let responseId: string;
      // A partial response saved page by page becomes this complete one, keeping its id.
      const partial = input.resumeHash
        ? await trx
            .updateTable('responses')
            .set(values)
            .where('org_id', '=', survey.orgId)
            .where('resume_hash', '=', input.resumeHash)
            .where('status', '=', 'partial')
            .returning('response_id')
            .executeTakeFirst()
        : undefined;
      if (partial) responseId = partial.response_id;
      else {
        const inserted = await trx
          .insertInto('responses')
          .values(values)
          .onConflict((oc) =>
            oc.columns(['org_id', 'idempotency_key']).where('idempotency_key', 'is not', null).doNothing(),
          )
          .returning('response_id')
          .executeTakeFirst();
        if (!inserted) return { responseId: '', created: false };
        responseId = inserted.response_id;
      }
      if (input.tokenHash) {
        const used = await trx
          .updateTable('survey_tokens')
          .set({ used_at: now, response_id: responseId })
          .where('org_id', '=', survey.orgId)
          .where('token_hash', '=', input.tokenHash)
          .where('used_at', 'is', null)
          .executeTakeFirst();
        if (used.numUpdatedRows === 0n) throw new TokenAlreadyUsed();
      }
      if (!input.excluded) {
        await enqueueForRollups(trx, survey.orgId, responseId);
        await enqueueForAlerts(trx, survey.orgId, responseId);
      }
      if (comments.length) {
        await trx
          .insertInto('comments')
          .values(
            comments.map((c) => ({
              org_id: survey.orgId,
              response_id: responseId,
              question_id: c.questionId,
              source: 'survey',
              text: c.text,
              language: input.language,
              account_id: input.accountId,
              contact_id: input.contactId,
              created_at: now,
            })),
          )
          .execute();
      }
      return { responseId, created: true };
    }).then(async (result) => {
      // A concurrent request with the same key won the insert: answer with its response.
      if (result.responseId === '' && input.idempotencyKey) {
        const earlier = await firstResult(database.db, survey.orgId, input.idempotencyKey);
        if (earlier) return earlier;
      }
      if (result.responseId === '') throw conflictProblem();
      return result;
    });
  } catch (error) {
    if (error instanceof TokenAlreadyUsed) {
      if (input.idempotencyKey) {
        const earlier = await firstResult(database.db, survey.orgId, input.idempotencyKey);
        if (earlier) return earlier;
      }
      throw new Problem(409, 'Already answered', 'This personal link has already been used.', [
        { field: 'token', message: 'Already used' },
      ]);
    }
    throw error;
  }
}

class TokenAlreadyUsed extends Error {}

/**
 * The API and widget path in one round trip: the response, its rollup queue entry and its comments
 * are written by a single statement (atomic on its own), the duplicate check and the account's unit
 * are looked up inside it, and a repeated Idempotency-Key inserts nothing and returns the first
 * response. Fewer round trips is what lets ingestion scale: each one costs more than the SQL.
 */
async function storeInOneStatement(
  database: Database,
  input: IngestInput,
  measures: ReturnType<typeof responseMeasures>,
  comments: { questionId: string; text: string }[],
): Promise<IngestResult> {
  const { survey } = input;
  const now = new Date();
  const check = input.duplicateCheck;
  const responseId = timeOrderedId(now);
  const row: IngestRow = {
    org_id: survey.orgId,
    response_id: responseId,
    survey_id: survey.surveyId,
    survey_version: survey.version,
    contact_id: input.contactId,
    account_id: input.accountId,
    touchpoint_id: input.touchpointId ?? survey.touchpointId,
    channel: input.channel,
    language: input.language,
    // Times as ISO text: a Date in the batch sends JSON.stringify down its slow path for every row.
    started_at: input.startedAt?.toISOString() ?? null,
    submitted_at: now.toISOString(),
    flags: input.qualityFlags,
    excluded: input.excluded,
    idempotency_key: input.idempotencyKey,
    duration_seconds: input.startedAt
      ? Math.max(0, Math.round((now.getTime() - input.startedAt.getTime()) / 1000))
      : null,
    fingerprint: input.fingerprint,
    ...measureColumns(measures),
    answers: input.answers,
    hidden: input.hidden,
    // null skips the duplicate check
    dup_since: check ? check.since.toISOString() : null,
    dup_excludes: check?.excludes ?? false,
  };
  const stored = await batcherFor(database).store(
    row,
    comments.map((c) => ({ response_id: responseId, question_id: c.questionId, text: c.text })),
  );
  if (stored) return { responseId: stored, created: true };
  // The Idempotency-Key was used before: answer with the first response.
  const earlier = input.idempotencyKey
    ? await firstResult(database.db, survey.orgId, input.idempotencyKey)
    : null;
  if (earlier) return earlier;
  throw conflictProblem();
}

const batchers = new WeakMap<Database, IngestBatcher>();

function batcherFor(database: Database): IngestBatcher {
  let batcher = batchers.get(database);
  if (!batcher) {
    batcher = new IngestBatcher(database);
    batchers.set(database, batcher);
  }
  return batcher;
}

/** A version-7 UUID (time first), so new responses land at the right edge of the primary-key index. */
function timeOrderedId(at: Date): string {
  const time = at.getTime().toString(16).padStart(12, '0');
  // randomUUID draws from Node's pooled random bytes: the cheapest source of 74 random bits.
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15, 18)}-${random.slice(19, 23)}-${random.slice(24)}`;
}

const conflictProblem = () =>
  new Problem(409, 'Conflict', 'A response with this idempotency key is being stored; retry shortly.', [
    { field: 'header.idempotency-key', message: 'In use' },
  ]);

/** Hash for resume secrets and tokens; only hashes are stored. */
export const secretHash = sha256;
