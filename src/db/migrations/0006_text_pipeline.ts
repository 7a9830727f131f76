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

-- Unsolicited feedback (reviews, tickets, social posts, e-mails) imported beside survey comments:
-- when the customer wrote it, the rating they gave, who wrote it, and the key that makes a re-import
-- skip what is already there (the source's own id, or a hash of the content).
alter table comments add column occurred_at timestamptz;
alter table comments add column rating real;
alter table comments add column author_email text;
alter table comments add column import_key text;
create unique index comments_import_key on comments (org_id, import_key) where import_key is not null;

-- An account's web domain, so feedback from an unknown address of that domain finds its account.
alter table accounts add column domain text;
create index accounts_domain on accounts (org_id, lower(domain)) where domain is not null;

-- A person's relabelling of a comment (force, polarity, sentiment, emotions, topics: only those
-- given); it wins over the model's reading, and it trains the organisation's own model. One per
-- comment: a new one replaces it (the audit log keeps the history).
create table comment_corrections (
  org_id uuid not null,
  comment_id uuid not null,
  labels jsonb not null,
  corrected_by uuid,
  corrected_at timestamptz not null default now(),
  primary key (org_id, comment_id),
  foreign key (org_id, comment_id) references comments (org_id, comment_id) on delete cascade
);
create index comment_corrections_at on comment_corrections (org_id, corrected_at);

-- An organisation's own text models, newest = highest version; model holds the model files (JSON).
-- corrections_until is the newest correction it learnt from, so newer ones count towards the next.
create table text_org_models (
  org_id uuid not null,
  version integer not null,
  model_version text not null,
  model text not null,
  corrections integer not null,
  corrections_until timestamptz,
  evaluation jsonb not null,
  started_at timestamptz not null,
  trained_at timestamptz not null default now(),
  primary key (org_id, version)
);

-- Asking for a retraining now (POST /api/v1/text/models); the trainer takes requests newer than
-- the start of the latest training.
create table text_model_requests (
  org_id uuid not null,
  requested_at timestamptz not null default now(),
  requested_by uuid,
  primary key (org_id)
);

-- The organisation's codeframe: topics defined by a boolean keyword rule and/or example comments.
-- With none, the built-in codeframe applies.
create table text_topics (
  org_id uuid not null,
  topic_id uuid not null default gen_random_uuid(),
  key text not null,
  rule text,
  examples jsonb not null default '[]',
  threshold real,
  updated_at timestamptz not null default now(),
  primary key (org_id, topic_id),
  check (rule is not null or jsonb_array_length(examples) > 0)
);
create unique index text_topics_key on text_topics (org_id, key);
`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
drop table text_topics;
drop table text_model_requests;
drop table text_org_models;
drop table comment_corrections;
drop index accounts_domain;
alter table accounts drop column domain;
drop index comments_import_key;
alter table comments drop column import_key;
alter table comments drop column author_email;
alter table comments drop column rating;
alter table comments drop column occurred_at;
drop table text_relabel_runs;
drop table comment_analyses;
drop index comments_pending_analysis;
alter table comments drop column analysed_at;
`)
    .execute(db);
}
