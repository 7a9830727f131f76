/**
 * Listing comments with their labels (a correction over the model's reading) and the spans that
 * justify them, filtered in SQL, newest first with keyset pagination, limited to the actor's
 * organisation and unit subtree (a comment's unit: its response's, else its account's).
 */
import { type Kysely, sql } from 'kysely';
import type { CorrectionLabels, Schema } from '../db/schema.ts';
import type { Actor } from '../policies/actor.ts';
import { commentsInScope } from '../policies/scope.ts';
import {
  type CommentLabels,
  effectiveLabels,
  type ModelLabels,
} from '../text/corrections/effectiveLabels.ts';

/** The filters of a listing (all optional; several narrow it together). */
export type CommentFilters = {
  force?: string;
  polarity?: string;
  sentiment?: string;
  emotion?: string;
  topic?: string;
  touchpointId?: string;
  segment?: string;
  language?: string;
  source?: string;
  accountId?: string;
  responseId?: string;
  /** Only comments whose unit (the response's, else the account's) lies under this unit path. */
  unitPath?: string;
  /** Words the text contains (case-insensitive). */
  q?: string;
  /** The comment's date (when the customer wrote it, else when it was stored) within [from, to). */
  from?: string;
  to?: string;
};

/** One listed comment. */
export type ListedComment = {
  commentId: string;
  text: string;
  source: string;
  at: string;
  rating: number | null;
  language: string | null;
  accountId: string | null;
  responseId: string | null;
  labels: CommentLabels;
  /** The model's reading behind the labels, for highlighting (null until analysed). */
  analysis: {
    sentimentScore: number;
    confidence: number;
    modelVersion: string;
    sentences: unknown[];
    spans: unknown[];
    emotions: unknown[];
  } | null;
};

/** A position in the listing: the last row's date and id. */
export type CommentCursor = { at: string; commentId: string };

/**
 * Encodes a cursor for the next page.
 *
 * @param cursor - the last row's date and id.
 * @returns an opaque base64url string.
 * @example encodeCursor({ at: '2025-01-01T00:00:00.000Z', commentId: '…' }) // 'MjAyNS0w…'
 */
export function encodeCursor(cursor: CommentCursor): string {
  return Buffer.from(`${cursor.at}|${cursor.commentId}`).toString('base64url');
}

/**
 * Decodes a cursor.
 *
 * @param value - from {@link encodeCursor}.
 * @returns the cursor, or null when the value is not one.
 * @example decodeCursor('garbage') // null
 */
export function decodeCursor(value: string): CommentCursor | null {
  const [at, commentId] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  if (!at || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(commentId ?? '')) return null;
  return { at, commentId };
}

// A label as shown: the correction's when it sets the key, else the model's.
const label = (key: 'force' | 'polarity' | 'sentiment', column: string) =>
  sql<
    string | null
  >`case when k.labels -> ${key} is not null then k.labels ->> ${key} else ${sql.ref(column)}::text end`;

/**
 * Lists one page of comments.
 *
 * @param db - the database.
 * @param actor - who reads.
 * @param filters - the filters.
 * @param page - how many, and the cursor of the previous page's last row.
 * @returns the rows and the next cursor (null on the last page).
 * @example await listComments(db, actor, { force: 'control', polarity: 'tension' }, { limit: 50 })
 */
