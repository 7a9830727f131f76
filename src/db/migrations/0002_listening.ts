import { type Kysely, sql } from 'kysely';

/**
 * Listening: personal survey links (single-use tokens), survey settings (cleaning rules, widget
 * origins), and what ingestion needs to resume partial responses and flag quality.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
alter table surveys add column settings jsonb not null default '{}';

-- A personal link: an unguessable token (only its SHA-256 is stored) bound to one contact and one
-- survey. used_at is set, exactly once, by the transaction that stores the completed response.
create table survey_tokens (
  org_id uuid not null,
  token_hash text not null,
  survey_id uuid not null,
  contact_id uuid not null,
  account_id uuid,
  touchpoint_id uuid,
  hidden jsonb not null default '{}',
  language text,
  expires_at timestamptz,
  used_at timestamptz,
  response_id uuid,
  created_at timestamptz not null default now(),
  primary key (org_id, token_hash),
  foreign key (org_id, survey_id) references surveys (org_id, survey_id),
  foreign key (org_id, contact_id) references contacts (org_id, contact_id)
);
create index survey_tokens_contact on survey_tokens (org_id, contact_id);

-- A partial response is resumed with a secret of its own (the personal token, or a cookie for open links).
alter table responses add column resume_hash text;
alter table responses add column duration_seconds integer;
alter table responses add column fingerprint text;
create unique index responses_resume on responses (org_id, resume_hash) where resume_hash is not null;
create index responses_fingerprint on responses (org_id, survey_id, fingerprint, submitted_at);
create index responses_contact on responses (org_id, contact_id, submitted_at);
`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
drop index responses_contact; drop index responses_fingerprint; drop index responses_resume;
alter table responses drop column fingerprint, drop column duration_seconds, drop column resume_hash;
drop table survey_tokens;
alter table surveys drop column settings;
`)
    .execute(db);
}
