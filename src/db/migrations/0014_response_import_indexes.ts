import { type Kysely, sql } from 'kysely';

/**
 * Responses without a contact, an account or a fingerprint (most imported history, anonymous links)
 * no longer pay for those indexes: every query that reads them asks for one contact, account or
 * fingerprint (`= value`), which a partial index on the non-null rows serves as before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
drop index responses_fingerprint;
drop index responses_contact;
drop index responses_account;
create index responses_fingerprint on responses (org_id, survey_id, fingerprint, submitted_at) where fingerprint is not null;
create index responses_contact on responses (org_id, contact_id, submitted_at) where contact_id is not null;
create index responses_account on responses (org_id, account_id) where account_id is not null;
`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
drop index responses_fingerprint;
drop index responses_contact;
drop index responses_account;
create index responses_fingerprint on responses (org_id, survey_id, fingerprint, submitted_at);
create index responses_contact on responses (org_id, contact_id, submitted_at);
create index responses_account on responses (org_id, account_id);
`)
    .execute(db);
}
