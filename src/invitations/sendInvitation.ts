import { sql, type Transaction } from 'kysely';
import { type Database, transaction } from '../db/database.ts';
import { enqueueIn } from '../db/jobs.ts';
import type { Schema } from '../db/schema.ts';
import type { Mailer } from '../mail/mailer.ts';
import { derivedPersonalToken } from '../surveys/surveyLinks.ts';
import { INVITATION_SEND_QUEUE, type SendJob } from './planInvitations.ts';
import { renderInvitation } from './templates.ts';
import { unsubscribeToken } from './unsubscribeToken.ts';

export interface SendContext {
  database: Database;
  mailer: Mailer;
  publicUrl: string;
}

export type SendOutcome = 'sent' | 'skipped' | 'responded' | 'cancelled' | 'failed' | 'retrying';

/** A transient SMTP failure is tried again this many times in all, waiting 1, 2, 4… minutes. */
export const MAX_SEND_ATTEMPTS = 5;

/**
 * Sends an invitation (reminder 0) or its n-th reminder when its job comes due. Nothing goes out to
 * someone who has answered, opted out, withdrawn consent or whose address is suppressed, nor for a
 * closed survey; a job that runs twice finds the work done and skips. After a send the next
 * reminder, if the rule wants one, is enqueued for `reminder_after_days` later.
 */