export async function listComments(
  db: Kysely<Schema>,
  actor: Actor,
  filters: CommentFilters,
  page: { limit: number; cursor?: CommentCursor | null },
): Promise<{ comments: ListedComment[]; nextCursor: string | null }> {
  const at = sql<Date>`coalesce(c.occurred_at, c.created_at)`;
  let query = commentsInScope(
    db
      .selectFrom('comments as c')
      .leftJoin('comment_analyses as a', (j) =>
        j.onRef('a.org_id', '=', 'c.org_id').onRef('a.comment_id', '=', 'c.comment_id'),
      )
      .leftJoin('comment_corrections as k', (j) =>
        j.onRef('k.org_id', '=', 'c.org_id').onRef('k.comment_id', '=', 'c.comment_id'),
      )
      .leftJoin('responses as r', (j) =>
        j.onRef('r.org_id', '=', 'c.org_id').onRef('r.response_id', '=', 'c.response_id'),
      )
      .select([
        'c.comment_id',
        'c.text',
        'c.source',
        'c.rating',
        'c.account_id',
        'c.response_id',
        'c.language as given_language',
        at.as('at'),
        // Exact, for the cursor: a JavaScript Date would drop the microseconds.
        sql<string>`${at}::text`.as('at_exact'),
        'a.comment_id as analysed',
        'a.language',
        'a.force',
        'a.polarity',
        'a.sentiment',
        'a.sentiment_score',
        'a.confidence',
        'a.emotions',
        'a.topics',
        'a.sentences',
        'a.spans',
        'a.model_version',
        'k.labels',
      ]),
    actor,
    'c',
  );
  if (filters.force) query = query.where(label('force', 'a.force'), '=', filters.force);
  if (filters.polarity) query = query.where(label('polarity', 'a.polarity'), '=', filters.polarity);
  if (filters.sentiment) query = query.where(label('sentiment', 'a.sentiment'), '=', filters.sentiment);
  if (filters.emotion) {
    query = query.where(
      sql<boolean>`case when k.labels -> 'emotions' is not null
        then k.labels -> 'emotions' @> jsonb_build_array(${filters.emotion}::text)
        else coalesce(a.emotions @> jsonb_build_array(jsonb_build_object('key', ${filters.emotion}::text)), false) end`,
    );
  }
  if (filters.topic) {
    query = query.where(
      sql<boolean>`case when k.labels -> 'topics' is not null
        then k.labels -> 'topics' @> jsonb_build_array(${filters.topic}::text)
        else coalesce(${filters.topic}::text = any(a.topics), false) end`,
    );
  }
  if (filters.touchpointId) query = query.where('r.touchpoint_id', '=', filters.touchpointId);
  if (filters.segment) query = query.where('r.segment', '=', filters.segment);
  if (filters.language) query = query.where(sql`coalesce(a.language, c.language)`, '=', filters.language);
  if (filters.source) query = query.where('c.source', '=', filters.source);
  if (filters.accountId) query = query.where('c.account_id', '=', filters.accountId);
  if (filters.responseId) query = query.where('c.response_id', '=', filters.responseId);
  if (filters.unitPath) {
    query = query.where(
      sql<boolean>`exists (select 1 from org_units u where u.org_id = c.org_id
        and u.path like ${`${filters.unitPath}%`}
        and u.unit_id = coalesce(r.unit_id,
          (select a2.unit_id from accounts a2 where a2.org_id = c.org_id and a2.account_id = c.account_id)))`,
    );
  }
  if (filters.q) {
    const pattern = `%${filters.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    query = query.where('c.text', 'ilike', pattern);
  }
  if (filters.from) query = query.where(at, '>=', sql<Date>`${filters.from}::timestamptz`);
  if (filters.to) query = query.where(at, '<', sql<Date>`${filters.to}::timestamptz`);
  if (page.cursor) {
    query = query.where(
      sql<boolean>`(${at}, c.comment_id) < (${page.cursor.at}::timestamptz, ${page.cursor.commentId}::uuid)`,
    );
  }
  const rows = await query
    .orderBy(at, 'desc')
    .orderBy('c.comment_id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const more = rows.length > page.limit;
  const comments = rows.slice(0, page.limit).map((row): ListedComment => {
    const model: ModelLabels = row.analysed
      ? {
          force: row.force,
          polarity: row.polarity,
          sentiment: row.sentiment!,
          emotions: row.emotions as { key: string }[],
          topics: row.topics!,
        }
      : null;
    return {
      commentId: row.comment_id,
      text: row.text,
      source: row.source,
      at: new Date(row.at).toISOString(),
      rating: row.rating,
      language: row.language ?? row.given_language,
      accountId: row.account_id,
      responseId: row.response_id,
      labels: effectiveLabels(model, (row.labels as CorrectionLabels | null) ?? null),
      analysis: row.analysed
        ? {
            sentimentScore: row.sentiment_score!,
            confidence: row.confidence!,
            modelVersion: row.model_version!,
            sentences: row.sentences as unknown[],
            spans: row.spans as unknown[],
            emotions: row.emotions as unknown[],
          }
        : null,
    };
  });
  const last = rows[page.limit - 1];
  return {
    comments,
    nextCursor: more && last ? encodeCursor({ at: last.at_exact, commentId: last.comment_id }) : null,
  };
}
