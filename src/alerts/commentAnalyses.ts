import type { Transaction } from 'kysely';
import type { Schema } from '../db/schema.ts';
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

/** Used until an analysis store is wired in: nothing is analysed, keyword rules still work. */
export const noCommentAnalyses: CommentAnalysisLoader = async () => new Map();