export async function sendInvitation(
  context: SendContext,
  job: SendJob,
  now: Date = new Date(),
): Promise<SendOutcome> {
  const { database } = context;
  const row = await database.db
    .selectFrom('invitations as i')
    .innerJoin('contacts as c', (j) =>
      j.onRef('c.org_id', '=', 'i.org_id').onRef('c.contact_id', '=', 'i.contact_id'),
    )
    .innerJoin('surveys as s', (j) =>
      j.onRef('s.org_id', '=', 'i.org_id').onRef('s.survey_id', '=', 'i.survey_id'),
    )
    .innerJoin('organisations as o', 'o.org_id', 'i.org_id')
    .innerJoin('survey_tokens as t', (j) =>
      j.onRef('t.org_id', '=', 'i.org_id').onRef('t.token_hash', '=', 'i.token_hash'),
    )
    .leftJoin('accounts as a', (j) =>
      j.onRef('a.org_id', '=', 'i.org_id').onRef('a.account_id', '=', 'i.account_id'),
    )
    .leftJoin('distribution_rules as r', (j) =>
      j.onRef('r.org_id', '=', 'i.org_id').onRef('r.rule_id', '=', 'i.rule_id'),
    )
    .leftJoin('email_suppressions as x', (j) =>
      j.onRef('x.org_id', '=', 'i.org_id').on('x.email', '=', sql<string>`lower(i.email)`),
    )
    .select([
      'i.status',
      'i.email',
      'i.language',
      'i.reminders_sent',
      'c.first_name',
      'c.last_name',
      'c.consent',
      'c.opted_out_at',
      's.name as survey_name',
      's.status as survey_status',
      'o.name as organisation_name',
      'o.signing_key',
      't.used_at',
      'a.name as account_name',
      'r.reminder_after_days',
      'r.max_reminders',
      'r.templates',
      'x.reason as suppressed',
    ])
    .where('i.org_id', '=', job.orgId)
    .where('i.invitation_id', '=', job.invitationId)
    .executeTakeFirst();
  if (!row) return 'skipped';
  const wanted = job.reminder === 0 ? 'queued' : 'sent';
  if (row.status !== wanted || (job.reminder > 0 && row.reminders_sent >= job.reminder)) return 'skipped';

  const settle = (status: 'responded' | 'cancelled' | 'failed', error: string | null) =>
    database.db
      .updateTable('invitations')
      .set({
        status,
        error,
        claimed_until: null,
        ...(status === 'responded' ? { responded_at: row.used_at } : {}),
      })
      .where('org_id', '=', job.orgId)
      .where('invitation_id', '=', job.invitationId)
      .where('status', '=', wanted)
      .execute();
  if (row.used_at) {
    await settle('responded', null);
    return 'responded';
  }
  const stop = !row.consent
    ? 'The contact has not consented.'
    : row.opted_out_at
      ? 'The contact opted out.'
      : row.suppressed
        ? `The address is suppressed (${row.suppressed}).`
        : row.survey_status !== 'open'
          ? 'The survey is not open.'
          : null;
  if (stop) {
    // A reminder that should not go out leaves the invitation as sent.
    if (job.reminder === 0) await settle('cancelled', stop);
    return job.reminder === 0 ? 'cancelled' : 'skipped';
  }

  // Claim the send: of two runs of this job at the same moment, only one passes this update. A
  // claim left by a crashed process expires, so the send is not lost either.
  const claim = await database.db
    .updateTable('invitations')
    .set({ claimed_until: sql`now() + interval '10 minutes'`, send_attempts: sql`send_attempts + 1` })
    .where('org_id', '=', job.orgId)
    .where('invitation_id', '=', job.invitationId)
    .where('status', '=', wanted)
    .where('reminders_sent', '<', Math.max(job.reminder, 1))
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', sql<Date>`now()`)]))
    .returning('send_attempts')
    .executeTakeFirst();
  if (!claim) return 'skipped';

  const { token } = derivedPersonalToken(job.orgId, row.signing_key, job.invitationId);
  const surveyLink = new URL(`/s/${token}`, context.publicUrl).toString();
  const unsubscribeLink = new URL(
    `/u/${unsubscribeToken(job.orgId, job.invitationId, row.signing_key)}`,
    context.publicUrl,
  ).toString();
  const mail = renderInvitation(
    row.language,
    {
      firstName: row.first_name,
      lastName: row.last_name,
      accountName: row.account_name ?? '',
      surveyName: row.survey_name,
      senderName: row.organisation_name,
      surveyLink,
      unsubscribeLink,
    },
    { reminder: job.reminder > 0, overrides: row.templates ?? {} },
  );
  let messageId: string;
  try {
    ({ messageId } = await context.mailer.send({
      to: row.email,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: {
        // RFC 2369 and RFC 8058: mail clients offer a one-click unsubscribe that POSTs to the link.
        'List-Unsubscribe': `<${unsubscribeLink}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'X-Rapport-Invitation': job.invitationId,
      },
    }));
  } catch (error) {
    const reason = (error as Error).message.slice(0, 500);
    // 5xx SMTP replies are permanent (the address or the message is refused); anything else
    // (a dropped connection, 4xx) is worth another try later.
    const code = (error as { responseCode?: unknown }).responseCode;
    const permanent = typeof code === 'number' && code >= 500;
    if (permanent || claim.send_attempts >= MAX_SEND_ATTEMPTS) {
      if (job.reminder === 0) await settle('failed', reason);
      else await release(database, job, reason);
      return 'failed';
    }
    await transaction(database, async (trx) => {
      await release(trx, job, reason);
      await enqueueIn(trx, INVITATION_SEND_QUEUE, job, {
        startAfter: new Date(Date.now() + 60_000 * 2 ** (claim.send_attempts - 1)),
      });
    });
    return 'retrying';
  }
  const nextReminder = job.reminder + 1;
  const remind =
    row.reminder_after_days !== null && row.max_reminders !== null && nextReminder <= row.max_reminders;
  await transaction(database, async (trx) => {
    await trx
      .updateTable('invitations')
      .set(
        job.reminder === 0
          ? { status: 'sent', sent_at: now, last_sent_at: now, message_id: messageId, ...sendDone }
          : { reminders_sent: job.reminder, last_sent_at: now, message_id: messageId, ...sendDone },
      )
      .where('org_id', '=', job.orgId)
      .where('invitation_id', '=', job.invitationId)
      .execute();
    if (remind) {
      await enqueueIn(
        trx,
        INVITATION_SEND_QUEUE,
        { orgId: job.orgId, invitationId: job.invitationId, reminder: nextReminder } satisfies SendJob,
        { startAfter: new Date(now.getTime() + row.reminder_after_days! * 86_400_000) },
      );
    }
  });
  return 'sent';
}

const sendDone = { claimed_until: null, send_attempts: 0, error: null };

/** Gives the claim back after a failed attempt, noting why. */
async function release(db: Database | Transaction<Schema>, job: SendJob, reason: string) {
  const executor = 'db' in db ? db.db : db;
  await executor
    .updateTable('invitations')
    .set({ claimed_until: null, error: reason })
    .where('org_id', '=', job.orgId)
    .where('invitation_id', '=', job.invitationId)
    .execute();
}
