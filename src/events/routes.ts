import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../http/authentication.ts';
import type { AppContext } from '../http/context.ts';
import { inScope } from '../policies/scope.ts';
import { recordEvent } from './recordEvent.ts';

const eventType = z
  .string()
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, 'An event type such as order.delivered')
  .max(100);

const postEventBody = z
  .strictObject({
    type: eventType,
    time: z.iso.datetime({ offset: true }).describe('When it happened (ISO 8601 with offset)'),
    contactId: z.string().uuid().optional(),
    contactEmail: z.string().email().max(320).optional(),
    contactExternalId: z.string().min(1).max(200).optional(),
    accountId: z.string().uuid().optional(),
    accountExternalId: z.string().min(1).max(200).optional(),
    touchpoint: z.string().min(1).max(200).optional().describe('A touchpoint id or key'),
    attributes: z.record(z.string(), z.unknown()).default({}),
  })
  .refine((b) => [b.contactId, b.contactEmail, b.contactExternalId].filter(Boolean).length <= 1, {
    message: 'Name the contact one way only',
    path: ['contactId'],
  })
  .refine((b) => !(b.accountId && b.accountExternalId), {
    message: 'Name the account one way only',
    path: ['accountId'],
  });

const decisionSchema = z.object({
  ruleId: z.string(),
  surveyId: z.string(),
  invited: z.boolean(),
  invitationId: z.string().optional(),
  sendAt: z.string().optional(),
  language: z.string().optional(),
  reason: z.string().optional(),
});
const postEventReply = z.object({
  eventId: z.string(),
  created: z.boolean(),
  decisions: z.array(decisionSchema),
});

/** Events from the CRM and operational systems: stored for journey analysis, and the trigger for invitations. */
export const eventRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.database;

  app.post(
    '/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Record an event (e.g. order.delivered); the distribution rules decide on invitations',
        headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
        body: postEventBody,
        response: { 201: postEventReply, 200: postEventReply },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'events:write');
      const body = request.body;
      const result = await recordEvent(context.database, actor, {
        type: body.type,
        occurredAt: new Date(body.time),
        contactId: body.contactId,
        contactEmail: body.contactEmail,
        contactExternalId: body.contactExternalId,
        accountId: body.accountId,
        accountExternalId: body.accountExternalId,
        touchpoint: body.touchpoint,
        attributes: body.attributes,
        idempotencyKey: request.headers['idempotency-key'] ?? null,
      });
      return reply.code(result.created ? 201 : 200).send(result);
    },
  );

  app.get(
    '/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Events in your scope, newest first, for journey analysis',
        querystring: z.strictObject({
          type: eventType.optional(),
          contactId: z.string().uuid().optional(),
          accountId: z.string().uuid().optional(),
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: {
          200: z.object({
            events: z.array(
              z.object({
                eventId: z.string(),
                type: z.string(),
                time: z.string(),
                receivedAt: z.string(),
                contactId: z.string().nullable(),
                accountId: z.string().nullable(),
                touchpointId: z.string().nullable(),
                attributes: z.record(z.string(), z.unknown()),
                decisions: z.array(decisionSchema),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'events:read');
      const q = request.query;
      let query = db
        .selectFrom('crm_events')
        .leftJoin('accounts', (j) =>
          j
            .onRef('accounts.org_id', '=', 'crm_events.org_id')
            .onRef('accounts.account_id', '=', 'crm_events.account_id'),
        );
      // Unit-scoped readers see the events of accounts in their subtree; organisation-wide ones see all.
      query = actor.unitPath
        ? inScope(query, actor, 'accounts')
        : query.where('crm_events.org_id', '=', actor.orgId);
      if (q.type) query = query.where('crm_events.type', '=', q.type);
      if (q.contactId) query = query.where('crm_events.contact_id', '=', q.contactId);
      if (q.accountId) query = query.where('crm_events.account_id', '=', q.accountId);
      if (q.from) query = query.where('crm_events.occurred_at', '>=', new Date(q.from));
      if (q.to) query = query.where('crm_events.occurred_at', '<', new Date(q.to));
      const rows = await query
        .selectAll('crm_events')
        .orderBy('crm_events.occurred_at', 'desc')
        .orderBy('crm_events.event_id')
        .limit(q.limit)
        .offset(q.offset)
        .execute();
      return {
        events: rows.map((row) => ({
          eventId: row.event_id,
          type: row.type,
          time: new Date(row.occurred_at).toISOString(),
          receivedAt: new Date(row.received_at).toISOString(),
          contactId: row.contact_id,
          accountId: row.account_id,
          touchpointId: row.touchpoint_id,
          attributes: row.attributes,
          decisions: row.decision as z.infer<typeof decisionSchema>[],
        })),
      };
    },
  );
};
