import type { Acting } from '../cases/acting.ts';
import { type Database, transaction } from '../db/database.ts';
import { declareQueue, type PgBoss } from '../db/jobs.ts';
import { type OpenedCase, openCasesForResponses } from './evaluate.ts';

/** The queue the text capability fills when it has stored analyses of new comments. */
export const COMMENTS_ANALYSED_QUEUE = declareQueue('comments-analysed');

export interface CommentsAnalysed {
  orgId: string;
  commentIds: string[];
}

/**
 * Evaluates again the responses whose comments were just analysed, against the rules that read the
 * analysis (a Force tension, a topic): those can match only now. The other rules were decided when
 * the response was stored; checking them again would open cases for responses that were never
 * queued (the demo's or an import's history). Cases that already exist are left alone (unique per
 * rule and response).
 */
export async function reevaluateAnalysedComments(
  database: Database,
  acting: Acting,
  event: CommentsAnalysed,
): Promise<OpenedCase[]> {
  if (event.commentIds.length === 0) return [];
  return transaction(database, async (trx) => {
    const rows = await trx
      .selectFrom('comments')
      .select('response_id')
      .distinct()
      .where('org_id', '=', event.orgId)
      .where('comment_id', 'in', event.commentIds)
      .where('response_id', 'is not', null)
      .execute();
    const responseIds = rows.map((r) => r.response_id as string);
    return openCasesForResponses(trx, acting, event.orgId, responseIds, { textRulesOnly: true });
  });
}

/** Works the `comments-analysed` queue (a failed job is retried by pg-boss; repeats are harmless). */
export async function workAnalysedComments(jobs: PgBoss, database: Database, acting: Acting): Promise<void> {
  await jobs.createQueue(COMMENTS_ANALYSED_QUEUE);
  await jobs.work<CommentsAnalysed>(COMMENTS_ANALYSED_QUEUE, { batchSize: 10 }, async (batch) => {
    for (const job of batch) await reevaluateAnalysedComments(database, acting, job.data);
  });
}
