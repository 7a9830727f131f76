import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import { transaction } from '../db/database.ts';
import { requireActor } from '../http/authentication.ts';
import type { AppContext } from '../http/context.ts';
import { badRequest, notFound } from '../http/problem.ts';
import { receiverUrlRefusal } from './receiverAddress.ts';
import { newWebhookSecret } from './secret.ts';

const eventType = z
  .string()
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, 'An event type such as response.created');
const receiverUrl = z
  .string()
  .url()
  .max(2000)
  .refine((url) => /^https?:\/\//i.test(url), 'Use an http or https URL');

const endpointInput = z.strictObject({
  url: receiverUrl,
  description: z.string().max(500).default(''),
  eventTypes: z.array(eventType).max(50).default([]).describe('Empty: every event type'),
  enabled: z.boolean().default(true),
  secret: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/, 'whsec_ followed by at least 24 bytes in base64')
    .optional()
    .describe('Leave out to have one generated'),
});
const endpointPatch = z.strictObject({
  url: receiverUrl.optional(),
  description: z.string().max(500).optional(),
  eventTypes: z.array(eventType).max(50).optional(),
  enabled: z.boolean().optional(),
});
const endpointSchema = z.object({
  endpointId: z.string(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(z.string()),
  enabled: z.boolean(),
  createdAt: z.string(),
});
const deliverySchema = z.object({
  deliveryId: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  attempts: z.number(),
  lastStatusCode: z.number().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});
const attemptSchema = z.object({
  attempt: z.number(),
  attemptedAt: z.string(),
  statusCode: z.number().nullable(),
  error: z.string().nullable(),
  durationMs: z.number(),
});
const endpointParams = z.strictObject({ endpointId: z.string().uuid() });

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** Outbound webhooks: an organisation's endpoints and the log of every delivery and attempt. */
export const webhookRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.database;

  const toEndpoint = (row: {
    endpoint_id: string;
    url: string;
    description: string;
    event_types: string[];
    enabled: boolean;
    created_at: Date;
  }) => ({
    endpointId: row.endpoint_id,
    url: row.url,
    description: row.description,
    eventTypes: row.event_types,
    enabled: row.enabled,
    createdAt: new Date(row.created_at).toISOString(),
  });
  /** A URL naming a non-public address outright is refused here; host names are judged at each delivery. */
  const refuseInsideUrl = (url: string | undefined) => {
    if (url === undefined) return;
    const refusal = receiverUrlRefusal(url, { allowPrivate: context.config.webhookAllowPrivate });
    if (refusal)
      throw badRequest('Webhooks are not sent to this address.', [{ field: 'body.url', message: refusal }]);
  };
  const endpointColumns = [
    'endpoint_id',
    'url',
    'description',
    'event_types',
    'enabled',
    'created_at',
  ] as const;

  app.get(
    '/webhooks/endpoints',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Webhook endpoints of the organisation',
        response: { 200: z.object({ endpoints: z.array(endpointSchema) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'integrations:manage');
      const rows = await db
        .selectFrom('webhook_endpoints')
        .select(endpointColumns)
        .where('org_id', '=', actor.orgId)
        .orderBy('created_at')
        .execute();
      return { endpoints: rows.map(toEndpoint) };
    },
  );

  app.post(
    '/webhooks/endpoints',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Add an endpoint; the signing secret is shown only in this answer',
        body: endpointInput,
        response: { 201: endpointSchema.extend({ secret: z.string() }) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'integrations:manage');
      const body = request.body;
      refuseInsideUrl(body.url);
      const secret = body.secret ?? newWebhookSecret();
      const row = await transaction(context.database, async (trx) => {
        const created = await trx
          .insertInto('webhook_endpoints')
          .values({
            org_id: actor.orgId,
            url: body.url,
            secret,
            description: body.description,
            event_types: body.eventTypes,
            enabled: body.enabled,
          })
          .returning(endpointColumns)
          .executeTakeFirstOrThrow();
        await recordAudit(
          trx,
          actor,
          'webhook.endpoint.create',
          { type: 'webhook_endpoint', id: created.endpoint_id },
          {
            url: body.url,
          },
        );
        return created;
      });
      return reply.code(201).send({ ...toEndpoint(row), secret });
    },
  );

  app.get(
    '/webhooks/endpoints/:endpointId',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'One endpoint',
        params: endpointParams,
        response: { 200: endpointSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'integrations:manage');
      const row = await db
        .selectFrom('webhook_endpoints')
        .select(endpointColumns)
        .where('org_id', '=', actor.orgId)
        .where('endpoint_id', '=', request.params.endpointId)
        .executeTakeFirst();
      if (!row) throw notFound('webhook endpoint');
      return toEndpoint(row);
    },
  );

  app.patch(
    '/webhooks/endpoints/:endpointId',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Change an endpoint (URL, description, event types, enabled)',
        params: endpointParams,
        body: endpointPatch,
        response: { 200: endpointSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'integrations:manage');
      const body = request.body;
      refuseInsideUrl(body.url);
      const row = await transaction(context.database, async (trx) => {
        const updated = await trx
          .updateTable('webhook_endpoints')
          .set({
            ...(body.url !== undefined ? { url: body.url } : {}),
            ...(body.description !== undefined ? { description: body.description } : {}),
            ...(body.eventTypes !== undefined ? { event_types: body.eventTypes } : {}),
            ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
            updated_at: new Date(),
          })
          .where('org_id', '=', actor.orgId)
          .where('endpoint_id', '=', request.params.endpointId)
          .returning(endpointColumns)
          .executeTakeFirst();
        if (!updated) throw notFound('webhook endpoint');
        await recordAudit(
          trx,
          actor,
          'webhook.endpoint.update',
          { type: 'webhook_endpoint', id: updated.endpoint_id },
          body,
        );
        return updated;
      });
      return toEndpoint(row);
    },
  );

  app.delete(
    '/webhooks/endpoints/:endpointId',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Remove an endpoint and its delivery log',
        params: endpointParams,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'integrations:manage');
      await transaction(context.database, async (trx) => {
        const deleted = await trx
          .deleteFrom('webhook_endpoints')
          .where('org_id', '=', actor.orgId)
          .where('endpoint_id', '=', request.params.endpointId)
          .executeTakeFirst();
        if (deleted.numDeletedRows === 0n) throw notFound('webhook endpoint');
        await recordAudit(trx, actor, 'webhook.endpoint.delete', {
          type: 'webhook_endpoint',
          id: request.params.endpointId,
        });
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/webhooks/endpoints/:endpointId/deliveries',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'The delivery log of an endpoint, newest first',
        params: endpointParams,
        querystring: z.strictObject({
          status: z.enum(['pending', 'succeeded', 'failed']).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: { 200: z.object({ deliveries: z.array(deliverySchema) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'integrations:manage');
      const endpoint = await db
        .selectFrom('webhook_endpoints')
        .select('endpoint_id')
        .where('org_id', '=', actor.orgId)
        .where('endpoint_id', '=', request.params.endpointId)
        .executeTakeFirst();
      if (!endpoint) throw notFound('webhook endpoint');
      let query = db
        .selectFrom('webhook_deliveries as d')
        .innerJoin('webhook_events as e', (j) =>
          j.onRef('e.org_id', '=', 'd.org_id').onRef('e.event_id', '=', 'd.event_id'),
        )
        .select([
          'd.delivery_id',
          'd.event_id',
          'e.type',
          'd.status',
          'd.attempts',
          'd.last_status_code',
          'd.last_error',
          'd.next_attempt_at',
          'd.delivered_at',
          'd.created_at',
        ])
        .where('d.org_id', '=', actor.orgId)
        .where('d.endpoint_id', '=', endpoint.endpoint_id);
      if (request.query.status) query = query.where('d.status', '=', request.query.status);
      const rows = await query
        .orderBy('d.created_at', 'desc')
        .orderBy('d.delivery_id')
        .limit(request.query.limit)
        .offset(request.query.offset)
        .execute();
      return {
        deliveries: rows.map((row) => ({
          deliveryId: row.delivery_id,
          eventId: row.event_id,
          eventType: row.type,
          status: row.status,
          attempts: row.attempts,
          lastStatusCode: row.last_status_code,
          lastError: row.last_error,
          nextAttemptAt: row.status === 'pending' ? iso(row.next_attempt_at) : null,
          deliveredAt: iso(row.delivered_at),
          createdAt: iso(row.created_at)!,
        })),
      };
    },
  );

  app.get(
    '/webhooks/deliveries/:deliveryId',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'One delivery with every attempt and the event it carries',
        params: z.strictObject({ deliveryId: z.string().uuid() }),
        response: {
          200: deliverySchema.extend({
            endpointId: z.string(),
            payload: z.unknown(),
            attemptLog: z.array(attemptSchema),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'integrations:manage');
      const row = await db
        .selectFrom('webhook_deliveries as d')
        .innerJoin('webhook_events as e', (j) =>
          j.onRef('e.org_id', '=', 'd.org_id').onRef('e.event_id', '=', 'd.event_id'),
        )
        .selectAll('d')
        .select(['e.type', 'e.payload'])
        .where('d.org_id', '=', actor.orgId)
        .where('d.delivery_id', '=', request.params.deliveryId)
        .executeTakeFirst();
      if (!row) throw notFound('webhook delivery');
      const attempts = await db
        .selectFrom('webhook_attempts')
        .selectAll()
        .where('org_id', '=', actor.orgId)
        .where('delivery_id', '=', row.delivery_id)
        .orderBy('attempt')
        .execute();
      return {
        deliveryId: row.delivery_id,
        endpointId: row.endpoint_id,
        eventId: row.event_id,
        eventType: row.type,
        status: row.status,
        attempts: row.attempts,
        lastStatusCode: row.last_status_code,
        lastError: row.last_error,
        nextAttemptAt: row.status === 'pending' ? iso(row.next_attempt_at) : null,
        deliveredAt: iso(row.delivered_at),
        createdAt: iso(row.created_at)!,
        payload: row.payload,
        attemptLog: attempts.map((a) => ({
          attempt: a.attempt,
          attemptedAt: iso(a.attempted_at)!,
          statusCode: a.status_code,
          error: a.error,
          durationMs: a.duration_ms,
        })),
      };
    },
  );
};
