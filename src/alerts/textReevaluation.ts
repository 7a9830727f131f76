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
 * Evaluates again the responses whose comments were just analysed: rules on a Force tension or a
 * topic can match only now. Cases that already exist are left alone (unique per rule and response).
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
    return openCasesForResponses(trx, acting, event.orgId, responseIds);
  });
}

/** Works the `comments-analysed` queue (a failed job is retried by pg-boss; repeats are harmless). */
export async function workAnalysedComments(jobs: PgBoss, database: Database, acting: Acting): Promise<void> {
  await jobs.createQueue(COMMENTS_ANALYSED_QUEUE);
  await jobs.work<CommentsAnalysed>(COMMENTS_ANALYSED_QUEUE, { batchSize: 10 }, async (batch) => {
    for (const job of batch) await reevaluateAnalysedComments(database, acting, job.data);
  });
}
