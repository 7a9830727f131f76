import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../http/authentication.ts';
import type { AppContext } from '../http/context.ts';
import { notFound } from '../http/problem.ts';
import { inOrganisation, invitationsInScope } from '../policies/scope.ts';
import { currentInvitationStatus, INVITATION_STATUSES } from './currentStatus.ts';

const countsSchema = z.object(
  Object.fromEntries(INVITATION_STATUSES.map((status) => [status, z.number()])) as Record<
    (typeof INVITATION_STATUSES)[number],
    z.ZodNumber
  >,
);

/** How a survey's invitations stand, counted in SQL within the reader's scope (read-only). */
export const invitationSummaryRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.database;

  app.get(
    '/surveys/:surveyId/invitations/summary',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Invitations of one survey in your scope, counted by status',
        params: z.strictObject({ surveyId: z.string().uuid() }),
        response: {
          200: z.object({
            total: z.number(),
            counts: countsSchema,
            lastSentAt: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'invitations:read');
      const survey = await inOrganisation(db.selectFrom('surveys'), actor, 'surveys')
        .select('survey_id')
        .where('survey_id', '=', request.params.surveyId)
        .executeTakeFirst();
      if (!survey) throw notFound('survey');
      const rows = await invitationsInScope(
        db
          .selectFrom('invitations as i')
          .leftJoin('survey_tokens as t', (j) =>
            j.onRef('t.org_id', '=', 'i.org_id').onRef('t.token_hash', '=', 'i.token_hash'),
          ),
        actor,
        'i',
      )
        .where('i.survey_id', '=', survey.survey_id)
        .select((eb) => [
          currentInvitationStatus.as('status'),
          eb.fn.countAll<string>().as('n'),
          eb.fn.max('i.sent_at').as('last_sent_at'),
        ])
        .groupBy(currentInvitationStatus)
        .execute();
      const counts = Object.fromEntries(INVITATION_STATUSES.map((status) => [status, 0])) as Record<
        (typeof INVITATION_STATUSES)[number],
        number
      >;
      let lastSent: number | null = null;
      for (const row of rows) {
        counts[row.status] = Number(row.n);
        if (row.last_sent_at !== null) {
          const at = new Date(row.last_sent_at).getTime();
          lastSent = lastSent === null ? at : Math.max(lastSent, at);
        }
      }
      return {
        total: Object.values(counts).reduce((sum, n) => sum + n, 0),
        counts,
        lastSentAt: lastSent === null ? null : new Date(lastSent).toISOString(),
      };
    },
  );
};
