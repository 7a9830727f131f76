import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../http/authentication.ts';
import type { AppContext } from '../http/context.ts';

export const auditRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first',
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: {
          200: z.object({
            entries: z.array(
              z.object({
                at: z.string(),
                action: z.string(),
                actorUserId: z.string().nullable(),
                actorTokenId: z.string().nullable(),
                targetType: z.string().nullable(),
                targetId: z.string().nullable(),
                details: z.record(z.string(), z.unknown()),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'audit:read');
      const rows = await context.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('org_id', '=', actor.orgId)
        .orderBy('audit_id', 'desc')
        .limit(request.query.limit)
        .execute();
      return {
        entries: rows.map((row) => ({
          at: new Date(row.at).toISOString(),
          action: row.action,
          actorUserId: row.actor_user_id,
          actorTokenId: row.actor_token_id,
          targetType: row.target_type,
          targetId: row.target_id,
          details: row.details,
        })),
      };
    },
  );
};
