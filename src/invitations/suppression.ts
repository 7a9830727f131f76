import { sql, type Transaction } from 'kysely';
import type { Schema } from '../db/schema.ts';

/**
 * Opts a contact out (the unsubscribe link): the address is suppressed, the contact marked opted
 * out and every invitation not yet sent to them cancelled. Idempotent.
 */
export async function optOut(
  trx: Transaction<Schema>,
  orgId: string,
  contactId: string,
  email: string,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('contacts')
    .set({ opted_out_at: now })
    .where('org_id', '=', orgId)
    .where('contact_id', '=', contactId)
    .where('opted_out_at', 'is', null)
    .execute();
  await suppress(trx, orgId, email, 'unsubscribe', null);
  await trx
    .updateTable('invitations')
    .set({ status: 'cancelled', error: 'The contact opted out.' })
    .where('org_id', '=', orgId)
    .where('contact_id', '=', contactId)
    .where('status', '=', 'queued')
    .execute();
}

/** Puts an address on the suppression list (the first reason stays). */
export async function suppress(
  trx: Transaction<Schema>,
  orgId: string,
  email: string,
  reason: 'bounce' | 'complaint' | 'unsubscribe',
  details: string | null,
): Promise<void> {
  await trx
    .insertInto('email_suppressions')
    .values({ org_id: orgId, email: email.toLowerCase(), reason, details })
    .onConflict((oc) => oc.columns(['org_id', 'email']).doNothing())
    .execute();
}

/**
 * A bounce or complaint reported by the mail provider: the address is suppressed, the invitation
 * (by message id, else the latest sent to the address) takes the status, queued ones to the address
 * are cancelled, and a complaint also opts the contact out. Returns the invitation marked, if any.
 */
export async function recordMailFeedback(
  trx: Transaction<Schema>,
  orgId: string,
  feedback: { kind: 'bounce' | 'complaint'; email: string; messageId?: string; detail?: string },
  now: Date,
): Promise<string | null> {
  const email = feedback.email.toLowerCase();
  await suppress(trx, orgId, email, feedback.kind, feedback.detail ?? null);
  let target = trx
    .selectFrom('invitations')
    .select(['invitation_id', 'contact_id'])
    .where('org_id', '=', orgId)
    .where(sql`lower(email)`, '=', email)
    .where('status', 'in', ['sent', 'bounced', 'complained', 'responded']);
  if (feedback.messageId) target = target.where('message_id', '=', feedback.messageId);
  const invitation = await target.orderBy('last_sent_at', 'desc').limit(1).executeTakeFirst();
  if (invitation) {
    await trx
      .updateTable('invitations')
      .set({
        status: feedback.kind === 'bounce' ? 'bounced' : 'complained',
        error: feedback.detail ?? null,
      })
      .where('org_id', '=', orgId)
      .where('invitation_id', '=', invitation.invitation_id)
      .execute();
  }
  await trx
    .updateTable('invitations')
    .set({ status: 'cancelled', error: `The address is suppressed (${feedback.kind}).` })
    .where('org_id', '=', orgId)
    .where(sql`lower(email)`, '=', email)
    .where('status', '=', 'queued')
    .execute();
  if (feedback.kind === 'complaint') {
    await trx
      .updateTable('contacts')
      .set({ opted_out_at: now })
      .where('org_id', '=', orgId)
      .where(sql`lower(email)`, '=', email)
      .where('opted_out_at', 'is', null)
      .execute();
  }
  return invitation?.invitation_id ?? null;
}
