import type { Transaction } from 'kysely';
import { recordAudit } from '../audit/record.ts';
import { type Database, transaction } from '../db/database.ts';
import { enqueueIn } from '../db/jobs.ts';
import type { Schema } from '../db/schema.ts';
import { conflict, notFound, Problem } from '../http/problem.ts';
import type { Actor } from '../policies/actor.ts';
import { casesInScope } from '../policies/caseScope.ts';
import type { Acting } from './acting.ts';
import { announce, type CaseEvent } from './announce.ts';
import { CHECKBACK_QUEUE } from './caseMail.ts';
import { type CaseStatus, mayMove, nextStatuses } from './caseStatus.ts';
import { nextEscalationAt } from './escalation.ts';
import { isRootCause } from './rootCauses.ts';

/** Reads a case the actor may see, locked for update inside the transaction. */
async function lockedCase(trx: Transaction<Schema>, actor: Actor, caseId: string) {
  const row = await casesInScope(trx.selectFrom('cases').selectAll(), actor)
    .where('cases.case_id', '=', caseId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('case');
  return row;
}

export interface CaseChange {
  status?: CaseStatus;
  ownerUserId?: string;
  rootCause?: string | null;
  resolution?: string | null;
  firstContactDueAt?: string;
  resolutionDueAt?: string;
}

const STATUS_EVENT: Partial<Record<CaseStatus, CaseEvent>> = {
  resolved: 'case.resolved',
  reopened: 'case.reopened',
  closed: 'case.closed',
};

/**
 * Changes a case: status (through the life cycle only), owner, root cause, resolution, due dates.
 * Audited, recorded on the timeline, announced to owner and watchers; resolving sends the customer
 * the check-back question.
 */
export async function updateCase(
  database: Database,
  acting: Acting,
  actor: Actor,
  caseId: string,
  change: CaseChange,
): Promise<void> {
  await transaction(database, async (trx) => {
    const current = await lockedCase(trx, actor, caseId);
    const now = acting.now();
    const set: Record<string, unknown> = { updated_at: now };
    const from = current.status as CaseStatus;
    let status = from;
    if (change.status && change.status !== from) {
      if (!mayMove(from, change.status)) {
        throw conflict(`A ${from} case cannot become ${change.status}.`, [
          { field: 'body.status', message: `Allowed next: ${nextStatuses(from).join(', ') || 'none'}` },
        ]);
      }
      status = change.status;
      set.status = status;
      if (status === 'resolved') set.resolved_at = now;
      if (status === 'closed') set.closed_at = now;
      if (status === 'reopened') {
        set.resolved_at = null;
        set.closed_at = null;
      }
    }
    if (change.rootCause !== undefined) {
      if (change.rootCause !== null && !isRootCause(change.rootCause)) {
        throw new Problem(400, 'Invalid request', 'Unknown root cause.', [
          { field: 'body.rootCause', message: 'Not a code of the root-cause codeframe' },
        ]);
      }
      set.root_cause = change.rootCause;
    }
    if (change.resolution !== undefined) set.resolution = change.resolution;
    if (status === 'resolved' && from !== 'resolved' && !(change.resolution ?? current.resolution)) {
      throw new Problem(400, 'Invalid request', 'Say how the case was resolved.', [
        { field: 'body.resolution', message: 'Required to resolve a case' },
      ]);
    }
    if (change.ownerUserId !== undefined && change.ownerUserId !== current.owner_user_id) {
      const member = await trx
        .selectFrom('memberships')
        .select('user_id')
        .where('org_id', '=', actor.orgId)
        .where('user_id', '=', change.ownerUserId)
        .executeTakeFirst();
      if (!member) {
        throw new Problem(400, 'Invalid request', 'No such user.', [
          { field: 'body.ownerUserId', message: 'Not a member of this organisation' },
        ]);
      }
      set.owner_user_id = change.ownerUserId;
      set.queue = null;
    }
    const firstContactDueAt = change.firstContactDueAt
      ? new Date(change.firstContactDueAt)
      : current.first_contact_due_at;
    const resolutionDueAt = change.resolutionDueAt
      ? new Date(change.resolutionDueAt)
      : current.resolution_due_at;
    if (change.firstContactDueAt) set.first_contact_due_at = firstContactDueAt;
    if (change.resolutionDueAt) set.resolution_due_at = resolutionDueAt;
    set.next_escalation_at = nextEscalationAt(
      {
        status,
        firstContactDueAt,
        resolutionDueAt,
        firstContactedAt: current.first_contacted_at,
        lastEscalatedAt: current.last_escalated_at,
      },
      current.escalation_step_hours,
    );
    await trx
      .updateTable('cases')
      .set(set)
      .where('org_id', '=', actor.orgId)
      .where('case_id', '=', caseId)
      .execute();
    const changed = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
    await trx
      .insertInto('case_entries')
      .values({
        org_id: actor.orgId,
        case_id: caseId,
        kind: status !== from ? 'status' : 'update',
        body: status !== from ? `${from} → ${status}` : '',
        details: JSON.stringify(changed),
        author_user_id: actor.userId,
      })
      .execute();
    await recordAudit(trx, actor, 'case.update', { type: 'case', id: caseId }, changed);
    const watchers = await watchersOf(trx, actor.orgId, caseId);
    const ownerUserId = (set.owner_user_id as string | undefined) ?? current.owner_user_id;
    await announce(trx, acting, {
      orgId: actor.orgId,
      caseId,
      type: (status !== from && STATUS_EVENT[status]) || 'case.updated',
      recipients: [ownerUserId, ...watchers].filter((id) => id !== actor.userId),
      title: current.title,
      channels: current.channels,
      data: { caseId, status, ownerUserId, changes: changed },
    });
    if (status === 'resolved' && from !== 'resolved' && current.contact_id && acting.jobs) {
      await enqueueIn(
        trx,
        CHECKBACK_QUEUE,
        { orgId: actor.orgId, caseId },
        { retryLimit: 5, retryBackoff: true },
      );
    }
  });
}

export async function watchersOf(trx: Transaction<Schema>, orgId: string, caseId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('case_watchers')
    .select('user_id')
    .where('org_id', '=', orgId)
    .where('case_id', '=', caseId)
    .execute();
  return rows.map((r) => r.user_id);
}

export const ENTRY_KINDS = ['note', 'call', 'email', 'action'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/**
 * Adds a note, a logged call or email with the customer, or an action taken. The first call or
 * email counts as first contact (the SLA then moves on to resolution). The body is untrusted text,
 * stored as written and escaped wherever it is shown. A repeated Idempotency-Key adds nothing.
 */
export async function addCaseEntry(
  database: Database,
  acting: Acting,
  actor: Actor,
  caseId: string,
  entry: { kind: EntryKind; body: string; direction?: 'inbound' | 'outbound'; idempotencyKey?: string },
): Promise<{ entryId: string; created: boolean }> {
  return transaction(database, async (trx) => {
    const current = await lockedCase(trx, actor, caseId);
    const inserted = await trx
      .insertInto('case_entries')
      .values({
        org_id: actor.orgId,
        case_id: caseId,
        kind: entry.kind,
        body: entry.body,
        details: JSON.stringify(entry.direction ? { direction: entry.direction } : {}),
        author_user_id: actor.userId,
        idempotency_key: entry.idempotencyKey ?? null,
      })
      .onConflict((oc) =>
        oc
          .columns(['org_id', 'case_id', 'idempotency_key'])
          .where('idempotency_key', 'is not', null)
          .doNothing(),
      )
      .returning('entry_id')
      .executeTakeFirst();
    if (!inserted) {
      const earlier = await trx
        .selectFrom('case_entries')
        .select('entry_id')
        .where('org_id', '=', actor.orgId)
        .where('case_id', '=', caseId)
        .where('idempotency_key', '=', entry.idempotencyKey ?? '')
        .executeTakeFirstOrThrow();
      return { entryId: earlier.entry_id, created: false };
    }
    const now = acting.now();
    const contact = (entry.kind === 'call' || entry.kind === 'email') && !current.first_contacted_at;
    const status = current.status === 'new' ? 'in_progress' : (current.status as CaseStatus);
    await trx
      .updateTable('cases')
      .set({
        updated_at: now,
        status,
        ...(contact ? { first_contacted_at: now } : {}),
        next_escalation_at: nextEscalationAt(
          {
            status,
            firstContactDueAt: current.first_contact_due_at,
            resolutionDueAt: current.resolution_due_at,
            firstContactedAt: contact ? now : current.first_contacted_at,
            lastEscalatedAt: current.last_escalated_at,
          },
          current.escalation_step_hours,
        ),
      })
      .where('org_id', '=', actor.orgId)
      .where('case_id', '=', caseId)
      .execute();
    await recordAudit(
      trx,
      actor,
      `case.${entry.kind}`,
      { type: 'case', id: caseId },
      { entryId: inserted.entry_id },
    );
    return { entryId: inserted.entry_id, created: true };
  });
}

/** Adds (or removes) a watcher: a member of the organisation who is told about every change. */
export async function setWatcher(
  database: Database,
  actor: Actor,
  caseId: string,
  userId: string,
  watching: boolean,
): Promise<void> {
  await transaction(database, async (trx) => {
    await lockedCase(trx, actor, caseId);
    if (watching) {
      const member = await trx
        .selectFrom('memberships')
        .select('user_id')
        .where('org_id', '=', actor.orgId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      if (!member) {
        throw new Problem(400, 'Invalid request', 'No such user.', [
          { field: 'body.userId', message: 'Not a member of this organisation' },
        ]);
      }
      await trx
        .insertInto('case_watchers')
        .values({ org_id: actor.orgId, case_id: caseId, user_id: userId })
        .onConflict((oc) => oc.doNothing())
        .execute();
    } else {
      await trx
        .deleteFrom('case_watchers')
        .where('org_id', '=', actor.orgId)
        .where('case_id', '=', caseId)
        .where('user_id', '=', userId)
        .execute();
    }
    await recordAudit(
      trx,
      actor,
      watching ? 'case.watch' : 'case.unwatch',
      { type: 'case', id: caseId },
      { userId },
    );
  });
}
