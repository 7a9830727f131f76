import { type Kysely, sql } from 'kysely';

/**
 * Data model v1. Every table carries org_id and every primary and unique key starts with it, so the
 * schema can be distributed by organisation (Citus) without change.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
create table organisations (
  org_id uuid primary key default gen_random_uuid(),
  name text not null,
  slug text not null,
  signing_key text not null,
  settings jsonb not null default '{}',
  created_at timestamptz not null default now()
);
create index organisations_slug on organisations (slug);

-- The hierarchy: regions, teams, departments, account managers, any depth. path is the chain of
-- unit ids from the root ('/a/b/c/'), so a subtree is one prefix match.
create table org_units (
  org_id uuid not null references organisations,
  unit_id uuid not null default gen_random_uuid(),
  parent_id uuid,
  name text not null,
  kind text not null default 'team',
  path text not null,
  created_at timestamptz not null default now(),
  primary key (org_id, unit_id),
  foreign key (org_id, parent_id) references org_units (org_id, unit_id)
);
create index org_units_path on org_units (org_id, path text_pattern_ops);

create table users (
  org_id uuid not null references organisations,
  user_id uuid not null default gen_random_uuid(),
  email text not null,
  name text not null,
  password_hash text,
  locale text not null default 'en',
  created_at timestamptz not null default now(),
  primary key (org_id, user_id)
);
create unique index users_email on users (org_id, lower(email));
create index users_email_lookup on users (lower(email));

create table memberships (
  org_id uuid not null,
  user_id uuid not null,
  role text not null check (role in ('owner', 'admin', 'analyst', 'manager', 'agent', 'viewer')),
  unit_id uuid,
  primary key (org_id, user_id),
  foreign key (org_id, user_id) references users (org_id, user_id) on delete cascade,
  foreign key (org_id, unit_id) references org_units (org_id, unit_id)
);

create table sessions (
  org_id uuid not null,
  token_hash text not null,
  user_id uuid not null,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  primary key (org_id, token_hash),
  foreign key (org_id, user_id) references users (org_id, user_id) on delete cascade
);

create table api_tokens (
  org_id uuid not null references organisations,
  token_id uuid not null default gen_random_uuid(),
  name text not null,
  secret_hash text not null,
  role text not null default 'analyst' check (role in ('admin', 'analyst', 'viewer')),
  unit_id uuid,
  created_by uuid,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  primary key (org_id, token_id),
  foreign key (org_id, unit_id) references org_units (org_id, unit_id)
);

create table accounts (
  org_id uuid not null references organisations,
  account_id uuid not null default gen_random_uuid(),
  name text not null,
  industry text,
  tier text,
  annual_value numeric(14, 2),
  renewal_date date,
  unit_id uuid,
  owner_user_id uuid,
  external_id text,
  created_at timestamptz not null default now(),
  primary key (org_id, account_id),
  foreign key (org_id, unit_id) references org_units (org_id, unit_id)
);
create unique index accounts_external_id on accounts (org_id, external_id) where external_id is not null;
create index accounts_unit on accounts (org_id, unit_id);

create table contacts (
  org_id uuid not null,
  contact_id uuid not null default gen_random_uuid(),
  account_id uuid not null,
  first_name text not null,
  last_name text not null,
  email text not null,
  language text not null default 'en',
  buying_role text check (buying_role in ('decision_maker', 'influencer', 'user', 'procurement', 'finance', 'executive')),
  consent boolean not null default true,
  opted_out_at timestamptz,
  external_id text,
  created_at timestamptz not null default now(),
  primary key (org_id, contact_id),
  foreign key (org_id, account_id) references accounts (org_id, account_id)
);
create unique index contacts_email on contacts (org_id, lower(email));
create index contacts_account on contacts (org_id, account_id);

-- The Forces framework as versioned data: an organisation may run the 2019 five Forces, the
-- current six or its own variant; maps_to says how an older version's Forces map onto a newer one.
create table frameworks (
  org_id uuid not null references organisations,
  framework_id text not null,
  name text not null,
  version text not null,
  maps_to text,
  force_map jsonb not null default '{}',
  primary key (org_id, framework_id)
);

create table forces (
  org_id uuid not null,
  framework_id text not null,
  force_key text not null,
  position int not null,
  name jsonb not null,
  facets jsonb not null,
  fulfilled jsonb not null,
  tension jsonb not null,
  primary key (org_id, framework_id, force_key),
  foreign key (org_id, framework_id) references frameworks (org_id, framework_id)
);

create table journeys (
  org_id uuid not null references organisations,
  journey_id uuid not null default gen_random_uuid(),
  key text not null,
  name jsonb not null,
  position int not null default 0,
  primary key (org_id, journey_id)
);
create unique index journeys_key on journeys (org_id, key);

create table journey_stages (
  org_id uuid not null,
  stage_id uuid not null default gen_random_uuid(),
  journey_id uuid not null,
  key text not null,
  name jsonb not null,
  position int not null default 0,
  primary key (org_id, stage_id),
  foreign key (org_id, journey_id) references journeys (org_id, journey_id)
);

create table touchpoints (
  org_id uuid not null,
  touchpoint_id uuid not null default gen_random_uuid(),
  stage_id uuid not null,
  key text not null,
  name jsonb not null,
  channel text not null,
  owning_department text not null,
  target_forces text[] not null default '{}',
  ideal jsonb not null default '{}',
  position int not null default 0,
  primary key (org_id, touchpoint_id),
  foreign key (org_id, stage_id) references journey_stages (org_id, stage_id)
);
create unique index touchpoints_key on touchpoints (org_id, key);

create table surveys (
  org_id uuid not null references organisations,
  survey_id uuid not null default gen_random_uuid(),
  slug text not null,
  name text not null,
  kind text not null check (kind in ('relationship', 'touchpoint', 'pulse', 'employee')),
  touchpoint_id uuid,
  status text not null default 'draft' check (status in ('draft', 'open', 'closed')),
  draft jsonb,
  current_version int,
  created_at timestamptz not null default now(),
  primary key (org_id, survey_id),
  foreign key (org_id, touchpoint_id) references touchpoints (org_id, touchpoint_id)
);
create unique index surveys_slug on surveys (org_id, slug);
create index surveys_slug_lookup on surveys (slug);

create table survey_versions (
  org_id uuid not null,
  survey_id uuid not null,
  version int not null,
  definition jsonb not null,
  published_at timestamptz not null default now(),
  primary key (org_id, survey_id, version),
  foreign key (org_id, survey_id) references surveys (org_id, survey_id)
);

-- One row per response. The core measures are typed columns so analyses aggregate in SQL; the raw
-- answers stay as jsonb for exports and re-scoring.
create table responses (
  org_id uuid not null,
  response_id uuid not null default gen_random_uuid(),
  survey_id uuid not null,
  survey_version int not null,
  contact_id uuid,
  account_id uuid,
  touchpoint_id uuid,
  unit_id uuid,
  channel text not null default 'web',
  language text not null default 'en',
  started_at timestamptz,
  submitted_at timestamptz not null default now(),
  status text not null default 'complete' check (status in ('partial', 'complete')),
  quality_flags text[] not null default '{}',
  excluded boolean not null default false,
  idempotency_key text,
  nps smallint check (nps between 0 and 10),
  csat smallint,
  ces smallint,
  force_certainty real check (force_certainty between 0 and 100),
  force_control real check (force_control between 0 and 100),
  force_fair_treatment real check (force_fair_treatment between 0 and 100),
  force_belonging real check (force_belonging between 0 and 100),
  force_status real check (force_status between 0 and 100),
  force_enjoyment real check (force_enjoyment between 0 and 100),
  satisfaction real check (satisfaction between 0 and 100),
  attachment real check (attachment between 0 and 100),
  segment text check (segment in ('emotionally_attached', 'functionally_satisfied', 'unfulfilled')),
  relationship_strength real check (relationship_strength between 0 and 100),
  continue_likelihood smallint check (continue_likelihood between 0 and 10),
  buy_more smallint check (buy_more between 0 and 10),
  share_of_spend real check (share_of_spend between 0 and 100),
  preference_rank smallint,
  dissonance text check (dissonance in ('worse', 'in_line', 'better')),
  critical_incident boolean,
  answers jsonb not null default '{}',
  hidden jsonb not null default '{}',
  primary key (org_id, response_id)
  -- No foreign key to survey_versions: every insert would share-lock the same hot version row, and
  -- under concurrent ingestion those locks serialise (measured: 500 → 350 responses/s from 8 to 32
  -- clients). Ingestion always takes the version from survey_versions itself.
);
create unique index responses_idempotency on responses (org_id, idempotency_key) where idempotency_key is not null;
create index responses_survey on responses (org_id, survey_id, submitted_at);
create index responses_account on responses (org_id, account_id);
create index responses_unit on responses (org_id, unit_id, submitted_at);

-- Verbatims: from a survey answer, or imported (review, ticket, social post).
create table comments (
  org_id uuid not null,
  comment_id uuid not null default gen_random_uuid(),
  response_id uuid,
  question_id text,
  source text not null default 'survey' check (source in ('survey', 'review', 'ticket', 'social', 'email', 'other')),
  text text not null,
  language text,
  account_id uuid,
  contact_id uuid,
  created_at timestamptz not null default now(),
  primary key (org_id, comment_id),
  foreign key (org_id, response_id) references responses (org_id, response_id)
);
create index comments_response on comments (org_id, response_id);

create table audit_log (
  org_id uuid not null,
  audit_id bigint generated always as identity,
  at timestamptz not null default now(),
  actor_user_id uuid,
  actor_token_id uuid,
  action text not null,
  target_type text,
  target_id text,
  details jsonb not null default '{}',
  primary key (org_id, audit_id)
);
`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`drop table audit_log, comments, responses, survey_versions, surveys, touchpoints, journey_stages,
      journeys, forces, frameworks, contacts, accounts, api_tokens, sessions, memberships, users, org_units,
      organisations cascade`)
    .execute(db);
}
