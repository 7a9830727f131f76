import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FORCE_KEYS } from '../domain/forces/index.ts';
import { requireActor } from '../http/authentication.ts';
import type { AppContext } from '../http/context.ts';
import { badRequest, notFound } from '../http/problem.ts';
import { unitInScope } from '../policies/scope.ts';
import { POLARITIES, SENTIMENTS } from '../text/corpus.ts';
import { labelsSchema } from '../text/corrections/routes.ts';
import { decodeCursor, listComments } from './listComments.ts';

const isoDate = z
  .string()
  .refine((v) => /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v)), { error: 'an ISO 8601 date' });

const listQuery = z.strictObject({
  force: z.enum(FORCE_KEYS).optional(),
  polarity: z.enum(POLARITIES).optional(),
  sentiment: z.enum(SENTIMENTS).optional(),
  emotion: z.string().max(50).optional(),
  topic: z.string().max(100).optional(),
  touchpointId: z.uuid().optional(),
  segment: z.enum(['emotionally_attached', 'functionally_satisfied', 'unfulfilled']).optional(),
  language: z.enum(['en', 'it', 'other']).optional(),
  source: z.enum(['survey', 'review', 'ticket', 'social', 'email', 'other']).optional(),
  accountId: z.uuid().optional(),
  responseId: z.uuid().optional(),
  unitId: z.uuid().optional().describe('Limit to this unit’s subtree (within your scope)'),
  q: z.string().trim().min(1).max(200).optional().describe('Text the comment contains (case-insensitive)'),
  from: isoDate.optional().describe('From this date (inclusive)'),
  to: isoDate.optional().describe('Until this date (exclusive)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
});

const commentSchema = z.object({
  commentId: z.string(),
  text: z.string(),
  source: z.string(),
  at: z.string(),
  rating: z.number().nullable(),
  language: z.string().nullable(),
  accountId: z.string().nullable(),
  responseId: z.string().nullable(),
  labels: labelsSchema,
  analysis: z
    .object({
      sentimentScore: z.number(),
      confidence: z.number(),
      modelVersion: z.string(),
      sentences: z.array(z.unknown()),
      spans: z.array(z.unknown()),
      emotions: z.array(z.unknown()),
    })
    .nullable(),
});

/** Comments (survey verbatims and imported feedback) with their labels, in the actor's scope. */
export const commentRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  app.get(
    '/comments',
    {
      schema: {
        tags: ['comments'],
        summary: 'Comments in your scope with their labels and spans, filtered, newest first (keyset pages)',
        querystring: listQuery,
        response: { 200: z.object({ comments: z.array(commentSchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'comments:read');
      const { limit, cursor: rawCursor, ...filters } = request.query;
      const cursor = rawCursor === undefined ? null : decodeCursor(rawCursor);
      if (rawCursor !== undefined && !cursor) {
        throw badRequest('The cursor is not one this listing gave.', [
          { field: 'querystring.cursor', message: 'Invalid cursor' },
        ]);
      }
      const { unitId, ...rest } = filters;
      let unitPath: string | undefined;
      if (unitId) {
        const unit = await context.database.db
          .selectFrom('org_units')
          .select('path')
          .where('org_id', '=', actor.orgId)
          .where('unit_id', '=', unitId)
          .executeTakeFirst();
        if (!unit || !unitInScope(actor, unit.path)) throw notFound('unit');
        unitPath = unit.path;
      }
      return listComments(context.database.db, actor, { ...rest, unitPath }, { limit, cursor });
    },
  );
};
