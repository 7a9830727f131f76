import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { requireActor } from '../http/authentication.ts';
import type { AppContext } from '../http/context.ts';
import { forbidden } from '../http/problem.ts';

const eventSchema = z.object({
  eventId: z.string(),
  kind: z.string(),
  caseId: z.string().nullable(),
  title: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
});

type EventRow = {
  event_id: string;
  kind: string;
  case_id: string | null;
  title: string;
  created_at: Date;
  read_at: Date | null;
};

const present = (row: EventRow): z.infer<typeof eventSchema> => ({
  eventId: String(row.event_id),
  kind: row.kind,
  caseId: row.case_id,
  title: row.title,
  createdAt: new Date(row.created_at).toISOString(),
  read: row.read_at !== null,
});

/** How often each open stream asks the database for new events. */
const POLL_MS = 500;

/** How long an event may take between taking its id and committing; the stream looks back this far. */
const LATE_COMMIT_SECONDS = 10;

/**
 * The signed-in user's inbox: new cases, escalations, reopened cases. The stream is Server-Sent
 * Events fed by polling the database, so an event written by any process reaches every process's
 * listeners; Last-Event-ID resumes after a reconnect.
 */
export const inboxRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.database;

  const userOf = (request: Parameters<typeof requireActor>[0]) => {
    const actor = requireActor(request, 'cases:read');
    if (!actor.userId) throw forbidden('The inbox belongs to signed-in users.');
    return { ...actor, userId: actor.userId };
  };

  app.get(
    '/inbox',
    {
      schema: {
        tags: ['inbox'],
        summary: 'Your latest inbox events, newest first',
        querystring: z.strictObject({
          unread: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ events: z.array(eventSchema) }) },
      },
    },
    async (request) => {
      const actor = userOf(request);
      let query = db
        .selectFrom('inbox_events')
        .select(['event_id', 'kind', 'case_id', 'title', 'created_at', 'read_at'])
        .where('org_id', '=', actor.orgId)
        .where('user_id', '=', actor.userId);
      if (request.query.unread === 'true') query = query.where('read_at', 'is', null);
      const rows = await query.orderBy('event_id', 'desc').limit(request.query.limit).execute();
      return { events: rows.map(present) };
    },
  );

  app.post(
    '/inbox/read',
    {
      schema: {
        tags: ['inbox'],
        summary: 'Mark your inbox events read, up to and including an event id',
        body: z.strictObject({ upTo: z.string().regex(/^\d+$/) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = userOf(request);
      await db
        .updateTable('inbox_events')
        .set({ read_at: new Date() })
        .where('org_id', '=', actor.orgId)
        .where('user_id', '=', actor.userId)
        .where('read_at', 'is', null)
        .where(sql<boolean>`event_id <= ${request.body.upTo}::bigint`)
        .execute();
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/inbox/stream',
    {
      schema: {
        tags: ['inbox'],
        summary: 'Live inbox as Server-Sent Events (event: inbox, data: JSON, id: event id)',
        headers: z.object({ 'last-event-id': z.string().regex(/^\d+$/).optional() }),
      },
    },
    async (request, reply) => {
      const actor = userOf(request);
      const resumeFrom = request.headers['last-event-id'];
      const start =
        resumeFrom ??
        String(
          (
            await sql<{ max: string | null }>`select max(event_id)::text as max from inbox_events
              where org_id = ${actor.orgId} and user_id = ${actor.userId}`.execute(db)
          ).rows[0]?.max ?? '0',
        );
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-content-type-options': 'nosniff',
        'x-accel-buffering': 'no',
      });
      raw.write(`retry: 2000\n: connected\n\n`);
      let cursor = start;
      const sent = new Set<string>();
      let open = true;
      let timer: NodeJS.Timeout | undefined;
      let beats = 0;
      const poll = async () => {
        if (!open) return;
        try {
          // Events above the cursor, and recent ones above the start that may have committed late.
          const { rows } =
            await sql<EventRow>`select event_id::text as event_id, kind, case_id, title, created_at, read_at
            from inbox_events
            where org_id = ${actor.orgId} and user_id = ${actor.userId}
              and (event_id > ${cursor}::bigint
                or (event_id > ${start}::bigint and created_at > clock_timestamp() - make_interval(secs => ${LATE_COMMIT_SECONDS})))
            order by event_id
            limit 200`.execute(db);
          for (const row of rows) {
            if (sent.has(row.event_id)) continue;
            sent.add(row.event_id);
            raw.write(`id: ${row.event_id}\nevent: inbox\ndata: ${JSON.stringify(present(row))}\n\n`);
            if (BigInt(row.event_id) > BigInt(cursor)) cursor = row.event_id;
          }
          if (sent.size > 2000) for (const id of [...sent].slice(0, 1000)) sent.delete(id);
          if (++beats % 30 === 0) raw.write(': keep-alive\n\n');
        } catch (error) {
          request.log.warn({ err: error }, 'inbox poll failed');
        }
        if (open) timer = setTimeout(poll, POLL_MS);
      };
      request.raw.on('close', () => {
        open = false;
        clearTimeout(timer);
      });
      await poll();
    },
  );
};
