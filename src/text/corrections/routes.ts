import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../../audit/record.ts';
import { transaction } from '../../db/database.ts';
import { FORCE_KEYS } from '../../domain/forces/index.ts';
import { requireActor } from '../../http/authentication.ts';
import type { AppContext } from '../../http/context.ts';
import { notFound } from '../../http/problem.ts';
import { EXPERIENCE_EMOTIONS } from '../../surveys/definition/experienceEmotions.ts';
import { POLARITIES, SENTIMENTS } from '../corpus.ts';
import { currentModel } from '../models/organisationModels.ts';
import { correctComment } from './corrections.ts';

const EMOTION_KEYS = EXPERIENCE_EMOTIONS.map((e) => e.key) as [string, ...string[]];

/** The labels a person may set; those left out stay the model's. */
export const correctionSchema = z
  .strictObject({
    force: z.enum(FORCE_KEYS).nullable().optional(),
    polarity: z.enum(POLARITIES).nullable().optional(),
    sentiment: z.enum(SENTIMENTS).optional(),
    emotions: z.array(z.enum(EMOTION_KEYS)).max(20).optional(),
    topics: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  })
  .refine((labels) => Object.keys(labels).length > 0, { error: 'give at least one label', path: [] })
  .refine((labels) => (labels.force === undefined) === (labels.polarity === undefined), {
    error: 'force and polarity are corrected together',
    path: ['polarity'],
  })
  .refine((labels) => (labels.force === null) === (labels.polarity === null), {
    error: 'a comment about no Force has no polarity, and a Force needs one',
    path: ['polarity'],
  });

export const labelsSchema = z.object({
  force: z.string().nullable(),
  polarity: z.enum(POLARITIES).nullable(),
  sentiment: z.enum(SENTIMENTS).nullable(),
  emotions: z.array(z.string()),
  topics: z.array(z.string()),
  corrected: z.array(z.string()),
});

const reportSchema = z.record(z.string(), z.unknown());

/** Corrections of comments' labels, and the organisation's own model trained from them. */
export const correctionRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  app.put(
    '/comments/:commentId/labels',
    {
      schema: {
        tags: ['text'],
        summary:
          "Correct a comment's labels (a correction wins over the model and trains the organisation's model)",
        params: z.strictObject({ commentId: z.uuid() }),
        body: correctionSchema,
        response: { 200: z.object({ commentId: z.string(), labels: labelsSchema }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'comments:label');
      const labels = await transaction(context.database, (trx) =>
        correctComment(trx, actor, request.params.commentId, request.body),
      );
      if (!labels) throw notFound('comment');
      return { commentId: request.params.commentId, labels };
    },
  );

  app.post(
    '/text/models',
    {
      schema: {
        tags: ['text'],
        summary: "Retrain the organisation's model from its corrections now (in the background)",
        response: { 202: z.object({ requestedAt: z.string() }) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'text:manage');
      const requestedAt = await transaction(context.database, async (trx) => {
        const row = await trx
          .insertInto('text_model_requests')
          .values({ org_id: actor.orgId, requested_by: actor.userId })
          .onConflict((oc) =>
            oc.column('org_id').doUpdateSet({ requested_at: sql`now()`, requested_by: actor.userId }),
          )
          .returning('requested_at')
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, 'text.model.request', null);
        return new Date(row.requested_at).toISOString();
      });
      return reply.code(202).send({ requestedAt });
    },
  );

  app.get(
    '/text/models/current',
    {
      schema: {
        tags: ['text'],
        summary: "The organisation's model: version, when trained, evaluation per label, corrections waiting",
        response: {
          200: z.object({
            organisationModel: z
              .object({
                version: z.number().int(),
                modelVersion: z.string(),
                corrections: z.number().int(),
                trainedAt: z.string(),
                evaluation: reportSchema,
              })
              .nullable(),
            pendingCorrections: z.number().int(),
            requested: z.boolean(),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'comments:read');
      return currentModel(context.database, actor.orgId);
    },
  );
};
