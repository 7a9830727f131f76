import { sql, type Transaction } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { insertInvitation } from '../invitations/planInvitations.ts';
import { optOut, recordMailFeedback } from '../invitations/suppression.ts';
import { SeededRandom } from './seededRandom.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** How far back the demo's invitations go, and how many of each outcome it shows. */
const WINDOW_DAYS = 42;
export const DEMO_INVITATIONS = { responded: 24, unanswered: 14, bounced: 2, complained: 1, cancelled: 1 };

/**
 * The relationship survey's last six weeks of e-mail invitations, as if a distribution rule had
 * sent them: each is written by `insertInvitation` (the invitation and its derived personal token,
 * like `planInvitations`), then left as the send, the answer and the mail provider's feedback leave
 * one. No send job is queued and no mail goes out: every invitation is already past its sending.
 * Answered ones are tied to the contact's own demo response (the token used at that moment);
 * bounces and a complaint go through `recordMailFeedback`, an unsubscribe through `optOut`, so the
 * addresses end up suppressed exactly as they would be. Deterministic for a seed and `until`.
 */
export async function createDemoInvitations(
  trx: Transaction<Schema>,
  input: { orgId: string; surveyId: string; until: Date; seed: number },
): Promise<void> {
  const { orgId, surveyId, until } = input;
  // Its own stream of numbers: the responses' stream stays what it was.
  const random = new SeededRandom(input.seed * 7919 + 17);
  const signingKey = (
    await trx
      .selectFrom('organisations')
      .select('signing_key')
      .where('org_id', '=', orgId)
      .executeTakeFirstOrThrow()
  ).signing_key;
  const since = new Date(until.getTime() - WINDOW_DAYS * DAY);
  const answered = await trx
    .selectFrom('responses as r')
    .innerJoin('contacts as c', (j) =>
      j.onRef('c.org_id', '=', 'r.org_id').onRef('c.contact_id', '=', 'r.contact_id'),
    )
    .select(['r.response_id', 'r.submitted_at', 'c.contact_id', 'c.account_id', 'c.email', 'c.language'])
    .where('r.org_id', '=', orgId)
    .where('r.survey_id', '=', surveyId)
    .where('r.status', '=', 'complete')
    .where('r.submitted_at', '>=', since)
    .where('r.submitted_at', '<', until)
    .orderBy('r.submitted_at', 'desc')
    .orderBy('r.response_id')
    .execute();
  const taken = new Set<string>();
  const responded = answered
    .filter((row) => !taken.has(row.contact_id) && taken.add(row.contact_id))
    .slice(0, DEMO_INVITATIONS.responded);
  const others = DEMO_INVITATIONS.unanswered + DEMO_INVITATIONS.bounced + DEMO_INVITATIONS.complained;
  const quiet = await trx
    .selectFrom('contacts')
    .select(['contact_id', 'account_id', 'email', 'language'])
    .where('org_id', '=', orgId)
    .where('opted_out_at', 'is', null)
    .where('consent', '=', true)
    .orderBy('email')
    .orderBy('contact_id')
    .limit(others + DEMO_INVITATIONS.cancelled + taken.size)
    .execute();
  const unanswered = quiet.filter((contact) => !taken.has(contact.contact_id));

  const invite = async (
    contact: { contact_id: string; account_id: string; email: string; language: string },
    sendAt: Date,
    plannedAt: Date = sendAt,
  ) => {
    const invitationId = random.uuid();
    await insertInvitation(trx, {
      orgId,
      invitationId,
      signingKey,
      ruleId: null,
      eventId: null,
      surveyId,
      contactId: contact.contact_id,
      accountId: contact.account_id,
      touchpointId: null,
      email: contact.email,
      language: contact.language === 'it' ? 'it' : 'en',
      sendAt,
      linkValidDays: 30,
      plannedAt,
    });
    return invitationId;
  };
  /** What a send leaves on the invitation (the message id the mail server would have given). */
  const markSent = (invitationId: string, sentAt: Date, reminderAt: Date | null) =>
    trx
      .updateTable('invitations')
      .set({
        status: 'sent',
        sent_at: sentAt,
        last_sent_at: reminderAt ?? sentAt,
        reminders_sent: reminderAt ? 1 : 0,
        message_id: `<${invitationId}@demo.rapport.dev>`,
      })
      .where('org_id', '=', orgId)
      .where('invitation_id', '=', invitationId)
      .execute();

  for (const row of responded) {
    const submittedAt = new Date(row.submitted_at as Date);
    const sentAt = new Date(submittedAt.getTime() - random.integer(2, 60) * HOUR);
    const invitationId = await invite(row, sentAt);
    await markSent(invitationId, sentAt, null);
    // The answer used the invitation's token; the next look at the invitation settled it.
    await sql`update survey_tokens t set used_at = ${submittedAt}, response_id = ${row.response_id}
      from invitations i
      where i.org_id = ${orgId} and i.invitation_id = ${invitationId}
        and t.org_id = i.org_id and t.token_hash = i.token_hash`.execute(trx);
    await trx
      .updateTable('invitations')
      .set({ status: 'responded', responded_at: submittedAt })
      .where('org_id', '=', orgId)
      .where('invitation_id', '=', invitationId)
      .execute();
  }

  // Sent one to twenty days ago at about nine; those older than a week had their reminder.
  const sentDay = (n: number) =>
    new Date(until.getTime() - (1 + n) * DAY + 9 * HOUR + random.integer(0, 59) * 60_000);
  const pending = unanswered.slice(0, others);
  for (const [n, contact] of pending.entries()) {
    const sentAt = sentDay(n % 20);
    const invitationId = await invite(contact, sentAt);
    const reminderAt =
      sentAt.getTime() < until.getTime() - 8 * DAY ? new Date(sentAt.getTime() + 7 * DAY) : null;
    await markSent(invitationId, sentAt, reminderAt);
  }
  const feedback = pending.slice(DEMO_INVITATIONS.unanswered);
  for (const [n, contact] of feedback.entries()) {
    const kind = n < DEMO_INVITATIONS.bounced ? 'bounce' : 'complaint';
    await recordMailFeedback(
      trx,
      orgId,
      {
        kind,
        email: contact.email,
        detail: kind === 'bounce' ? '550 5.1.1 Mailbox unknown (demo)' : 'Reported as spam (demo)',
      },
      new Date(until.getTime() - 12 * HOUR),
    );
  }
  // One contact unsubscribed (from an earlier mail) while their invitation still waited to go out.
  for (const contact of unanswered.slice(others, others + DEMO_INVITATIONS.cancelled)) {
    await invite(contact, new Date(until.getTime() + 2 * DAY), new Date(until.getTime() - DAY));
    await optOut(trx, orgId, contact.contact_id, contact.email, new Date(until.getTime() - 6 * HOUR));
  }
}
