import { type Kysely, sql } from 'kysely';

/**
 * Scheduled reports, and the Customer Health Score's per-organisation settings. Scheduled reports: a dashboard view with its filters, mailed as a PDF on a cadence to a list of
 * users, each rendered under that user's own scope; and one row per delivery so a retried job never
 * mails the same run twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
create table report_schedules (
  org_id uuid not null references organisations,
  schedule_id uuid not null default gen_random_uuid(),
  name text not null,
  view text not null check (view in ('overview', 'forces', 'accounts')),
  filters text not null default '',
  cadence text not null check (cadence in ('daily', 'weekly', 'monthly')),
  hour_utc smallint not null default 7 check (hour_utc between 0 and 23),
  language text not null default 'en' check (language in ('en', 'it')),
  enabled boolean not null default true,
  next_run_at timestamptz not null,
  last_run_at timestamptz,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (org_id, schedule_id)
);
create index report_schedules_due on report_schedules (next_run_at) where enabled;

create table report_schedule_recipients (
  org_id uuid not null,
  schedule_id uuid not null,
  user_id uuid not null,
  primary key (org_id, schedule_id, user_id),
  foreign key (org_id, schedule_id) references report_schedules (org_id, schedule_id) on delete cascade,
  foreign key (org_id, user_id) references users (org_id, user_id) on delete cascade
);

-- One row per recipient and run: the send job claims it, so a retry after a crash resends only
-- what was not sent.
create table report_deliveries (
  org_id uuid not null,
  schedule_id uuid not null,
  run_at timestamptz not null,
  user_id uuid not null,
  status text not null default 'queued' check (status in ('queued', 'sent', 'skipped', 'failed')),
  message_id text,
  error text,
  sent_at timestamptz,
  primary key (org_id, schedule_id, run_at, user_id),
  foreign key (org_id, schedule_id) references report_schedules (org_id, schedule_id) on delete cascade
);

-- The Customer Health Score's weights, RAG thresholds and case penalty, one row per organisation
-- (none: the built-in defaults).
create table health_score_settings (
  org_id uuid not null references organisations,
  settings jsonb not null,
  updated_by uuid,
  updated_at timestamptz not null default now(),
  primary key (org_id)
);
`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      'drop table health_score_settings; drop table report_deliveries; drop table report_schedule_recipients; drop table report_schedules;',
    )
    .execute(db);
}
