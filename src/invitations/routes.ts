import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import { transaction } from '../db/database.ts';
import type { InvitationTemplates } from '../db/schema.ts';
import { CLOCK_TIME } from '../domain/distribution/quietHours.ts';
import { isTimeZone } from '../domain/distribution/zonedTime.ts';
import { requireActor } from '../http/authentication.ts';
import type { AppContext } from '../http/context.ts';
import { badRequest, type FieldError, notFound } from '../http/problem.ts';
import type { Actor } from '../policies/actor.ts';
import { invitationsInScope } from '../policies/scope.ts';
import { currentInvitationStatus, INVITATION_STATUSES } from './currentStatus.ts';
import { recordMailFeedback } from './suppression.ts';
import { unknownPlaceholders } from './templates.ts';

const clock = z.string().regex(CLOCK_TIME, 'A time as HH:MM');
const templateTexts = z.strictObject({
  subject: z.string().min(1).max(300).optional(),
  text: z.string().min(1).max(20_000).optional(),
  reminderSubject: z.string().min(1).max(300).optional(),
  reminderText: z.string().min(1).max(20_000).optional(),
});
const ruleFields = {
  name: z.string().min(1).max(200),
  eventType: z
    .string()
    .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, 'An event type such as order.delivered'),
  touchpointId: z.string().uuid().nullable().default(null).describe('Only events at this touchpoint'),
  surveyId: z.string().uuid(),
  enabled: z.boolean().default(true),
  delayMinutes: z.number().int().min(0).max(525_600).default(0),
  defaultLanguage: z.string().min(2).max(10).default('en'),
  contactCapDays: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .nullable()
    .default(30)
    .describe('At most one invitation per contact in this many days'),
  accountCapPerQuarter: z.number().int().min(1).max(100_000).nullable().default(null),
  quietHours: z.strictObject({ start: clock, end: clock }).nullable().default(null),
  timezone: z.string().default('UTC').describe('IANA zone for quiet hours and quarters, e.g. Europe/Rome'),
  reminderAfterDays: z.number().int().min(1).max(60).nullable().default(null),
  maxReminders: z.number().int().min(0).max(5).default(0),
  linkValidDays: z.number().int().min(1).max(365).default(30),
  templates: z.record(z.string().min(2).max(10), templateTexts).default({}),
};
const ruleInput = z.strictObject(ruleFields);
const ruleSchema = z.object({
  ruleId: z.string(),
  name: z.string(),
  eventType: z.string(),
  touchpointId: z.string().nullable(),
  surveyId: z.string(),
  enabled: z.boolean(),
  delayMinutes: z.number(),
  defaultLanguage: z.string(),
  contactCapDays: z.number().nullable(),
  accountCapPerQuarter: z.number().nullable(),
  quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
  timezone: z.string(),
  reminderAfterDays: z.number().nullable(),
  maxReminders: z.number(),
  linkValidDays: z.number(),
  templates: z.record(z.string(), z.unknown()),
});
const ruleParams = z.strictObject({ ruleId: z.string().uuid() });

type RuleRow = {
  rule_id: string;
  name: string;
  event_type: string;
  touchpoint_id: string | null;
  survey_id: string;
  enabled: boolean;
  delay_minutes: number;
  default_language: string;
  contact_cap_days: number | null;
  account_cap_per_quarter: number | null;
  quiet_start: string | null;
  quiet_end: string | null;
  timezone: string;
  reminder_after_days: number | null;
  max_reminders: number;
  link_valid_days: number;
  templates: InvitationTemplates;
};
const toRule = (row: RuleRow) => ({
  ruleId: row.rule_id,
  name: row.name,
  eventType: row.event_type,
  touchpointId: row.touchpoint_id,
  surveyId: row.survey_id,
  enabled: row.enabled,
  delayMinutes: row.delay_minutes,
  defaultLanguage: row.default_language,
  contactCapDays: row.contact_cap_days,
  accountCapPerQuarter: row.account_cap_per_quarter,
  quietHours: row.quiet_start && row.quiet_end ? { start: row.quiet_start, end: row.quiet_end } : null,
  timezone: row.timezone,
  reminderAfterDays: row.reminder_after_days,
  maxReminders: row.max_reminders,
  linkValidDays: row.link_valid_days,
  templates: row.templates,
});

