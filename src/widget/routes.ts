import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../http/context.ts';
import { notFound, Problem } from '../http/problem.ts';
import { assessQuality } from '../responses/assessQuality.ts';
import { ingestResponse } from '../responses/ingest.ts';
import { questionsOf } from '../responses/measures.ts';
import { currentSurvey, type PublishedSurvey } from '../surveys/versions.ts';
import { WIDGET_SCRIPT } from './widgetScript.ts';

const widgetBody = z.strictObject({
  nps: z.number().int().min(0).max(10).describe('Likelihood to recommend, 0–10'),
  comment: z.string().max(2000).optional().describe('The reason for the score'),
  language: z.enum(['en', 'it']).default('en'),
  pageUrl: z.string().max(2000).optional().describe('Where on the site the widget was opened'),
});

function allowedOrigin(survey: PublishedSurvey, origin: string | undefined): string | null {
  const allowed = ((survey.settings as { widgetOrigins?: string[] }).widgetOrigins ?? []) as string[];
  return origin && allowed.includes(origin) ? origin : null;
}

/**
 * The embeddable feedback widget: its script, and the public endpoint it posts to. A post is accepted
 * only from an origin the survey lists (checked on the Origin header the browser sets), and goes
 * through the same ingestion as every other response.
 */
export const widgetRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.database;

  app.get('/widget.js', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(WIDGET_SCRIPT),
  );

  const surveyFor = async (surveyId: string) => {
    if (!/^[0-9a-f-]{36}$/.test(surveyId)) throw notFound('survey');
    const row = await db
      .selectFrom('surveys')
      .select('org_id')
      .where('survey_id', '=', surveyId)
      .executeTakeFirst();
    const survey = row ? await currentSurvey(db, { orgId: row.org_id, surveyId }) : null;
    if (!survey) throw notFound('survey');
    return survey;
  };

  app.options<{ Params: { surveyId: string } }>(
    '/api/v1/widget/:surveyId/responses',
    { config: { public: true }, schema: { hide: true } },
    async (request, reply) => {
      const survey = await surveyFor(request.params.surveyId);
      const origin = allowedOrigin(survey, request.headers.origin);
      if (!origin)
        throw new Problem(403, 'Origin not allowed', 'This site may not post to the survey.', [
          { field: 'header.origin', message: 'Not in the survey’s widget origins' },
        ]);
      return reply
        .code(204)
        .header('access-control-allow-origin', origin)
        .header('access-control-allow-methods', 'POST')
        .header('access-control-allow-headers', 'content-type, idempotency-key')
        .header('access-control-max-age', '600')
        .header('vary', 'origin')
        .send();
    },
  );

  app.post(
    '/api/v1/widget/:surveyId/responses',
    {
      config: { public: true, skipCsrf: true },
      schema: {
        tags: ['responses'],
        summary: 'A response from the feedback widget (public; only from the survey’s widget origins)',
        params: z.strictObject({ surveyId: z.string().uuid() }),
        headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
        body: widgetBody,
        response: { 201: z.object({ responseId: z.string() }), 200: z.object({ responseId: z.string() }) },
      },
    },
    async (request, reply) => {
      const survey = await surveyFor(request.params.surveyId);
      const origin = allowedOrigin(survey, request.headers.origin);
      if (!origin) {
        throw new Problem(403, 'Origin not allowed', 'This site may not post to the survey.', [
          { field: 'header.origin', message: 'Not in the survey’s widget origins' },
        ]);
      }
      reply.header('access-control-allow-origin', origin).header('vary', 'origin');
      const questions = questionsOf(survey.definition);
      const npsQuestion = questions.find((q) => q.type === 'nps');
      const commentQuestion = questions.find((q) => q.type === 'text');
      if (!npsQuestion) throw new Problem(409, 'Not a widget survey', 'The survey has no NPS question.');
      const answers: Record<string, unknown> = { [npsQuestion.id]: request.body.nps };
      if (commentQuestion && request.body.comment?.trim())
        answers[commentQuestion.id] = request.body.comment.trim();
      const hidden: Record<string, string> = request.body.pageUrl ? { pageUrl: request.body.pageUrl } : {};
      const quality = await assessQuality(
        context.database,
        survey,
        {
          answers,
          contactId: null,
          startedAt: null,
          ipAddress: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
          language: request.body.language,
        },
        { duplicatesInStatement: true },
      );
      const result = await ingestResponse(context.database, {
        survey,
        answers,
        hidden: survey.definition.hiddenFields?.includes('pageUrl') ? hidden : {},
        contactId: null,
        accountId: null,
        touchpointId: null,
        channel: 'widget',
        language: request.body.language,
        startedAt: null,
        idempotencyKey: request.headers['idempotency-key']
          ? `widget:${request.headers['idempotency-key']}`
          : null,
        tokenHash: null,
        resumeHash: null,
        qualityFlags: quality.flags,
        excluded: quality.excluded,
        fingerprint: quality.fingerprint,
        duplicateCheck: quality.duplicateCheck,
      });
      return reply.code(result.created ? 201 : 200).send({ responseId: result.responseId });
    },
  );
};
