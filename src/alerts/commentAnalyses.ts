import type { Transaction } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { FORCE_KEYS, type ForceKey } from '../domain/forces/framework.ts';
import type { CommentAnalysis } from './conditions.ts';

/**
 * Where the alert rules read the text analysis of a response's comments: a map from response id to
 * the analyses of its comments; a response missing from the map has not been analysed yet (its
 * Force-tension and topic conditions do not hold until the `comments-analysed` job evaluates it
 * again). The analysis tables belong to the text capability; this is the one adapter point.
 */
export type CommentAnalysisLoader = (
  trx: Transaction<Schema>,
  orgId: string,
  responseIds: readonly string[],
) => Promise<Map<string, CommentAnalysis[]>>;

/** Nothing analysed: for tests of the rules that need no text analysis. */
export const noCommentAnalyses: CommentAnalysisLoader = async () => new Map();

/** Reads the text pipeline's `comment_analyses` for the responses' comments. */
export const storedCommentAnalyses: CommentAnalysisLoader = async (trx, orgId, responseIds) => {
  const result = new Map<string, CommentAnalysis[]>();
  if (responseIds.length === 0) return result;
  const rows = await trx
    .selectFrom('comments')
    .innerJoin('comment_analyses', (join) =>
      join
        .onRef('comment_analyses.org_id', '=', 'comments.org_id')
        .onRef('comment_analyses.comment_id', '=', 'comments.comment_id'),
    )
    .select([
      'comments.response_id',
      'comment_analyses.force',
      'comment_analyses.polarity',
      'comment_analyses.topics',
      'comment_analyses.sentiment_score',
    ])
    .where('comments.org_id', '=', orgId)
    .where('comments.response_id', 'in', [...responseIds])
    .execute();
  for (const row of rows) {
    const list = result.get(row.response_id as string) ?? [];
    list.push({
      force: (FORCE_KEYS as readonly string[]).includes(row.force ?? '') ? (row.force as ForceKey) : null,
      polarity: row.polarity === 'fulfilled' || row.polarity === 'tension' ? row.polarity : null,
      topics: row.topics,
      sentiment: row.sentiment_score,
    });
    result.set(row.response_id as string, list);
  }
  return result;
};
