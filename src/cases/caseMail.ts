import { sql } from 'kysely';
import { type Database, transaction } from '../db/database.ts';
import { declareQueue, type PgBoss } from '../db/jobs.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { Acting } from './acting.ts';
import type { CaseEvent } from './announce.ts';
import { caseMessage } from './caseMessages.ts';
import { checkbackEmail, checkbackLink } from './checkback.ts';

/** Emails staff about a case event (enqueued by announce() in the case's transaction). */
export const CASE_MAIL_QUEUE = declareQueue('case-mail');
/** Emails the customer the check-back question once the case is resolved. */
export const CHECKBACK_QUEUE = declareQueue('case-checkback');

export interface CaseMailJob {
  orgId: string;
  caseId: string;
  type: CaseEvent;
  userIds: string[];
}

export async function sendCaseMail(
  database: Database,
  mailer: Mailer,
  publicUrl: string,
  job: CaseMailJob,
): Promise<number> {
  const { rows } = await sql<{
    title: string;
    priority: string;
    status: string;
    account_name: string | null;
    first_contact_due_at: Date;
    resolution_due_at: Date;
    comment: string;
  }>`select c.title, c.priority, c.status, a.name as account_name, c.first_contact_due_at, c.resolution_due_at,
      coalesce((select string_agg(m.text, E'\n') from comments m where m.org_id = c.org_id and m.response_id = c.response_id), '') as comment
    from cases c left join accounts a on a.org_id = c.org_id and a.account_id = c.account_id
    where c.org_id = ${job.orgId} and c.case_id = ${job.caseId}`.execute(database.db);
  const found = rows[0];
  if (!found || job.userIds.length === 0) return 0;
  const users = await database.db
    .selectFrom('users')
    .select('email')
    .where('org_id', '=', job.orgId)
    .where('user_id', 'in', job.userIds)
    .execute();
  const message = caseMessage({
    type: job.type,
    title: found.title,
    priority: found.priority,
    status: found.status,
    accountName: found.account_name,
    comment: found.comment,
    firstContactDueAt: new Date(found.first_contact_due_at),
    resolutionDueAt: new Date(found.resolution_due_at),
    caseUrl: new URL(`/api/v1/cases/${job.caseId}`, publicUrl).toString(),
  });
  for (const user of users) await mailer.send({ to: user.email, ...message });
  return users.length;
}

/**
 * Sends the check-back to the case's contact, unless they opted out or gave no consent; records when
 * it was sent. A retry after the send but before the record may send it twice; a repeat answer is harmless.
 */
export async function sendCheckback(
  database: Database,
  mailer: Mailer,
  acting: Acting,
  job: { orgId: string; caseId: string },
): Promise<boolean> {
  const row = await database.db
    .selectFrom('cases')
    .innerJoin('organisations', 'organisations.org_id', 'cases.org_id')
    .innerJoin('contacts', (join) =>
      join
        .onRef('contacts.org_id', '=', 'cases.org_id')
        .onRef('contacts.contact_id', '=', 'cases.contact_id'),
    )
    .select([
      'organisations.name as organisation',
      'organisations.signing_key',
      'contacts.email',
      'contacts.first_name',
      'contacts.language',
      'contacts.consent',
      'contacts.opted_out_at',
      'cases.status',
    ])
    .where('cases.org_id', '=', job.orgId)
    .where('cases.case_id', '=', job.caseId)
    .executeTakeFirst();
  if (!row?.consent || row.opted_out_at || row.status !== 'resolved') return false;
  const link = (answer: 'yes' | 'no') =>
    checkbackLink(acting.publicUrl, row.signing_key, job.orgId, job.caseId, answer);
  const message = checkbackEmail({
    language: row.language,
    firstName: row.first_name,
    organisationName: row.organisation,
    yesUrl: link('yes'),
    noUrl: link('no'),
  });
  await mailer.send({ to: row.email, ...message });
  await transaction(database, (trx) =>
    trx
      .updateTable('cases')
      .set({ checkback_sent_at: acting.now() })
      .where('org_id', '=', job.orgId)
      .where('case_id', '=', job.caseId)
      .execute(),
  );
  return true;
}

/** Works both mail queues in this process. */
export async function startCaseMailWork(
  jobs: PgBoss,
  database: Database,
  mailer: Mailer,
  acting: Acting,
  options: { pollingIntervalSeconds?: number } = {},
): Promise<void> {
  const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1, batchSize: 5 };
  await jobs.work<CaseMailJob>(CASE_MAIL_QUEUE, polling, async (batch) => {
    for (const job of batch) await sendCaseMail(database, mailer, acting.publicUrl, job.data);
  });
  await jobs.work<{ orgId: string; caseId: string }>(CHECKBACK_QUEUE, polling, async (batch) => {
    for (const job of batch) await sendCheckback(database, mailer, acting, job.data);
  });
}
