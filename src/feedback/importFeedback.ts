/**
 * Storing imported feedback as comments (source review, ticket, …), each matched to a contact or an
 * account, so the text pipeline analyses them like survey comments. Matching, in order: the
 * account's external id; the author's e-mail to a contact (and so its account); the e-mail's
 * domain, then the record's domain, to the one account with that domain. Only accounts in the
 * actor's scope are matched. A re-import skips records whose import key is already stored.
 */
import { sql, type Transaction } from 'kysely';
import { recordAudit } from '../audit/record.ts';
import type { Schema } from '../db/schema.ts';
import type { Actor } from '../policies/actor.ts';
import { inScope } from '../policies/scope.ts';
import type { FeedbackLineError, FeedbackRecord } from './parseFeedback.ts';

/** How one record was matched. */
export type FeedbackMatch = 'contact' | 'accountExternalId' | 'emailDomain' | 'domain' | 'none';

/** What an import did (or, in a dry run, would do). */
export type FeedbackImportSummary = {
  dryRun: boolean;
  received: number;
  imported: number;
  duplicates: number;
  matched: Record<FeedbackMatch, number>;
  /** Per record, in file order. */
  lines: { line: number; match: FeedbackMatch; accountId: string | null; duplicate: boolean }[];
};

/** Thrown when records name what does not exist (e.g. an unknown account external id). */
export class FeedbackImportError extends Error {
  readonly errors: FeedbackLineError[];
  constructor(errors: FeedbackLineError[]) {
    super(`${errors.length} line(s) of the import are wrong`);
    this.errors = errors;
  }
}

const CHUNK = 1000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const emailDomain = (email: string | null) => (email ? email.slice(email.lastIndexOf('@') + 1) : null);

/**
 * Matches and stores the records in the caller's transaction (a dry run matches and counts only).
 *
 * @param trx - the transaction (an import that fails stores nothing).
 * @param actor - who imports: the organisation, and the accounts they may match.
 * @param records - parsed records without errors ({@link parseFeedback}).
 * @param options - dryRun, and the audit file name.
 * @returns the summary.
 * @throws FeedbackImportError listing lines that name an unknown account.
 * @example await importFeedback(trx, actor, parseFeedback(csv).records, { dryRun: false }) // { imported: 12, … }
 */
export async function importFeedback(
  trx: Transaction<Schema>,
  actor: Actor,
  records: readonly FeedbackRecord[],
  options: { dryRun: boolean; file?: string },
): Promise<FeedbackImportSummary> {
  const unique = <T>(values: (T | null)[]) => [...new Set(values.filter((v): v is T => v !== null))];

  const externalIds = unique(records.map((r) => r.accountExternalId));
  const byExternalId = new Map<string, string>();
  for (const part of chunks(externalIds)) {
    const rows = await inScope(
      trx.selectFrom('accounts').select(['account_id', 'external_id']).where('external_id', 'in', part),
      actor,
      'accounts',
    ).execute();
    for (const row of rows) byExternalId.set(row.external_id!, row.account_id);
  }
  const errors = records
    .filter((r) => r.accountExternalId && !byExternalId.has(r.accountExternalId))
    .map((r) => ({
      line: r.line,
      field: 'accountExternalId',
      message: `no account with external id "${r.accountExternalId}" in your scope`,
    }));
  if (errors.length) throw new FeedbackImportError(errors);

  const emails = unique(records.map((r) => r.authorEmail));
  const byEmail = new Map<string, { contactId: string; accountId: string }>();
  for (const part of chunks(emails)) {
    const rows = await inScope(
      trx
        .selectFrom('contacts')
        .innerJoin('accounts', (j) =>
          j
            .onRef('accounts.org_id', '=', 'contacts.org_id')
            .onRef('accounts.account_id', '=', 'contacts.account_id'),
        )
        .select([
          sql<string>`lower(contacts.email)`.as('email'),
          'contacts.contact_id',
          'contacts.account_id',
        ])
        .where(sql`lower(contacts.email)`, 'in', part),
      actor,
      'accounts',
    ).execute();
    for (const row of rows) byEmail.set(row.email, { contactId: row.contact_id, accountId: row.account_id });
  }

  const domains = unique([
    ...records.map((r) => emailDomain(r.authorEmail)),
    ...records.map((r) => r.domain),
  ]);
  // A domain shared by several accounts matches none of them: guessing would misattribute feedback.
  const byDomain = new Map<string, string | null>();
  for (const part of chunks(domains)) {
    const rows = await inScope(
      trx
        .selectFrom('accounts')
        .select([sql<string>`lower(accounts.domain)`.as('domain'), 'account_id'])
        .where(sql`lower(accounts.domain)`, 'in', part),
      actor,
      'accounts',
    ).execute();
    for (const row of rows) byDomain.set(row.domain, byDomain.has(row.domain) ? null : row.account_id);
  }

  const existing = new Set<string>();
  for (const part of chunks(unique(records.map((r) => r.importKey)))) {
    const rows = await trx
      .selectFrom('comments')
      .select('import_key')
      .where('org_id', '=', actor.orgId)
      .where('import_key', 'in', part)
      .execute();
    for (const row of rows) existing.add(row.import_key!);
  }

  const summary: FeedbackImportSummary = {
    dryRun: options.dryRun,
    received: records.length,
    imported: 0,
    duplicates: 0,
    matched: { contact: 0, accountExternalId: 0, emailDomain: 0, domain: 0, none: 0 },
    lines: [],
  };
  const seen = new Set<string>();
  const rows = [];
  for (const record of records) {
    let match: FeedbackMatch = 'none';
    let accountId: string | null = null;
    let contactId: string | null = null;
    const contact = record.authorEmail ? byEmail.get(record.authorEmail) : undefined;
    const fromEmailDomain = byDomain.get(emailDomain(record.authorEmail) ?? '');
    const fromDomain = byDomain.get(record.domain ?? '');
    if (record.accountExternalId) {
      match = 'accountExternalId';
      accountId = byExternalId.get(record.accountExternalId)!;
      if (contact?.accountId === accountId) contactId = contact.contactId;
    } else if (contact) {
      match = 'contact';
      accountId = contact.accountId;
      contactId = contact.contactId;
    } else if (fromEmailDomain) {
      match = 'emailDomain';
      accountId = fromEmailDomain;
    } else if (fromDomain) {
      match = 'domain';
      accountId = fromDomain;
    }
    const duplicate = existing.has(record.importKey) || seen.has(record.importKey);
    seen.add(record.importKey);
    summary.matched[match]++;
    summary.lines.push({ line: record.line, match, accountId, duplicate });
    if (duplicate) {
      summary.duplicates++;
      continue;
    }
    rows.push({
      org_id: actor.orgId,
      source: record.source,
      text: record.text,
      account_id: accountId,
      contact_id: contactId,
      occurred_at: record.date,
      rating: record.rating,
      author_email: record.authorEmail,
      import_key: record.importKey,
    });
  }
  if (options.dryRun) {
    summary.imported = rows.length;
    return summary;
  }
  for (const part of chunks(rows)) {
    const inserted = await trx
      .insertInto('comments')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['org_id', 'import_key']).where('import_key', 'is not', null).doNothing(),
      )
      .returning('comment_id')
      .execute();
    summary.imported += inserted.length;
    // A concurrent import of the same file may have stored some first.
    summary.duplicates += part.length - inserted.length;
  }
  await recordAudit(trx, actor, 'feedback.import', null, {
    file: options.file ?? null,
    received: summary.received,
    imported: summary.imported,
    duplicates: summary.duplicates,
    matched: summary.matched,
  });
  return summary;
}
