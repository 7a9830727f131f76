import type { PgBoss } from '../db/jobs.ts';
import { INVITATION_SEND_QUEUE, type SendJob } from './planInvitations.ts';
import { type SendContext, sendInvitation } from './sendInvitation.ts';

/** Sends invitations and reminders as their jobs come due (the mailer holds the pace to its rate). */
export async function startInvitationWork(
  boss: PgBoss,
  context: SendContext,
  options: { pollingIntervalSeconds?: number } = {},
): Promise<void> {
  await boss.work<SendJob>(
    INVITATION_SEND_QUEUE,
    { batchSize: 10, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
    async (jobs) => {
      await Promise.all(jobs.map((job) => sendInvitation(context, job.data)));
    },
  );
}
