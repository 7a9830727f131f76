import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import { transaction } from '../db/database.ts';
import { requireActor } from '../http/authentication.ts';
import type { AppContext } from '../http/context.ts';
import { notFound } from '../http/problem.ts';
import { codeframeRoutes } from './codeframe/routes.ts';
import { correctionRoutes } from './corrections/routes.ts';
import { relabelProgress, startRelabelRun } from './pipeline/relabelRuns.ts';

const progressSchema = z.object({
  runId: z.string(),
  reason: z.string(),
  modelVersion: z.string().nullable(),
  startedAt: z.string(),
  total: z.number().int(),
  done: z.number().int(),
  finished: z.boolean(),
});

/** Text analytics: re-labelling runs of the organisation's comments and their progress. */
export const textRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  await app.register(correctionRoutes, context);
  await app.register(codeframeRoutes, context);
  app.post(
    '/text/relabel-runs',
    {
      schema: {
        tags: ['text'],
        summary: "Re-label all of the organisation's comments with the current model, in the background",
        body: z.strictObject({ reason: z.string().trim().min(1).max(200).default('requested') }).default({
          reason: 'requested',
        }),
        response: { 202: progressSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'text:manage');
      const { runId } = await transaction(context.database, async (trx) => {
        const run = await startRelabelRun(trx, actor.orgId, request.body.reason);
        await recordAudit(trx, actor, 'text.relabel', { type: 'text_relabel_run', id: run.runId }, run);
        return run;
      });
      const progress = await relabelProgress(context.database, actor.orgId, runId);
      return reply.code(202).send(progress!);
    },
  );

  app.get(
    '/text/relabel-runs/:runId',
    {
      schema: {
        tags: ['text'],
        summary: 'How far a re-labelling run has got: done of total comments',
        params: z.strictObject({ runId: z.uuid() }),
        response: { 200: progressSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'responses:read');
      const progress = await relabelProgress(context.database, actor.orgId, request.params.runId);
      if (!progress) throw notFound('relabel run');
      return progress;
    },
  );
};
