import { sql } from 'kysely';
import { type Database, transaction } from '../db/database.ts';
import { type FieldError, Problem } from '../http/problem.ts';
import { planInvitations, type RuleOutcome } from '../invitations/planInvitations.ts';
import type { Actor } from '../policies/actor.ts';
import { unitInScope } from '../policies/scope.ts';

export interface EventInput {
  type: string;
  occurredAt: Date;
  contactId?: string;
  contactEmail?: string;
  contactExternalId?: string;
  accountId?: string;
  accountExternalId?: string;
  /** A touchpoint id, or its key. */
  touchpoint?: string;
  attributes: Record<string, unknown>;
  idempotencyKey: string | null;
}

export interface RecordedEvent {
  eventId: string;
  created: boolean;
  decisions: RuleOutcome[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function earlier(database: Database, orgId: string, key: string): Promise<RecordedEvent | null> {
  const row = await database.db
    .selectFrom('crm_events')
    .select(['event_id', 'decision'])
    .where('org_id', '=', orgId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return row ? { eventId: row.event_id, created: false, decisions: row.decision as RuleOutcome[] } : null;
}

/**
 * Stores an event from the CRM and lets the distribution rules decide on invitations, in one
 * transaction: the event, its decisions, the invitations, their tokens and their send jobs commit
 * together or not at all. A repeated Idempotency-Key answers with the first event. Unknown
 * contacts, accounts and touchpoints are refused, each naming its field.
 */
export async function recordEvent(
  database: Database,
  actor: Actor,
  input: EventInput,
  now: Date = new Date(),
): Promise<RecordedEvent> {
  const orgId = actor.orgId;
  if (input.idempotencyKey) {
    const first = await earlier(database, orgId, input.idempotencyKey);
    if (first) return first;
  }
  const { db } = database;
  const errors: FieldError[] = [];
  let contact: { contact_id: string; account_id: string } | undefined;
  const contactField = input.contactId
    ? 'contactId'
    : input.contactEmail
      ? 'contactEmail'
      : 'contactExternalId';
  if (input.contactId || input.contactEmail || input.contactExternalId) {
    let query = db.selectFrom('contacts').select(['contact_id', 'account_id']).where('org_id', '=', orgId);
    if (input.contactId) query = query.where('contact_id', '=', input.contactId);
    else if (input.contactEmail)
      query = query.where(sql`lower(email)`, '=', input.contactEmail.toLowerCase());
    else query = query.where('external_id', '=', input.contactExternalId!);
    contact = await query.executeTakeFirst();
    if (!contact) errors.push({ field: `body.${contactField}`, message: 'Unknown contact' });
  }
  let accountId = contact?.account_id ?? null;
  if (input.accountId || input.accountExternalId) {
    const field = input.accountId ? 'body.accountId' : 'body.accountExternalId';
    let query = db
      .selectFrom('accounts')
      .leftJoin('org_units', (j) =>
        j
          .onRef('org_units.org_id', '=', 'accounts.org_id')
          .onRef('org_units.unit_id', '=', 'accounts.unit_id'),
      )
      .select(['accounts.account_id', 'org_units.path'])
      .where('accounts.org_id', '=', orgId);
    query = input.accountId
      ? query.where('accounts.account_id', '=', input.accountId)
      : query.where('accounts.external_id', '=', input.accountExternalId!);
    const account = await query.executeTakeFirst();
    if (!account || !unitInScope(actor, account.path)) errors.push({ field, message: 'Unknown account' });
    else if (contact && contact.account_id !== account.account_id)
      errors.push({ field, message: 'The contact belongs to another account' });
    else accountId = account.account_id;
  } else if (accountId && actor.unitPath) {
    const unit = await db
      .selectFrom('accounts')
      .leftJoin('org_units', (j) =>
        j
          .onRef('org_units.org_id', '=', 'accounts.org_id')
          .onRef('org_units.unit_id', '=', 'accounts.unit_id'),
      )
      .select('org_units.path')
      .where('accounts.org_id', '=', orgId)
      .where('accounts.account_id', '=', accountId)
      .executeTakeFirst();
    if (!unitInScope(actor, unit?.path ?? null))
      errors.push({ field: `body.${contactField}`, message: 'Unknown contact' });
  }
  let touchpointId: string | null = null;
  if (input.touchpoint) {
    const touchpoint = await db
      .selectFrom('touchpoints')
      .select('touchpoint_id')
      .where('org_id', '=', orgId)
      .where((w) =>
        UUID.test(input.touchpoint!)
          ? w.or([w('touchpoint_id', '=', input.touchpoint!), w('key', '=', input.touchpoint!)])
          : w('key', '=', input.touchpoint!),
      )
      .executeTakeFirst();
    if (!touchpoint) errors.push({ field: 'body.touchpoint', message: 'Unknown touchpoint' });
    else touchpointId = touchpoint.touchpoint_id;
  }
  if (errors.length)
    throw new Problem(422, 'Unknown references', 'The event names something Rapport does not know.', errors);

  try {
    return await transaction(database, async (trx) => {
      const inserted = await trx
        .insertInto('crm_events')
        .values({
          org_id: orgId,
          type: input.type,
          occurred_at: input.occurredAt,
          received_at: now,
          contact_id: contact?.contact_id ?? null,
          account_id: accountId,
          touchpoint_id: touchpointId,
          attributes: JSON.stringify(input.attributes),
          idempotency_key: input.idempotencyKey,
        })
        .returning('event_id')
        .executeTakeFirstOrThrow();
      const decisions = await planInvitations(
        trx,
        {
          orgId,
          eventId: inserted.event_id,
          type: input.type,
          occurredAt: input.occurredAt,
          contactId: contact?.contact_id ?? null,
          accountId,
          touchpointId,
        },
        now,
      );
      await trx
        .updateTable('crm_events')
        .set({ decision: JSON.stringify(decisions) })
        .where('org_id', '=', orgId)
        .where('event_id', '=', inserted.event_id)
        .execute();
      return { eventId: inserted.event_id, created: true, decisions };
    });
  } catch (error) {
    // A concurrent retry with the same key committed first: answer with its event.
    if ((error as { code?: string }).code === '23505' && input.idempotencyKey) {
      const first = await earlier(database, orgId, input.idempotencyKey);
      if (first) return first;
    }
    throw error;
  }
}
