import { type Kysely, sql } from 'kysely';

/**
 * Cases opened by a person (from a comment or a response) rather than by an alert rule: they have
 * no rule, and a retried request carrying the same Idempotency-Key finds the case it opened.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
alter table cases alter column rule_id drop not null;
alter table cases add column idempotency_key text;
create unique index cases_idempotency on cases (org_id, idempotency_key) where idempotency_key is not null;
`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
drop index cases_idempotency;
alter table cases drop column idempotency_key;
delete from cases where rule_id is null;
alter table cases alter column rule_id set not null;
`)
    .execute(db);
}
