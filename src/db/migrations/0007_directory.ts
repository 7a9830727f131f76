import { type Kysely, sql } from 'kysely';

/**
 * The directory: managing the hierarchy, accounts and contacts, and importing them from files.
 * Imports keep the uploaded file (in chunks, so it streams back) and stage each parsed row with its
 * line number and problem; the commit turns staged rows into accounts or contacts in one transaction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
-- Sibling units have distinct names (case-insensitive): a tree import finds a unit by its path of names.
create unique index org_units_sibling_name on org_units (org_id, coalesce(parent_id::text, ''), lower(name));
-- Dedupe on re-import: a contact's CRM id is unique like an account's.
create unique index contacts_external_id on contacts (org_id, external_id) where external_id is not null;
create index accounts_name on accounts (org_id, lower(name));

create table import_jobs (
  org_id uuid not null references organisations,
  import_id uuid not null default gen_random_uuid(),
  kind text not null check (kind in ('accounts', 'contacts')),
  format text not null check (format in ('csv', 'xlsx')),
  file_name text,
  idempotency_key text,
  status text not null default 'uploaded'
    check (status in ('uploaded', 'queued', 'validating', 'validated', 'committing', 'completed', 'failed')),
  mapping jsonb,
  dry_run boolean not null default false,
  skip_bad_rows boolean not null default false,
  columns jsonb not null default '[]',
  total int not null default 0,
  done int not null default 0,
  bad_rows int not null default 0,
  summary jsonb not null default '{}',
  failure text,
  actor_user_id uuid,
  actor_token_id uuid,
  actor_unit_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, import_id)
);
create unique index import_jobs_idempotency on import_jobs (org_id, idempotency_key) where idempotency_key is not null;

create table import_file_chunks (
  org_id uuid not null,
  import_id uuid not null,
  seq int not null,
  bytes bytea not null,
  primary key (org_id, import_id, seq),
  foreign key (org_id, import_id) references import_jobs (org_id, import_id) on delete cascade
);

-- One parsed row of an import: its normalised fields, or why it was refused ([{column, message}]).
create table import_rows (
  org_id uuid not null,
  import_id uuid not null,
  line int not null,
  data jsonb not null default '{}',
  errors jsonb,
  target_id uuid,
  primary key (org_id, import_id, line),
  foreign key (org_id, import_id) references import_jobs (org_id, import_id) on delete cascade
);
`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`drop table import_rows, import_file_chunks, import_jobs;
      drop index accounts_name; drop index contacts_external_id; drop index org_units_sibling_name;`)
    .execute(db);
}
