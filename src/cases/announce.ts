import type { Transaction } from 'kysely';
import { enqueueIn } from '../db/jobs.ts';
import type { Schema } from '../db/schema.ts';
import { queueWebhookEvent } from '../webhooks/queueEvent.ts';
import type { Acting } from './acting.ts';
import { CASE_MAIL_QUEUE } from './caseMail.ts';

export const CASE_EVENTS = [
  'case.created',
  'case.updated',
  'case.escalated',
  'case.resolved',
  'case.reopened',
  'case.closed',
] as const;
export type CaseEvent = (typeof CASE_EVENTS)[number];

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
 * the change: inbox rows (streamed live), an email job (queue `case-mail`, see caseMail.ts) and a
 * signed webhook event all commit or roll back with it.
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
    await enqueueIn(
      trx,
      CASE_MAIL_QUEUE,
      {
        orgId: announcement.orgId,
        caseId: announcement.caseId,
        type: announcement.type,
        userIds: recipients,
      },
      { retryLimit: 5, retryBackoff: true },
    );
  }
  if (announcement.channels.includes('webhook')) {
    await queueWebhookEvent(trx, {
      orgId: announcement.orgId,
      type: announcement.type,
      data: announcement.data,
    });
  }
}
