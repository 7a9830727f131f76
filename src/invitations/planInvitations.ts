import { sql, type Transaction } from 'kysely';
import { declareQueue, enqueueIn } from '../db/jobs.ts';
import type { Schema } from '../db/schema.ts';
import {
  type Decision,
  type DistributionRule,
  decideInvitation,
} from '../domain/distribution/decideInvitation.ts';
import { quarterEnd, quarterStart } from '../domain/distribution/quietHours.ts';
import { derivedPersonalToken } from '../surveys/surveyLinks.ts';

/** The pg-boss queue of invitation and reminder sends; a job waits (startAfter) until its send time. */
export const INVITATION_SEND_QUEUE = declareQueue('invitation-send');

export interface SendJob {
  orgId: string;
  invitationId: string;
  /** 0 for the invitation, n for the n-th reminder. */
  reminder: number;
}

export interface PlannedEvent {
  orgId: string;
  eventId: string;
  type: string;
  occurredAt: Date;
  contactId: string | null;
  accountId: string | null;
  touchpointId: string | null;
}

export type RuleOutcome = { ruleId: string; surveyId: string } & (
  | { invited: true; invitationId: string; sendAt: string; language: string }
  | { invited: false; reason: string }
);

export function ruleOf(row: {
  delay_minutes: number;
  default_language: string;
  contact_cap_days: number | null;
  account_cap_per_quarter: number | null;
  quiet_start: string | null;
  quiet_end: string | null;
  timezone: string;
}): DistributionRule {
  return {
    delayMinutes: row.delay_minutes,
    defaultLanguage: row.default_language,
    contactCapDays: row.contact_cap_days,
    accountCapPerQuarter: row.account_cap_per_quarter,
    quietHours: row.quiet_start && row.quiet_end ? { start: row.quiet_start, end: row.quiet_end } : null,
    timeZone: row.timezone,
  };
}

export interface NewInvitation {
  orgId: string;
  invitationId: string;
  /** The organisation's signing key: the personal token is derived from it and the invitation id. */
  signingKey: string;
  ruleId: string | null;
  eventId: string | null;
  surveyId: string;
  contactId: string;
  accountId: string | null;
  touchpointId: string | null;
  email: string;
  language: string;
  sendAt: Date;
  linkValidDays: number;
  /** When it was planned (default: now); the demo writes invitations planned in its past. */
  plannedAt?: Date;
}

/**
 * Writes one invitation and its personal token (derived, never stored: the send and every reminder
 * rebuild the link), queued for `sendAt`. The caller enqueues the send job in the same transaction.
 */
export async function insertInvitation(trx: Transaction<Schema>, invitation: NewInvitation): Promise<void> {
  const { tokenHash } = derivedPersonalToken(
    invitation.orgId,
    invitation.signingKey,
    invitation.invitationId,
  );
  await trx
    .insertInto('survey_tokens')
    .values({
      org_id: invitation.orgId,
      token_hash: tokenHash,
      survey_id: invitation.surveyId,
      contact_id: invitation.contactId,
      account_id: invitation.accountId,
      touchpoint_id: invitation.touchpointId,
      hidden: JSON.stringify({}),
      language: invitation.language,
      expires_at: new Date(invitation.sendAt.getTime() + invitation.linkValidDays * 86_400_000),
      ...(invitation.plannedAt ? { created_at: invitation.plannedAt } : {}),
    })
    .execute();
  await trx
    .insertInto('invitations')
    .values({
      org_id: invitation.orgId,
      invitation_id: invitation.invitationId,
      rule_id: invitation.ruleId,
      event_id: invitation.eventId,
      survey_id: invitation.surveyId,
      contact_id: invitation.contactId,
      account_id: invitation.accountId,
      email: invitation.email,
      language: invitation.language,
      token_hash: tokenHash,
      scheduled_at: invitation.sendAt,
      ...(invitation.plannedAt ? { created_at: invitation.plannedAt } : {}),
    })
    .execute();
}

/**
 * Applies the organisation's enabled rules for the event's type (and touchpoint) in creation order:
 * each decides from what the database holds now, and an invitation it creates counts against the
 * caps of the rules after it. The contact and account rows are locked first, so two events for the
 * same person arriving together cannot both slip under a cap. Each invitation gets its personal
 * survey token and a send job for its send time, all in `trx`.
 */
