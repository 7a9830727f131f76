import type { Transaction } from 'kysely';
import { enqueueManyIn } from '../db/jobs.ts';
import type { Schema } from '../db/schema.ts';
import { queueWebhookEvents } from '../webhooks/queueEvent.ts';
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
 * Tells people about case events through each rule's channels, inside the transaction that made
 * the change: inbox rows (streamed live), email jobs (queue `case-mail`, see caseMail.ts) and signed
 * webhook events all commit or roll back with it. Many events cost one statement per channel.
 */
export async function announceAll(
  trx: Transaction<Schema>,
  acting: Acting,
  announcements: readonly CaseAnnouncement[],
): Promise<void> {
  const withRecipients = announcements.map((a) => ({
    ...a,
    recipients: [...new Set(a.recipients.filter((id): id is string => Boolean(id)))],
  }));
  const inbox = withRecipients
    .filter((a) => a.channels.includes('inbox'))
    .flatMap((a) =>
      a.recipients.map((userId) => ({
        org_id: a.orgId,
        user_id: userId,
        kind: a.type,
        case_id: a.caseId,
        title: a.title,
      })),
    );
  if (inbox.length) await trx.insertInto('inbox_events').values(inbox).execute();
  const mail = withRecipients.filter((a) => a.recipients.length && a.channels.includes('email'));
  if (mail.length && acting.jobs) {
    await enqueueManyIn(
      trx,
      CASE_MAIL_QUEUE,
      mail.map((a) => ({ data: { orgId: a.orgId, caseId: a.caseId, type: a.type, userIds: a.recipients } })),
    );
  }
  await queueWebhookEvents(
    trx,
    announcements
      .filter((a) => a.channels.includes('webhook'))
      .map((a) => ({ orgId: a.orgId, type: a.type, data: a.data })),
  );
}

export function announce(
  trx: Transaction<Schema>,
  acting: Acting,
  announcement: CaseAnnouncement,
): Promise<void> {
  return announceAll(trx, acting, [announcement]);
}
