import { sql } from 'kysely';
import { nearestManagers } from '../alerts/ownerResolution.ts';
import { recordAudit } from '../audit/record.ts';
import { type Database, transaction } from '../db/database.ts';
import { declareQueue, type PgBoss } from '../db/jobs.ts';
import type { Acting } from './acting.ts';
import { announce } from './announce.ts';
import type { CaseStatus } from './caseStatus.ts';
import { escalationTarget, nextEscalationAt } from './escalation.ts';

export interface Escalation {
  caseId: string;
  level: number;
  toUserId: string | null;
}

/**
 * Escalates every open case whose escalation time has come (on the acting clock): to the next
 * manager above the owner, up the unit hierarchy, who becomes a watcher and is notified. Cases are
 * claimed with SKIP LOCKED, so several processes may run this at once.
 */
export async function escalateOverdueCases(
  database: Database,
  acting: Acting,
  limit = 200,
): Promise<Escalation[]> {
  const now = acting.now();
  return transaction(database, async (trx) => {
    const due = await trx
      .selectFrom('cases')
      .selectAll()
      .where('next_escalation_at', '<=', now)
      .where('status', 'not in', ['resolved', 'closed'])
      .orderBy('next_escalation_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    const escalations: Escalation[] = [];
    const managersByOrg = new Map<string, { unitPath: string; userId: string }[]>();
    for (const c of due) {
      let managers = managersByOrg.get(c.org_id);
      if (!managers) {
        managers = await trx
          .selectFrom('memberships')
          .innerJoin('org_units', (join) =>
            join
              .onRef('org_units.org_id', '=', 'memberships.org_id')
              .onRef('org_units.unit_id', '=', 'memberships.unit_id'),
          )
          .select(['org_units.path as unitPath', 'memberships.user_id as userId'])
          .where('memberships.org_id', '=', c.org_id)
          .where('memberships.role', '=', 'manager')
          .execute();
        managersByOrg.set(c.org_id, managers);
      }
      // The owner's place in the hierarchy; a queued case (or an owner without a unit) climbs from the case's unit.
      const { rows } = await sql<{ path: string | null }>`
        select coalesce(
          (select u.path from memberships m join org_units u on u.org_id = m.org_id and u.unit_id = m.unit_id
            where m.org_id = ${c.org_id} and m.user_id = ${c.owner_user_id}),
          (select u.path from org_units u where u.org_id = ${c.org_id} and u.unit_id = ${c.unit_id})
        ) as path`.execute(trx);
      const chain = nearestManagers(rows[0]?.path ?? null, managers);
      const target = escalationTarget(chain, c.owner_user_id, c.escalation_level);
      const level = c.escalation_level + 1;
      await trx
        .updateTable('cases')
        .set({
          escalation_level: level,
          escalated_to_user_id: target ?? c.escalated_to_user_id,
          last_escalated_at: now,
          updated_at: now,
          next_escalation_at: nextEscalationAt(
            {
              status: c.status as CaseStatus,
              firstContactDueAt: c.first_contact_due_at,
              resolutionDueAt: c.resolution_due_at,
              firstContactedAt: c.first_contacted_at,
              lastEscalatedAt: now,
            },
            c.escalation_step_hours,
          ),
        })
        .where('org_id', '=', c.org_id)
        .where('case_id', '=', c.case_id)
        .execute();
      if (target) {
        await trx
          .insertInto('case_watchers')
          .values({ org_id: c.org_id, case_id: c.case_id, user_id: target })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      const reason = c.first_contacted_at ? 'resolution overdue' : 'first contact overdue';
      await trx
        .insertInto('case_entries')
        .values({
          org_id: c.org_id,
          case_id: c.case_id,
          kind: 'escalation',
          body: target ? `Escalated (${reason})` : `Overdue (${reason}); no manager left above`,
          details: JSON.stringify({ level, toUserId: target }),
          author_user_id: null,
        })
        .execute();
      await recordAudit(
        trx,
        { orgId: c.org_id, userId: null, tokenId: null },
        'case.escalate',
        { type: 'case', id: c.case_id },
        {
          level,
          toUserId: target,
          reason,
        },
      );
      await announce(trx, acting, {
        orgId: c.org_id,
        caseId: c.case_id,
        type: 'case.escalated',
        recipients: [target, c.owner_user_id],
        title: c.title,
        channels: c.channels,
        data: { caseId: c.case_id, level, escalatedToUserId: target, ownerUserId: c.owner_user_id, reason },
      });
      escalations.push({ caseId: c.case_id, level, toUserId: target });
    }
    return escalations;
  });
}

export const ESCALATION_QUEUE = declareQueue('cases-escalate');

/**
 * Runs escalation every minute through a pg-boss schedule: the schedule lives in the database, so it
 * survives restarts, and pg-boss runs each tick once whichever process picks it up.
 */
export async function scheduleEscalation(jobs: PgBoss, database: Database, acting: Acting): Promise<void> {
  await jobs.createQueue(ESCALATION_QUEUE);
  await jobs.schedule(ESCALATION_QUEUE, '* * * * *');
  await jobs.work(ESCALATION_QUEUE, async () => {
    await escalateOverdueCases(database, acting);
  });
}
