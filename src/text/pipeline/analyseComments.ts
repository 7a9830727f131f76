/**
 * One sweep of the text pipeline: take a batch of comments not yet analysed (the partial index
 * comments_pending_analysis), read each with its organisation's engine, store the results beside the
 * comments, and announce them on the `comments-analysed` queue, all in one transaction: a crash
 * leaves the comments pending, never half-analysed, and consumers hear only of stored results.
 */
import { type Kysely, sql } from 'kysely';
import { type Database, transaction } from '../../db/database.ts';
import { jobsIn, type PgBoss } from '../../db/jobs.ts';
import type { Schema } from '../../db/schema.ts';
import type { CommentAnalysis, TextEngine } from '../engine.ts';

/** The queue told, after each stored batch, which comments of an organisation were analysed. */
export const COMMENTS_ANALYSED_QUEUE = 'comments-analysed';

/** Its payload (consumed by alert-rule evaluation): keep exactly this shape. */
export type CommentsAnalysedJob = { orgId: string; commentIds: string[] };

/** Which engine reads an organisation's comments, and the version stored with its results. */
export type EngineChoice = { engine: TextEngine; version: string };
/** `db` is the caller's transaction, when it is in one (queries must go through it). */
export type EngineForOrganisation = (
  orgId: string,
  db?: Kysely<Schema>,
) => EngineChoice | Promise<EngineChoice>;

type PendingComment = { org_id: string; comment_id: string; text: string };

/**
 * Reads the texts a few at a time, giving the event loop back in between: the same process answers
 * HTTP requests, and 500 comments read in one go would hold them all up for a tenth of a second.
 */
async function analyseYielding(engine: TextEngine, texts: string[]): Promise<CommentAnalysis[]> {
  const analyses: CommentAnalysis[] = [];
  for (let start = 0; start < texts.length; start += YIELD_EVERY) {
    if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    for (const text of texts.slice(start, start + YIELD_EVERY)) analyses.push(engine.analyze(text));
  }
  return analyses;
}

/** About 5 ms of reading at the built-in engine's speed. */
const YIELD_EVERY = 16;

/** The row stored for one analysis. */
export function analysisRow(orgId: string, commentId: string, analysis: CommentAnalysis, version: string) {
  return {
    org_id: orgId,
    comment_id: commentId,
    language: analysis.language,
    sentiment: analysis.sentiment.label,
    sentiment_score: analysis.sentiment.score,
    sentences: JSON.stringify(analysis.sentences),
    force: analysis.force,
    polarity: analysis.polarity,
    confidence: analysis.confidence,
    secondary: JSON.stringify(analysis.secondary),
    emotions: JSON.stringify(analysis.emotions),
    topics: analysis.topics,
    spans: JSON.stringify(analysis.spans),
    model_version: version,
  };
}

/**
 * Analyses up to `limit` pending comments (oldest first) in one transaction. Several workers may
 * sweep at once: each locks its own rows (FOR UPDATE SKIP LOCKED).
 *
 * @param database - the database.
 * @param jobs - the job queue (its `send` runs inside the transaction).
 * @param engineFor - the engine of each organisation.
 * @param limit - the batch size (default 500).
 * @returns how many comments were analysed (fewer than `limit` = nothing more was pending).
 * @example await analysePendingComments(database, jobs, () => ({ engine, version })) // 12
 */
export async function analysePendingComments(
  database: Database,
  jobs: PgBoss,
  engineFor: EngineForOrganisation,
  limit = 500,
): Promise<number> {
  return transaction(database, async (trx) => {
    const { rows } = await sql<PendingComment>`
      select org_id, comment_id, text from comments
      where analysed_at is null
      order by created_at, org_id, comment_id
      limit ${limit}
      for update skip locked`.execute(trx);
    if (rows.length === 0) return 0;
    const byOrg = new Map<string, PendingComment[]>();
    for (const row of rows) {
      const list = byOrg.get(row.org_id) ?? [];
      list.push(row);
      byOrg.set(row.org_id, list);
    }
    for (const [orgId, comments] of byOrg) {
      const { engine, version } = await engineFor(orgId, trx);
      const texts = comments.map((c) => c.text);
      const analyses = engine.analyzeBatch
        ? await engine.analyzeBatch(texts)
        : await analyseYielding(engine, texts);
      const values = comments.map((c, i) => analysisRow(orgId, c.comment_id, analyses[i], version));
      await trx
        .insertInto('comment_analyses')
        .values(values)
        .onConflict((oc) =>
          oc.columns(['org_id', 'comment_id']).doUpdateSet((eb) => ({
            language: eb.ref('excluded.language'),
            sentiment: eb.ref('excluded.sentiment'),
            sentiment_score: eb.ref('excluded.sentiment_score'),
            sentences: eb.ref('excluded.sentences'),
            force: eb.ref('excluded.force'),
            polarity: eb.ref('excluded.polarity'),
            confidence: eb.ref('excluded.confidence'),
            secondary: eb.ref('excluded.secondary'),
            emotions: eb.ref('excluded.emotions'),
            topics: eb.ref('excluded.topics'),
            spans: eb.ref('excluded.spans'),
            model_version: eb.ref('excluded.model_version'),
            analysed_at: sql`now()`,
          })),
        )
        .execute();
      const commentIds = comments.map((c) => c.comment_id);
      await trx
        .updateTable('comments')
        .set({ analysed_at: sql`now()` })
        .where('org_id', '=', orgId)
        .where('comment_id', 'in', commentIds)
        .execute();
      const payload: CommentsAnalysedJob = { orgId, commentIds };
      await jobs.send(COMMENTS_ANALYSED_QUEUE, payload, { db: jobsIn(trx) });
    }
    return rows.length;
  });
}
