import { type Kysely, sql } from 'kysely';

/**
 * Reaching customers: outbound webhooks (endpoints, events, deliveries and their attempts), events
 * from the CRM, distribution rules, email invitations and the suppression list.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
-- An integrator's receiver. The secret (whsec_…) signs every delivery (Standard Webhooks); an empty
-- event_types list means every event type.
create table webhook_endpoints (
  org_id uuid not null references organisations,
  endpoint_id uuid not null default gen_random_uuid(),
  url text not null,
  secret text not null,
  description text not null default '',
  event_types text[] not null default '{}',
  enabled boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, endpoint_id)
);

-- One event as it is sent (payload is the signed body). subject_id lets a sweep record an event for a
-- stored object exactly once, whichever process sweeps.
create table webhook_events (
  org_id uuid not null references organisations,
  event_id uuid not null default gen_random_uuid(),
  type text not null,
  subject_id text,
  payload jsonb not null,
  created_at timestamptz not null default now(),
  primary key (org_id, event_id)
);
create unique index webhook_events_subject on webhook_events (org_id, type, subject_id) where subject_id is not null;

create table webhook_deliveries (
  org_id uuid not null,
  delivery_id uuid not null default gen_random_uuid(),
  event_id uuid not null,
  endpoint_id uuid not null,
  status text not null default 'pending' check (status in ('pending', 'succeeded', 'failed')),
  attempts int not null default 0,
  last_status_code int,
  last_error text,
  next_attempt_at timestamptz,
  delivered_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (org_id, delivery_id),
  foreign key (org_id, event_id) references webhook_events (org_id, event_id) on delete cascade,
  foreign key (org_id, endpoint_id) references webhook_endpoints (org_id, endpoint_id) on delete cascade
);
create index webhook_deliveries_endpoint on webhook_deliveries (org_id, endpoint_id, created_at desc);

create table webhook_attempts (
  org_id uuid not null,
  delivery_id uuid not null,
  attempt int not null,
  attempted_at timestamptz not null default now(),
  status_code int,
  error text,
  duration_ms int not null,
  primary key (org_id, delivery_id, attempt),
  foreign key (org_id, delivery_id) references webhook_deliveries (org_id, delivery_id) on delete cascade
);

-- How far the response.created sweep has looked, per organisation.
create table webhook_sweeps (
  org_id uuid not null references organisations,
  swept_until timestamptz not null,
  primary key (org_id)
);

-- Events from the CRM and operational systems, kept for journey analysis; decision records what the
-- distribution rules made of it.
create table crm_events (
  org_id uuid not null references organisations,
  event_id uuid not null default gen_random_uuid(),
  type text not null,
  occurred_at timestamptz not null,
  received_at timestamptz not null default now(),
  contact_id uuid,
  account_id uuid,
  touchpoint_id uuid,
  attributes jsonb not null default '{}',
  idempotency_key text,
  decision jsonb not null default '[]',
  primary key (org_id, event_id),
  foreign key (org_id, contact_id) references contacts (org_id, contact_id),
  foreign key (org_id, account_id) references accounts (org_id, account_id)
);
create unique index crm_events_idempotency on crm_events (org_id, idempotency_key) where idempotency_key is not null;
create index crm_events_contact on crm_events (org_id, contact_id, occurred_at);
create index crm_events_type on crm_events (org_id, type, occurred_at);

create table distribution_rules (
  org_id uuid not null references organisations,
  rule_id uuid not null default gen_random_uuid(),
  name text not null,
  event_type text not null,
  touchpoint_id uuid,
  survey_id uuid not null,
  enabled boolean not null default true,
  delay_minutes int not null default 0,
  default_language text not null default 'en',
  contact_cap_days int,
  account_cap_per_quarter int,
  quiet_start text,
  quiet_end text,
  timezone text not null default 'UTC',
  reminder_after_days int,
  max_reminders int not null default 0,
  link_valid_days int not null default 30,
  created_at timestamptz not null default now(),
  primary key (org_id, rule_id),
  foreign key (org_id, survey_id) references surveys (org_id, survey_id)
);
create index distribution_rules_event on distribution_rules (org_id, event_type);

create table invitations (
  org_id uuid not null references organisations,
  invitation_id uuid not null default gen_random_uuid(),
  rule_id uuid,
  event_id uuid,
  survey_id uuid not null,
  contact_id uuid not null,
  account_id uuid,
  email text not null,
  language text not null,
  token_hash text not null,
  status text not null default 'queued'
    check (status in ('queued', 'sent', 'bounced', 'complained', 'responded', 'failed', 'cancelled')),
  scheduled_at timestamptz not null,
  sent_at timestamptz,
  message_id text,
  reminders_sent int not null default 0,
  last_sent_at timestamptz,
  responded_at timestamptz,
  error text,
  created_at timestamptz not null default now(),
  primary key (org_id, invitation_id),
  foreign key (org_id, contact_id) references contacts (org_id, contact_id),
  foreign key (org_id, survey_id) references surveys (org_id, survey_id)
);
create index invitations_contact on invitations (org_id, contact_id, scheduled_at);
create index invitations_account on invitations (org_id, account_id, scheduled_at);
create index invitations_message on invitations (org_id, message_id);
create index invitations_token on invitations (org_id, token_hash);

-- Addresses no mail goes to: bounced, complained about, or unsubscribed (email stored lower-case).
create table email_suppressions (
  org_id uuid not null references organisations,
  email text not null,
  reason text not null check (reason in ('bounce', 'complaint', 'unsubscribe')),
  details text,
  created_at timestamptz not null default now(),
  primary key (org_id, email)
);
`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`drop table if exists email_suppressions, invitations, distribution_rules, crm_events,
      webhook_sweeps, webhook_attempts, webhook_deliveries, webhook_events, webhook_endpoints cascade`)
    .execute(db);
}
