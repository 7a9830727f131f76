import { type Kysely, sql } from 'kysely';

/**
 * Acting on feedback: alert rules, the queue of responses waiting to be checked against them, cases
 * with their watchers and timeline, the signed-in users' inbox, and improvement actions (the outer
 * loop) linked to the cases that justify them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
-- A rule: conditions (all must hold) checked against each new response of its survey or
-- touchpoint (or any, when both are null); who owns the cases it opens and how fast they are due.
create table alert_rules (
  org_id uuid not null,
  rule_id uuid not null default gen_random_uuid(),
  name text not null,
  survey_id uuid,
  touchpoint_id uuid,
  conditions jsonb not null,
  priority text not null default 'normal',
  fallback_queue text not null default 'cx-team',
  first_contact_hours integer not null default 24,
  resolution_days integer not null default 5,
  channels text[] not null default '{email,webhook,inbox}',
  active boolean not null default true,
  created_at timestamptz not null default now(),
  primary key (org_id, rule_id)
);

-- Responses stored while the organisation has active rules and not yet checked against them. The
-- ingest statement adds a row; a sweeper claims rows (SKIP LOCKED) and deletes them in the
-- transaction that opens their cases, so a crash puts them back.
create table alert_queue (
  org_id uuid not null,
  response_id uuid not null,
  queued_at timestamptz not null default clock_timestamp(),
  primary key (org_id, response_id)
);
create index alert_queue_order on alert_queue (queued_at);

create table cases (
  org_id uuid not null,
  case_id uuid not null default gen_random_uuid(),
  rule_id uuid not null,
  response_id uuid not null,
  title text not null,
  priority text not null,
  status text not null default 'new',
  unit_id uuid,
  account_id uuid,
  contact_id uuid,
  owner_user_id uuid,
  queue text,
  owner_reason text not null,
  channels text[] not null,
  escalation_step_hours integer not null,
  first_contact_due_at timestamptz not null,
  resolution_due_at timestamptz not null,
  first_contacted_at timestamptz,
  resolved_at timestamptz,
  closed_at timestamptz,
  next_escalation_at timestamptz,
  escalation_level integer not null default 0,
  escalated_to_user_id uuid,
  last_escalated_at timestamptz,
  root_cause text,
  resolution text,
  checkback_sent_at timestamptz,
  checkback_answer text,
  checkback_answered_at timestamptz,
  created_at timestamptz not null default clock_timestamp(),
  updated_at timestamptz not null default clock_timestamp(),
  primary key (org_id, case_id),
  -- Exactly one case per rule and response, whoever evaluates it and however often.
  unique (org_id, rule_id, response_id)
);
create index cases_owner on cases (org_id, owner_user_id, status);
create index cases_unit on cases (org_id, unit_id, status);
create index cases_escalation on cases (next_escalation_at) where next_escalation_at is not null;

create table case_watchers (
  org_id uuid not null,
  case_id uuid not null,
  user_id uuid not null,
  primary key (org_id, case_id, user_id)
);
create index case_watchers_user on case_watchers (org_id, user_id);

-- The case's timeline: notes, calls and emails with the customer, actions taken, status changes,
-- escalations and the customer's check-back answer.
create table case_entries (
  org_id uuid not null,
  entry_id uuid not null default gen_random_uuid(),
  case_id uuid not null,
  kind text not null,
  body text not null default '',
  details jsonb not null default '{}',
  author_user_id uuid,
  idempotency_key text,
  at timestamptz not null default clock_timestamp(),
  primary key (org_id, entry_id)
);
create index case_entries_case on case_entries (org_id, case_id, at);
create unique index case_entries_idempotency on case_entries (org_id, case_id, idempotency_key)
  where idempotency_key is not null;

-- What a signed-in user is told about (new case, escalation, reopened); the live inbox streams it.
create table inbox_events (
  org_id uuid not null,
  event_id bigint generated always as identity,
  user_id uuid not null,
  kind text not null,
  case_id uuid,
  title text not null,
  created_at timestamptz not null default clock_timestamp(),
  read_at timestamptz,
  primary key (org_id, event_id)
);
create index inbox_events_user on inbox_events (org_id, user_id, event_id);

-- The outer loop: a change to a touchpoint or process meant to move one measure.
create table improvement_actions (
  org_id uuid not null,
  action_id uuid not null default gen_random_uuid(),
  title text not null,
  force_key text,
  measure text not null,
  touchpoint_id uuid,
  department text,
  unit_id uuid,
  owner_user_id uuid,
  due_date date,
  status text not null default 'planned',
  started_on date,
  root_causes text[] not null default '{}',
  created_at timestamptz not null default now(),
  primary key (org_id, action_id)
);

create table improvement_cases (
  org_id uuid not null,
  action_id uuid not null,
  case_id uuid not null,
  primary key (org_id, action_id, case_id)
);
`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
drop table improvement_cases;
drop table improvement_actions;
drop table inbox_events;
drop table case_entries;
drop table case_watchers;
drop table cases;
drop table alert_queue;
drop table alert_rules;
`)
    .execute(db);
}
