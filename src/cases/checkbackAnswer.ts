import { recordAudit } from '../audit/record.ts';
import { type Database, transaction } from '../db/database.ts';
import type { Acting } from './acting.ts';
import { announce } from './announce.ts';
import { watchersOf } from './caseActions.ts';
import { type CaseStatus, mayMove } from './caseStatus.ts';
import { nextEscalationAt } from './escalation.ts';

/**
 * Records the customer's answer to the check-back (the caller has verified the link's signature).
 * "No" reopens a resolved or closed case and tells its owner and watchers; "yes" closes a resolved
 * one. The latest answer counts; each is kept on the timeline.
 */
export async function recordCheckbackAnswer(
  database: Database,
  acting: Acting,
  orgId: string,
  caseId: string,
  answer: 'yes' | 'no',
): Promise<boolean> {
  return transaction(database, async (trx) => {
    const current = await trx
      .selectFrom('cases')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('case_id', '=', caseId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) return false;
    const now = acting.now();
    const from = current.status as CaseStatus;
    const to: CaseStatus | null =
      answer === 'no' && mayMove(from, 'reopened')
        ? 'reopened'
        : answer === 'yes' && from === 'resolved'
          ? 'closed'
          : null;
    const status = to ?? from;
    // A reopened case gets one more escalation step to be put right.
    const reopenedDue = new Date(now.getTime() + current.escalation_step_hours * 3_600_000);
    await trx
      .updateTable('cases')
      .set({
        checkback_answer: answer,
        checkback_answered_at: now,
        updated_at: now,
        status,
        ...(to === 'closed' ? { closed_at: now } : {}),
        ...(to === 'reopened'
          ? {
              resolved_at: null,
              closed_at: null,
              next_escalation_at: nextEscalationAt(
                {
                  status,
                  firstContactDueAt: current.first_contact_due_at,
                  resolutionDueAt: reopenedDue,
                  firstContactedAt: current.first_contacted_at,
                  lastEscalatedAt: null,
                },
                current.escalation_step_hours,
              ),
              resolution_due_at: reopenedDue,
            }
          : {}),
      })
      .where('org_id', '=', orgId)
      .where('case_id', '=', caseId)
      .execute();
    await trx
      .insertInto('case_entries')
      .values({
        org_id: orgId,
        case_id: caseId,
        kind: 'checkback',
        body: answer,
        details: JSON.stringify(to ? { from, to } : {}),
        author_user_id: null,
      })
      .execute();
    await recordAudit(
      trx,
      { orgId, userId: null, tokenId: null },
      'case.checkback',
      { type: 'case', id: caseId },
      {
        answer,
        status,
      },
    );
    if (to) {
      await announce(trx, acting, {
        orgId,
        caseId,
        type: to === 'reopened' ? 'case.reopened' : 'case.closed',
        recipients: [current.owner_user_id, ...(await watchersOf(trx, orgId, caseId))],
        title: current.title,
        channels: current.channels,
        data: { caseId, status, checkbackAnswer: answer },
      });
    }
    return true;
  });
}
