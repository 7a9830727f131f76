import { recordAudit } from '../audit/record.ts';
import { type Database, transaction } from '../db/database.ts';
import { Problem } from '../http/problem.ts';
import type { Actor } from '../policies/actor.ts';
import { inScope } from '../policies/scope.ts';
import type { Acting } from './acting.ts';
import { announce } from './announce.ts';
import { dueDates, nextEscalationAt } from './escalation.ts';

/** The service levels of a case a person opens (a rule sets its own). */
export const MANUAL_SLA = { firstContactHours: 24, resolutionDays: 5 };
const CHANNELS = ['inbox', 'email', 'webhook'];

export interface ManualCase {
  responseId: string;
  /** The comment it was opened from, when there is one (it must belong to the response). */
  commentId?: string;
  title?: string;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  /** Defaults to the person opening it. */
  ownerUserId?: string;
  idempotencyKey?: string;
}

const invalid = (field: string, detail: string, message: string) =>
  new Problem(400, 'Invalid request', detail, [{ field, message }]);

/**
 * Opens a case by hand for a response in the actor's scope: no alert rule, owned by the person who
 * opens it unless they name a colleague. Audited, put on the case's timeline and announced like a
 * rule's case; a repeated Idempotency-Key returns the case it opened the first time.
 */
export async function openCase(
  database: Database,
  acting: Acting,
  actor: Actor,
  input: ManualCase,
): Promise<{ caseId: string; created: boolean }> {
  return transaction(database, async (trx) => {
    if (input.idempotencyKey) {
      const earlier = await trx
        .selectFrom('cases')
        .select('case_id')
        .where('org_id', '=', actor.orgId)
        .where('idempotency_key', '=', input.idempotencyKey)
        .executeTakeFirst();
      if (earlier) return { caseId: earlier.case_id, created: false };
    }
    const response = await inScope(
      trx
        .selectFrom('responses')
        .leftJoin('accounts', (j) =>
          j
            .onRef('accounts.org_id', '=', 'responses.org_id')
            .onRef('accounts.account_id', '=', 'responses.account_id'),
        )
        .select([
          'responses.response_id',
          'responses.unit_id',
          'responses.account_id',
          'responses.contact_id',
          'accounts.name as account_name',
        ]),
      actor,
      'responses',
    )
      .where('responses.response_id', '=', input.responseId)
      .executeTakeFirst();
    if (!response) throw invalid('body.responseId', 'No such response in your scope.', 'Unknown response');
    if (input.commentId) {
      const comment = await trx
        .selectFrom('comments')
        .select('comment_id')
        .where('org_id', '=', actor.orgId)
        .where('comment_id', '=', input.commentId)
        .where('response_id', '=', input.responseId)
        .executeTakeFirst();
      if (!comment)
        throw invalid('body.commentId', 'That comment is not part of the response.', 'Unknown comment');
    }
    const ownerUserId = input.ownerUserId ?? actor.userId;
    if (input.ownerUserId) {
      const member = await trx
        .selectFrom('memberships')
        .select('user_id')
        .where('org_id', '=', actor.orgId)
        .where('user_id', '=', input.ownerUserId)
        .executeTakeFirst();
      if (!member) throw invalid('body.ownerUserId', 'No such user.', 'Not a member of this organisation');
    }
    const now = acting.now();
    const due = dueDates(now, MANUAL_SLA);
    const title =
      input.title ??
      (response.account_name ? `Follow-up: ${response.account_name}` : 'Follow-up on feedback');
    const opened = await trx
      .insertInto('cases')
      .values({
        org_id: actor.orgId,
        rule_id: null,
        response_id: response.response_id,
        title,
        priority: input.priority,
        unit_id: response.unit_id,
        account_id: response.account_id,
        contact_id: response.contact_id,
        owner_user_id: ownerUserId,
        queue: ownerUserId ? null : 'cx-team',
        owner_reason: input.ownerUserId ? 'assigned_by_user' : 'opened_by_user',
        channels: CHANNELS,
        escalation_step_hours: MANUAL_SLA.firstContactHours,
        first_contact_due_at: due.firstContactDueAt,
        resolution_due_at: due.resolutionDueAt,
        next_escalation_at: nextEscalationAt(
          { status: 'new', ...due, firstContactedAt: null, lastEscalatedAt: null },
          MANUAL_SLA.firstContactHours,
        ),
        idempotency_key: input.idempotencyKey ?? null,
      })
      .returning('case_id')
      .executeTakeFirstOrThrow();
    const details = { responseId: response.response_id, commentId: input.commentId ?? null };
    await trx
      .insertInto('case_entries')
      .values({
        org_id: actor.orgId,
        case_id: opened.case_id,
        kind: 'opened',
        body: '',
        details: JSON.stringify(details),
        author_user_id: actor.userId,
      })
      .execute();
    await recordAudit(trx, actor, 'case.open', { type: 'case', id: opened.case_id }, details);
    await announce(trx, acting, {
      orgId: actor.orgId,
      caseId: opened.case_id,
      type: 'case.created',
      // Those who opened a case for themselves need not be told they did.
      recipients: [ownerUserId].filter((id) => id !== actor.userId),
      title,
      channels: CHANNELS,
      data: {
        caseId: opened.case_id,
        ruleId: null,
        responseId: response.response_id,
        priority: input.priority,
        ownerUserId,
        queue: ownerUserId ? null : 'cx-team',
        unitId: response.unit_id,
        accountId: response.account_id,
      },
    });
    return { caseId: opened.case_id, created: true };
  });
}
