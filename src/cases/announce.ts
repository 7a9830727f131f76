import type { Transaction } from 'kysely';
import { jobsIn } from '../db/jobs.ts';
import type { Schema } from '../db/schema.ts';
import type { Acting } from './acting.ts';

export const CASE_EVENTS = [
  'case.created',
  'case.updated',
  'case.escalated',
  'case.resolved',
  'case.reopened',
  'case.closed',
] as const;
export type CaseEvent = (typeof CASE_EVENTS)[number];

/** The job that emails staff about a case event. */
export const CASE_MAIL_QUEUE = 'case-mail';

export interface CaseAnnouncement {
  orgId: string;
  caseId: string;
  type: CaseEvent;
  /** Staff to tell (owner, watchers, the manager escalated to); duplicates are dropped. */
  recipients: (string | null)[];
  title: string;
  channels: readonly string[];
  /** The webhook payload's data. */
  data: Record<string, unknown>;
}

/**
 * Tells people about a case event through the rule's channels, inside the transaction that made
 * the change: inbox rows (streamed live), an email job, and a webhook event all commit or roll back
 * with it.
 */
export async function announce(
  trx: Transaction<Schema>,
  acting: Acting,
  announcement: CaseAnnouncement,
): Promise<void> {
  const recipients = [...new Set(announcement.recipients.filter((id): id is string => Boolean(id)))];
  if (recipients.length && announcement.channels.includes('inbox')) {
    await trx
      .insertInto('inbox_events')
      .values(
        recipients.map((userId) => ({
          org_id: announcement.orgId,
          user_id: userId,
          kind: announcement.type,
          case_id: announcement.caseId,
          title: announcement.title,
        })),
      )
      .execute();
  }
  if (recipients.length && announcement.channels.includes('email') && acting.jobs) {
    await acting.jobs.send(
      CASE_MAIL_QUEUE,
      {
        orgId: announcement.orgId,
        caseId: announcement.caseId,
        type: announcement.type,
        userIds: recipients,
      },
      { db: jobsIn(trx), retryLimit: 5, retryBackoff: true },
    );
  }
}
