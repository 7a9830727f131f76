import { afterQuietHours, type QuietHours } from './quietHours.ts';

/** What a distribution rule says about inviting. */
export interface DistributionRule {
  delayMinutes: number;
  defaultLanguage: string;
  /** At most one invitation per contact within this many days (null: no cap). */
  contactCapDays: number | null;
  /** At most this many invitations per account per calendar quarter (null: no cap). */
  accountCapPerQuarter: number | null;
  quietHours: QuietHours | null;
  timeZone: string;
}

/** What the database knows about the person and the account when the event arrives. */
export interface InvitationFacts {
  contact: { language: string; consent: boolean; optedOut: boolean; suppressed: boolean } | null;
  surveyOpen: boolean;
  surveyLanguages: string[];
  /** When the contact's latest invitation (queued or sent) is or was scheduled, if any. */
  latestContactInvitation: Date | null;
  /** Invitations of the account scheduled in the quarter of the send time. */
  accountInvitationsInQuarter: number;
}

export type SkipReason =
  | 'no_contact'
  | 'survey_not_open'
  | 'no_consent'
  | 'opted_out'
  | 'suppressed'
  | 'contact_cap'
  | 'account_cap';

export type Decision =
  | { invite: true; sendAt: Date; language: string }
  | { invite: false; reason: SkipReason };

/** When the invitation goes out: the event time plus the delay (never in the past), moved out of quiet hours. */
export function sendTime(rule: DistributionRule, occurredAt: Date, now: Date): Date {
  const due = new Date(Math.max(now.getTime(), occurredAt.getTime() + rule.delayMinutes * 60_000));
  return afterQuietHours(due, rule.quietHours, rule.timeZone);
}

/** The contact's language when the survey speaks it, else the rule's default. */
export function invitationLanguage(
  rule: DistributionRule,
  contactLanguage: string,
  surveyLanguages: string[],
): string {
  return surveyLanguages.includes(contactLanguage) ? contactLanguage : rule.defaultLanguage;
}

/**
 * Whether to invite, and when and in which language. Consent and opt-out come first (nobody is
 * surveyed against their will), then the frequency caps: the contact cap counts any invitation
 * scheduled within `contactCapDays` before the send time (or after it, already queued); the account
 * cap counts the account's invitations in the calendar quarter of the send time. The caller passes
 * `accountInvitationsInQuarter` for the quarter of `sendTime(rule, …)`.
 */
export function decideInvitation(
  rule: DistributionRule,
  facts: InvitationFacts,
  occurredAt: Date,
  now: Date,
): Decision {
  const { contact } = facts;
  if (!contact) return { invite: false, reason: 'no_contact' };
  if (!facts.surveyOpen) return { invite: false, reason: 'survey_not_open' };
  if (!contact.consent) return { invite: false, reason: 'no_consent' };
  if (contact.optedOut) return { invite: false, reason: 'opted_out' };
  if (contact.suppressed) return { invite: false, reason: 'suppressed' };
  const sendAt = sendTime(rule, occurredAt, now);
  if (
    rule.contactCapDays !== null &&
    facts.latestContactInvitation !== null &&
    facts.latestContactInvitation.getTime() > sendAt.getTime() - rule.contactCapDays * 86_400_000
  )
    return { invite: false, reason: 'contact_cap' };
  if (rule.accountCapPerQuarter !== null && facts.accountInvitationsInQuarter >= rule.accountCapPerQuarter)
    return { invite: false, reason: 'account_cap' };
  return {
    invite: true,
    sendAt,
    language: invitationLanguage(rule, contact.language, facts.surveyLanguages),
  };
}
