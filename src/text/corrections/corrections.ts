/**
 * Storing a person's relabelling of a comment (audited): it replaces the comment's previous
 * correction, and counts towards retraining the organisation's model.
 */
import type { Transaction } from 'kysely';
import { recordAudit } from '../../audit/record.ts';
import type { CorrectionLabels, Schema } from '../../db/schema.ts';
import type { Actor } from '../../policies/actor.ts';
import { commentsInScope } from '../../policies/scope.ts';
import { type CommentLabels, effectiveLabels, type ModelLabels } from './effectiveLabels.ts';

/**
 * The labels of comments in the actor's scope: the model's reading with any correction over it.
 *
 * @param trx - the database or a transaction.
 * @param actor - who reads (organisation and unit subtree).
 * @param commentIds - the comments.
 * @returns labels by comment id (comments out of scope are absent).
 * @example (await commentLabels(db, actor, [id])).get(id)?.force // 'control'
 */
export async function commentLabels(
  trx: Transaction<Schema> | import('kysely').Kysely<Schema>,
  actor: Actor,
  commentIds: readonly string[],
): Promise<Map<string, CommentLabels>> {
  if (commentIds.length === 0) return new Map();
  const rows = await commentsInScope(
    trx
      .selectFrom('comments')
      .leftJoin('comment_analyses as a', (j) =>
        j.onRef('a.org_id', '=', 'comments.org_id').onRef('a.comment_id', '=', 'comments.comment_id'),
      )
      .leftJoin('comment_corrections as k', (j) =>
        j.onRef('k.org_id', '=', 'comments.org_id').onRef('k.comment_id', '=', 'comments.comment_id'),
      )
      .select([
        'comments.comment_id',
        'a.comment_id as analysed',
        'a.force',
        'a.polarity',
        'a.sentiment',
        'a.emotions',
        'a.topics',
        'k.labels',
      ])
      .where('comments.comment_id', 'in', commentIds),
    actor,
    'comments',
  ).execute();
  return new Map(
    rows.map((row) => {
      const model: ModelLabels = row.analysed
        ? {
            force: row.force,
            polarity: row.polarity,
            sentiment: row.sentiment!,
            emotions: row.emotions as { key: string }[],
            topics: row.topics!,
          }
        : null;
      return [row.comment_id, effectiveLabels(model, (row.labels as CorrectionLabels | null) ?? null)];
    }),
  );
}

/**
 * Records a correction in the caller's transaction.
 *
 * @param trx - the transaction.
 * @param actor - who corrects (the comment must be in their scope).
 * @param commentId - the comment.
 * @param labels - the labels given (those left out stay the model's).
 * @returns the comment's labels now, or null when the comment is not in scope.
 * @example await correctComment(trx, actor, id, { force: 'control', polarity: 'tension' })
 */
export async function correctComment(
  trx: Transaction<Schema>,
  actor: Actor,
  commentId: string,
  labels: CorrectionLabels,
): Promise<CommentLabels | null> {
  const before = (await commentLabels(trx, actor, [commentId])).get(commentId);
  if (!before) return null;
  await trx
    .insertInto('comment_corrections')
    .values({
      org_id: actor.orgId,
      comment_id: commentId,
      labels: JSON.stringify(labels),
      corrected_by: actor.userId,
    })
    .onConflict((oc) =>
      oc.columns(['org_id', 'comment_id']).doUpdateSet({
        labels: JSON.stringify(labels),
        corrected_by: actor.userId,
        corrected_at: new Date(),
      }),
    )
    .execute();
  await recordAudit(
    trx,
    actor,
    'comment.relabel',
    { type: 'comment', id: commentId },
    {
      labels,
      before: { ...before, corrected: undefined },
    },
  );
  return (await commentLabels(trx, actor, [commentId])).get(commentId)!;
}
