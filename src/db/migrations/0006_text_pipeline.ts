import { type Kysely, sql } from 'kysely';

/**
 * The text pipeline: what the text engine read in each comment, kept beside the comment.
 *
 * comments.analysed_at is null until the comment is analysed (and set back to null to re-label it);
 * a partial index over the null ones lets the background sweeper find the next batch without
 * scanning analysed comments, and ingestion's insert stays as it was (the column defaults to null).
 * comment_analyses holds the results, one row per comment, with the model version that produced them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
alter table comments add column analysed_at timestamptz;
create index comments_pending_analysis on comments (created_at, org_id, comment_id) where analysed_at is null;

create table comment_analyses (
  org_id uuid not null,
  comment_id uuid not null,
  language text not null,
  sentiment text not null check (sentiment in ('positive', 'negative', 'mixed', 'neutral')),
  sentiment_score real not null,
  sentences jsonb not null,
  force text,
  polarity text check (polarity in ('fulfilled', 'tension')),
  confidence real not null,
  secondary jsonb not null,
  emotions jsonb not null,
  topics text[] not null,
  spans jsonb not null,
  model_version text not null,
  analysed_at timestamptz not null default now(),
  primary key (org_id, comment_id),
  foreign key (org_id, comment_id) references comments (org_id, comment_id) on delete cascade
);
create index comment_analyses_force on comment_analyses (org_id, force, polarity);
create index comment_analyses_sentiment on comment_analyses (org_id, sentiment);

-- A re-labelling of an organisation's comments (after a model change): its progress is the share of
-- the comments it set pending that are analysed again.
create table text_relabel_runs (
  org_id uuid not null,
  run_id uuid not null default gen_random_uuid(),
  reason text not null,
  model_version text,
  total integer not null,
  started_at timestamptz not null default now(),
  primary key (org_id, run_id)
);
`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
drop table text_relabel_runs;
drop table comment_analyses;
drop index comments_pending_analysis;
alter table comments drop column analysed_at;
`)
    .execute(db);
}
