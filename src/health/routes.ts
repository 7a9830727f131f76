import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pendingMigrations } from '../db/migrate.ts';
import type { AppContext } from '../http/context.ts';

/** Liveness answers while the process runs; readiness also needs the database and current migrations. */
export const healthRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  app.get(
    '/healthz',
    { schema: { hide: true, response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await context.database.pool.query('select 1');
      const pending = await pendingMigrations(context.database);
      if (pending.length) return reply.code(503).send({ status: 'migrations pending', pending });
      return { status: 'ready', engine: context.database.engine };
    } catch (error) {
      return reply.code(503).send({ status: 'database unreachable', detail: (error as Error).message });
    }
  });
};
