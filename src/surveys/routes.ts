import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../http/authentication.ts';
import type { AppContext } from '../http/context.ts';
import { notFound } from '../http/problem.ts';
import { listSurveys } from './queries.ts';

/** A survey as the lists show it (also the builder's header, without the count). */
export const surveySummary = z.object({
  surveyId: z.string(),
  slug: z.string(),
  name: z.string(),
  kind: z.string(),
  status: z.string(),
  currentVersion: z.number().nullable(),
  responses: z.number().describe('Complete responses within your scope'),
});

export const surveyRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.database;

  app.get(
    '/surveys',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Surveys of the organisation with response counts in your scope',
        response: { 200: z.object({ surveys: z.array(surveySummary) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'surveys:read');
      return { surveys: await listSurveys(db, actor) };
    },
  );

  app.get(
    '/surveys/:surveyId',
    {
      schema: {
        tags: ['surveys'],
        summary: 'One survey with the definition of its current version',
        params: z.strictObject({ surveyId: z.string().uuid() }),
        response: {
          200: z.object({ survey: surveySummary, definition: z.record(z.string(), z.unknown()).nullable() }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'surveys:read');
      const survey = (await listSurveys(db, actor)).find((s) => s.surveyId === request.params.surveyId);
      if (!survey) throw notFound('survey');
      const version = survey.currentVersion
        ? await db
            .selectFrom('survey_versions')
            .select('definition')
            .where('org_id', '=', actor.orgId)
            .where('survey_id', '=', survey.surveyId)
            .where('version', '=', survey.currentVersion)
            .executeTakeFirst()
        : undefined;
      return { survey, definition: version?.definition ?? null };
    },
  );
};
