import { sql } from 'kysely';

/** Every status an invitation can show, in the order a sender follows them. */
export const INVITATION_STATUSES = [
  'queued',
  'sent',
  'bounced',
  'complained',
  'responded',
  'failed',
  'cancelled',
] as const;

export type ShownInvitationStatus = (typeof INVITATION_STATUSES)[number];

/**
 * An invitation's status as it stands now, over `invitations as i` left-joined to its
 * `survey_tokens as t`: answering shows at once as `responded`, whether or not a job has looked at
 * the invitation since.
 */
export const currentInvitationStatus = sql<ShownInvitationStatus>`case when t.used_at is not null and i.status in ('queued', 'sent') then 'responded' else i.status end`;
