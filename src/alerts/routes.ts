import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import { transaction } from '../db/database.ts';
import { requireActor } from '../http/authentication.ts';
import type { AppContext } from '../http/context.ts';
import { notFound, Problem } from '../http/problem.ts';
import { conditionSchema } from './conditions.ts';

export const CHANNELS = ['email', 'webhook', 'inbox'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

/** A rule's fields as stored; no defaults here, so a partial change leaves every absent field alone. */
const ruleFields = {
  name: z.string().trim().min(1).max(200),
  surveyId: z.uuid().nullable(),
  touchpointId: z.uuid().nullable(),
  conditions: z.array(conditionSchema).min(1).max(20),
  priority: z.enum(PRIORITIES),
  fallbackQueue: z.string().trim().min(1).max(100),
  firstContactHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
  resolutionDays: z.number().int().min(1).max(365),
  channels: z.array(z.enum(CHANNELS)),
  active: z.boolean(),
};

const ruleBody = z.strictObject({
  ...ruleFields,
  surveyId: ruleFields.surveyId.default(null),
  touchpointId: ruleFields.touchpointId.default(null),
  priority: ruleFields.priority.default('normal'),
  fallbackQueue: ruleFields.fallbackQueue.default('cx-team'),
  firstContactHours: ruleFields.firstContactHours.default(24),
  resolutionDays: ruleFields.resolutionDays.default(5),
  channels: ruleFields.channels.default(['email', 'webhook', 'inbox']),
  active: ruleFields.active.default(true),
});

/**
 * A change: any subset of the fields. (A `.partial()` of the create body would fill the absent
 * fields with their defaults, so switching a rule off would also reset its priority and SLAs.)
 */
const rulePatch = z.strictObject(ruleFields).partial();

const ruleSchema = z.object({
  ruleId: z.string(),
  name: z.string(),
  surveyId: z.string().nullable(),
  touchpointId: z.string().nullable(),
  conditions: z.array(z.unknown()),
  priority: z.string(),
  fallbackQueue: z.string(),
  firstContactHours: z.number(),
  resolutionDays: z.number(),
  channels: z.array(z.string()),
  active: z.boolean(),
});

type RuleRow = {
  rule_id: string;
  name: string;
  survey_id: string | null;
  touchpoint_id: string | null;
  conditions: unknown[];
  priority: string;
  fallback_queue: string;
  first_contact_hours: number;
  resolution_days: number;
  channels: string[];
  active: boolean;
};

const present = (r: RuleRow): z.infer<typeof ruleSchema> => ({
  ruleId: r.rule_id,
  name: r.name,
  surveyId: r.survey_id,
  touchpointId: r.touchpoint_id,
  conditions: r.conditions,
  priority: r.priority,
  fallbackQueue: r.fallback_queue,
  firstContactHours: r.first_contact_hours,
  resolutionDays: r.resolution_days,
  channels: r.channels,
  active: r.active,
});

/** Alert rules of the organisation (CX leads and analysts design them). */
export const alertRuleRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.database;

  app.get(
    '/alert-rules',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Alert rules of the organisation',
        response: { 200: z.object({ rules: z.array(ruleSchema) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'alerts:manage');
      const rows = await db
        .selectFrom('alert_rules')
        .selectAll()
        .where('org_id', '=', actor.orgId)
        .orderBy('name')
        .execute();
      return { rules: rows.map(present) };
    },
  );

  async function checkReferences(
    orgId: string,
    body: { surveyId?: string | null; touchpointId?: string | null },
  ) {
    if (body.surveyId) {
      const found = await db
        .selectFrom('surveys')
        .select('survey_id')
        .where('org_id', '=', orgId)
        .where('survey_id', '=', body.surveyId)
        .executeTakeFirst();
      if (!found)
        throw new Problem(400, 'Invalid request', 'No such survey.', [
          { field: 'body.surveyId', message: 'Unknown survey' },
        ]);
    }
    if (body.touchpointId) {
      const found = await db
        .selectFrom('touchpoints')
        .select('touchpoint_id')
        .where('org_id', '=', orgId)
        .where('touchpoint_id', '=', body.touchpointId)
        .executeTakeFirst();
      if (!found)
        throw new Problem(400, 'Invalid request', 'No such touchpoint.', [
          { field: 'body.touchpointId', message: 'Unknown touchpoint' },
        ]);
    }
  }

  app.post(
    '/alert-rules',
    {
      schema: {
        tags: ['alerts'],
        summary:
          'Create an alert rule: conditions (all must hold), priority, owner fallback queue, SLAs, channels',
        body: ruleBody,
        response: { 201: ruleSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'alerts:manage');
      const body = request.body;
      await checkReferences(actor.orgId, body);
      const row = await transaction(context.database, async (trx) => {
        const inserted = await trx
          .insertInto('alert_rules')
          .values({
            org_id: actor.orgId,
            name: body.name,
            survey_id: body.surveyId,
            touchpoint_id: body.touchpointId,
            conditions: JSON.stringify(body.conditions),
            priority: body.priority,
            fallback_queue: body.fallbackQueue,
            first_contact_hours: body.firstContactHours,
            resolution_days: body.resolutionDays,
            channels: body.channels,
            active: body.active,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(
          trx,
          actor,
          'alert_rule.create',
          { type: 'alert_rule', id: inserted.rule_id },
          { name: body.name },
        );
        return inserted;
      });
      return reply.code(201).send(present(row));
    },
  );

  app.patch(
    '/alert-rules/:ruleId',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Change an alert rule (or switch it off with active: false)',
        params: z.strictObject({ ruleId: z.uuid() }),
        body: rulePatch,
        response: { 200: ruleSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'alerts:manage');
      const body = request.body;
      await checkReferences(actor.orgId, body);
      const set: Record<string, unknown> = {};
      if (body.name !== undefined) set.name = body.name;
      if (body.surveyId !== undefined) set.survey_id = body.surveyId;
      if (body.touchpointId !== undefined) set.touchpoint_id = body.touchpointId;
      if (body.conditions !== undefined) set.conditions = JSON.stringify(body.conditions);
      if (body.priority !== undefined) set.priority = body.priority;
      if (body.fallbackQueue !== undefined) set.fallback_queue = body.fallbackQueue;
      if (body.firstContactHours !== undefined) set.first_contact_hours = body.firstContactHours;
      if (body.resolutionDays !== undefined) set.resolution_days = body.resolutionDays;
      if (body.channels !== undefined) set.channels = body.channels;
      if (body.active !== undefined) set.active = body.active;
      if (Object.keys(set).length === 0) {
        throw new Problem(400, 'Invalid request', 'Nothing to change.', [
          { field: 'body', message: 'No field given' },
        ]);
      }
      const row = await transaction(context.database, async (trx) => {
        const updated = await trx
          .updateTable('alert_rules')
          .set(set)
          .where('org_id', '=', actor.orgId)
          .where('rule_id', '=', request.params.ruleId)
          .returningAll()
          .executeTakeFirst();
        if (!updated) throw notFound('alert rule');
        await recordAudit(
          trx,
          actor,
          'alert_rule.update',
          { type: 'alert_rule', id: updated.rule_id },
          { fields: Object.keys(set) },
        );
        return updated;
      });
      return present(row);
    },
  );
};