export async function planInvitations(
  trx: Transaction<Schema>,
  event: PlannedEvent,
  now: Date,
): Promise<RuleOutcome[]> {
  const rules = await trx
    .selectFrom('distribution_rules')
    .selectAll()
    .where('org_id', '=', event.orgId)
    .where('event_type', '=', event.type)
    .where('enabled', '=', true)
    .where((w) =>
      event.touchpointId
        ? w.or([w('touchpoint_id', 'is', null), w('touchpoint_id', '=', event.touchpointId)])
        : w('touchpoint_id', 'is', null),
    )
    .orderBy('created_at')
    .orderBy('rule_id')
    .execute();
  if (rules.length === 0) return [];
  const contact = event.contactId
    ? await trx
        .selectFrom('contacts as c')
        .leftJoin('email_suppressions as s', (j) =>
          j.onRef('s.org_id', '=', 'c.org_id').on('s.email', '=', sql<string>`lower(c.email)`),
        )
        .select([
          'c.contact_id',
          'c.email',
          'c.language',
          'c.consent',
          'c.opted_out_at',
          's.reason as suppressed',
        ])
        .where('c.org_id', '=', event.orgId)
        .where('c.contact_id', '=', event.contactId)
        .forUpdate('c')
        .executeTakeFirst()
    : undefined;
  if (event.accountId) {
    await trx
      .selectFrom('accounts')
      .select('account_id')
      .where('org_id', '=', event.orgId)
      .where('account_id', '=', event.accountId)
      .forUpdate()
      .execute();
  }
  const signingKey = (
    await trx
      .selectFrom('organisations')
      .select('signing_key')
      .where('org_id', '=', event.orgId)
      .executeTakeFirstOrThrow()
  ).signing_key;

  const outcomes: RuleOutcome[] = [];
  for (const row of rules) {
    const rule = ruleOf(row);
    const survey = await trx
      .selectFrom('surveys as s')
      .leftJoin('survey_versions as v', (j) =>
        j
          .onRef('v.org_id', '=', 's.org_id')
          .onRef('v.survey_id', '=', 's.survey_id')
          .onRef('v.version', '=', 's.current_version'),
      )
      .select([
        's.status',
        's.touchpoint_id',
        sql<string[] | null>`v.definition->'languages'`.as('languages'),
      ])
      .where('s.org_id', '=', event.orgId)
      .where('s.survey_id', '=', row.survey_id)
      .executeTakeFirst();
    const latest = contact
      ? await trx
          .selectFrom('invitations')
          .select((eb) => eb.fn.max('scheduled_at').as('latest'))
          .where('org_id', '=', event.orgId)
          .where('contact_id', '=', contact.contact_id)
          .where('status', 'not in', ['cancelled', 'failed'])
          .executeTakeFirst()
      : undefined;
    // The quarter that counts is the one of the send time; decide once without the count to learn it.
    const provisional = decideInvitation(
      rule,
      {
        contact: contact
          ? {
              language: contact.language,
              consent: contact.consent,
              optedOut: contact.opted_out_at !== null,
              suppressed: contact.suppressed !== null,
            }
          : null,
        surveyOpen: survey?.status === 'open',
        surveyLanguages: survey?.languages ?? [],
        latestContactInvitation: latest?.latest ? new Date(latest.latest as Date) : null,
        accountInvitationsInQuarter: 0,
      },
      event.occurredAt,
      now,
    );
    let decision: Decision = provisional;
    if (provisional.invite && rule.accountCapPerQuarter !== null && event.accountId) {
      const counted = await trx
        .selectFrom('invitations')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('org_id', '=', event.orgId)
        .where('account_id', '=', event.accountId)
        .where('status', 'not in', ['cancelled', 'failed'])
        .where('scheduled_at', '>=', quarterStart(provisional.sendAt, rule.timeZone))
        .where('scheduled_at', '<', quarterEnd(provisional.sendAt, rule.timeZone))
        .executeTakeFirstOrThrow();
      if (Number(counted.n) >= rule.accountCapPerQuarter) decision = { invite: false, reason: 'account_cap' };
    }
    if (!decision.invite || !contact) {
      outcomes.push({
        ruleId: row.rule_id,
        surveyId: row.survey_id,
        invited: false,
        reason: decision.invite ? 'no_contact' : decision.reason,
      });
      continue;
    }
    const invitationId = crypto.randomUUID();
    await insertInvitation(trx, {
      orgId: event.orgId,
      invitationId,
      signingKey,
      ruleId: row.rule_id,
      eventId: event.eventId,
      surveyId: row.survey_id,
      contactId: contact.contact_id,
      accountId: event.accountId,
      touchpointId: event.touchpointId ?? survey?.touchpoint_id ?? null,
      email: contact.email,
      language: decision.language,
      sendAt: decision.sendAt,
      linkValidDays: row.link_valid_days,
    });
    await enqueueIn(
      trx,
      INVITATION_SEND_QUEUE,
      { orgId: event.orgId, invitationId, reminder: 0 } satisfies SendJob,
      { startAfter: decision.sendAt },
    );
    outcomes.push({
      ruleId: row.rule_id,
      surveyId: row.survey_id,
      invited: true,
      invitationId,
      sendAt: decision.sendAt.toISOString(),
      language: decision.language,
    });
  }
  return outcomes;
}