/** Distribution rules, the invitations they produced, and the mail provider's bounce and complaint reports. */
export const invitationRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.database;

  /** Checks what the schema cannot: the survey, the touchpoint, the zone and the template placeholders. */
  const check = async (actor: Actor, body: z.infer<typeof ruleInput>) => {
    const errors: FieldError[] = [];
    const survey = await db
      .selectFrom('surveys')
      .select('survey_id')
      .where('org_id', '=', actor.orgId)
      .where('survey_id', '=', body.surveyId)
      .executeTakeFirst();
    if (!survey) errors.push({ field: 'body.surveyId', message: 'Unknown survey' });
    if (body.touchpointId) {
      const touchpoint = await db
        .selectFrom('touchpoints')
        .select('touchpoint_id')
        .where('org_id', '=', actor.orgId)
        .where('touchpoint_id', '=', body.touchpointId)
        .executeTakeFirst();
      if (!touchpoint) errors.push({ field: 'body.touchpointId', message: 'Unknown touchpoint' });
    }
    if (!isTimeZone(body.timezone)) errors.push({ field: 'body.timezone', message: 'Unknown time zone' });
    if (body.maxReminders > 0 && body.reminderAfterDays === null)
      errors.push({ field: 'body.reminderAfterDays', message: 'Say after how many days to remind' });
    for (const [language, texts] of Object.entries(body.templates)) {
      for (const [part, text] of Object.entries(texts)) {
        const unknown = unknownPlaceholders(text ?? '');
        if (unknown.length)
          errors.push({
            field: `body.templates.${language}.${part}`,
            message: `Unknown placeholders: ${unknown.join(', ')}`,
          });
      }
    }
    if (errors.length) throw badRequest('The rule does not fit.', errors);
  };
  const columns = (body: z.infer<typeof ruleInput>) => ({
    name: body.name,
    event_type: body.eventType,
    touchpoint_id: body.touchpointId,
    survey_id: body.surveyId,
    enabled: body.enabled,
    delay_minutes: body.delayMinutes,
    default_language: body.defaultLanguage,
    contact_cap_days: body.contactCapDays,
    account_cap_per_quarter: body.accountCapPerQuarter,
    quiet_start: body.quietHours?.start ?? null,
    quiet_end: body.quietHours?.end ?? null,
    timezone: body.timezone,
    reminder_after_days: body.reminderAfterDays,
    max_reminders: body.maxReminders,
    link_valid_days: body.linkValidDays,
    templates: JSON.stringify(body.templates),
  });

  app.get(
    '/distribution-rules',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Distribution rules: which survey to send for which event',
        response: { 200: z.object({ rules: z.array(ruleSchema) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'distribution:manage');
      const rows = await db
        .selectFrom('distribution_rules')
        .selectAll()
        .where('org_id', '=', actor.orgId)
        .orderBy('created_at')
        .execute();
      return { rules: rows.map(toRule) };
    },
  );

  app.post(
    '/distribution-rules',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Add a distribution rule',
        body: ruleInput,
        response: { 201: ruleSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'distribution:manage');
      await check(actor, request.body);
      const row = await transaction(context.database, async (trx) => {
        const created = await trx
          .insertInto('distribution_rules')
          .values({ org_id: actor.orgId, ...columns(request.body) })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, 'distribution.rule.create', {
          type: 'distribution_rule',
          id: created.rule_id,
        });
        return created;
      });
      return reply.code(201).send(toRule(row));
    },
  );

  app.get(
    '/distribution-rules/:ruleId',
    {
      schema: {
        tags: ['invitations'],
        summary: 'One distribution rule',
        params: ruleParams,
        response: { 200: ruleSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'distribution:manage');
      const row = await db
        .selectFrom('distribution_rules')
        .selectAll()
        .where('org_id', '=', actor.orgId)
        .where('rule_id', '=', request.params.ruleId)
        .executeTakeFirst();
      if (!row) throw notFound('distribution rule');
      return toRule(row);
    },
  );

  app.put(
    '/distribution-rules/:ruleId',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Replace a distribution rule (invitations already planned keep their schedule)',
        params: ruleParams,
        body: ruleInput,
        response: { 200: ruleSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'distribution:manage');
      await check(actor, request.body);
      const row = await transaction(context.database, async (trx) => {
        const updated = await trx
          .updateTable('distribution_rules')
          .set(columns(request.body))
          .where('org_id', '=', actor.orgId)
          .where('rule_id', '=', request.params.ruleId)
          .returningAll()
          .executeTakeFirst();
        if (!updated) throw notFound('distribution rule');
        await recordAudit(trx, actor, 'distribution.rule.update', {
          type: 'distribution_rule',
          id: updated.rule_id,
        });
        return updated;
      });
      return toRule(row);
    },
  );

  app.delete(
    '/distribution-rules/:ruleId',
    { schema: { tags: ['invitations'], summary: 'Remove a distribution rule', params: ruleParams } },
    async (request, reply) => {
      const actor = requireActor(request, 'distribution:manage');
      await transaction(context.database, async (trx) => {
        const deleted = await trx
          .deleteFrom('distribution_rules')
          .where('org_id', '=', actor.orgId)
          .where('rule_id', '=', request.params.ruleId)
          .executeTakeFirst();
        if (deleted.numDeletedRows === 0n) throw notFound('distribution rule');
        await recordAudit(trx, actor, 'distribution.rule.delete', {
          type: 'distribution_rule',
          id: request.params.ruleId,
        });
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/invitations',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Invitations in your scope with their delivery status, newest first',
        querystring: z.strictObject({
          status: z.enum(INVITATION_STATUSES).optional(),
          surveyId: z.string().uuid().optional(),
          contactId: z.string().uuid().optional(),
          eventId: z.string().uuid().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: {
          200: z.object({
            invitations: z.array(
              z.object({
                invitationId: z.string(),
                surveyId: z.string(),
                ruleId: z.string().nullable(),
                eventId: z.string().nullable(),
                contactId: z.string(),
                accountId: z.string().nullable(),
                email: z.string(),
                language: z.string(),
                status: z.enum(INVITATION_STATUSES),
                scheduledAt: z.string(),
                sentAt: z.string().nullable(),
                remindersSent: z.number(),
                respondedAt: z.string().nullable(),
                error: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'invitations:read');
      const q = request.query;
      // Unit-scoped readers see invitations of accounts in their subtree (policies/scope.ts).
      let query = invitationsInScope(
        db
          .selectFrom('invitations as i')
          .leftJoin('survey_tokens as t', (j) =>
            j.onRef('t.org_id', '=', 'i.org_id').onRef('t.token_hash', '=', 'i.token_hash'),
          ),
        actor,
        'i',
      );
      const status = currentInvitationStatus;
      if (q.status) query = query.where(status, '=', q.status);
      if (q.surveyId) query = query.where('i.survey_id', '=', q.surveyId);
      if (q.contactId) query = query.where('i.contact_id', '=', q.contactId);
      if (q.eventId) query = query.where('i.event_id', '=', q.eventId);
      const rows = await query
        .selectAll('i')
        .select([status.as('current_status'), 't.used_at'])
        .orderBy('i.scheduled_at', 'desc')
        .orderBy('i.invitation_id')
        .limit(q.limit)
        .offset(q.offset)
        .execute();
      const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
      return {
        invitations: rows.map((row) => ({
          invitationId: row.invitation_id,
          surveyId: row.survey_id,
          ruleId: row.rule_id,
          eventId: row.event_id,
          contactId: row.contact_id,
          accountId: row.account_id,
          email: row.email,
          language: row.language,
          status: row.current_status,
          scheduledAt: iso(row.scheduled_at)!,
          sentAt: iso(row.sent_at),
          remindersSent: row.reminders_sent,
          respondedAt: iso(row.responded_at ?? row.used_at),
          error: row.error,
        })),
      };
    },
  );

  app.post(
    '/mail/feedback',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Report a bounce or a complaint (from the mail provider): the address is suppressed',
        body: z.strictObject({
          kind: z.enum(['bounce', 'complaint']),
          email: z.string().email().max(320),
          messageId: z.string().max(500).optional().describe('The Message-ID of the mail concerned'),
          detail: z.string().max(2000).optional(),
        }),
        response: { 200: z.object({ suppressed: z.string(), invitationId: z.string().nullable() }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'integrations:manage');
      const body = request.body;
      const invitationId = await transaction(context.database, async (trx) => {
        const marked = await recordMailFeedback(trx, actor.orgId, body, new Date());
        await recordAudit(trx, actor, `mail.${body.kind}`, null, { email: body.email.toLowerCase() });
        return marked;
      });
      return { suppressed: body.email.toLowerCase(), invitationId };
    },
  );
};
