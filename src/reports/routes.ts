import type { AddressInfo } from 'node:net';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import { transaction } from '../db/database.ts';
import type { ReportView, Schema } from '../db/schema.ts';
import { requireActor } from '../http/authentication.ts';
import type { AppContext } from '../http/context.ts';
import { badRequest, forbidden, notFound, Problem } from '../http/problem.ts';
import { roleMay } from '../policies/abilities.ts';
import { nextRunAfter } from './cadence.ts';
import { REPORT_VIEWS, ReportRenderer, ReportUnavailable, reportFilters } from './renderPdf.ts';
import { REPORT_ACTION } from './reportViews.ts';
import { planRun } from './scheduledReports.ts';
import { tableWorkbook } from './tableWorkbook.ts';

/** The action a report of each view needs (the view's own requests are checked again as the reader). */
const reportFile = z.enum(REPORT_VIEWS.map((view) => `${view}.pdf`) as [string, ...string[]]);
const language = z.enum(['en', 'it']);
const scheduleInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  view: z.enum(REPORT_VIEWS),
  filters: z.string().max(2000).default('').describe("The app's query string, e.g. period=3m&unitId=…"),
  cadence: z.enum(['daily', 'weekly', 'monthly']),
  hourUtc: z.number().int().min(0).max(23).default(7),
  language: language.default('en'),
  enabled: z.boolean().default(true),
  recipientUserIds: z.array(z.string().uuid()).min(1).max(200),
});
const schedulePatch = scheduleInput.partial();
const scheduleSchema = z.object({
  scheduleId: z.string(),
  name: z.string(),
  view: z.enum(REPORT_VIEWS),
  filters: z.string(),
  cadence: z.enum(['daily', 'weekly', 'monthly']),
  hourUtc: z.number(),
  language,
  enabled: z.boolean(),
  nextRunAt: z.string(),
  lastRunAt: z.string().nullable(),
  recipientUserIds: z.array(z.string()),
  createdAt: z.string(),
});
const deliverySchema = z.object({
  runAt: z.string(),
  userId: z.string(),
  status: z.enum(['queued', 'sent', 'skipped', 'failed']),
  error: z.string().nullable(),
  sentAt: z.string().nullable(),
});
const scheduleParams = z.strictObject({ scheduleId: z.string().uuid() });
const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
/** Only the filters the app knows survive, so a schedule stores a clean query string. */
const cleanFilters = (text: string) => reportFilters(Object.fromEntries(new URLSearchParams(text)));

/**
 * PDF reports of the dashboards (drawn server-side from the app's own views, as the caller) and
 * reports mailed on a schedule to a list of users, each drawn under the recipient's own scope.
 */
export const reportRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.database;
  const renderer = new ReportRenderer(context.config.chromiumPath);
  app.addHook('onClose', () => renderer.close());

  app.post(
    '/exports/table.xlsx',
    {
      schema: {
        tags: ['reports'],
        summary: 'A table as the app shows it, returned as an XLSX workbook (nothing is read or stored)',
        body: z.strictObject({
          title: z.string().max(100).default('Table'),
          columns: z.array(z.string().max(500)).min(1).max(200),
          rows: z
            .array(z.array(z.union([z.string().max(10_000), z.number(), z.null()])).max(200))
            .max(50_000),
        }),
      },
    },
    async (request, reply) => {
      requireActor(request, 'organisation:read');
      const workbook = await tableWorkbook(request.body);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="table.xlsx"')
        .header('cache-control', 'no-store')
        .send(workbook);
    },
  );

  app.get(
    '/reports/:file',
    {
      schema: {
        tags: ['reports'],
        summary:
          'A view (overview, forces, accounts, journeys, comments or cases) as a PDF, under the given filters and your scope',
        params: z.strictObject({ file: reportFile }),
        querystring: z
          .object({ lang: language.default('en') })
          .catchall(z.string())
          .describe("The app's filters (period, from, to, compare, unitId, …) and the report's language"),
      },
    },
    async (request, reply) => {
      const view = request.params.file.replace(/\.pdf$/, '') as ReportView;
      // Each report needs what its view needs: an agent reads cases but not the dashboards.
      const actor = requireActor(request, REPORT_ACTION[view]);
      if (!actor.userId) throw forbidden('A PDF report is drawn for a signed-in user, not an API token.');
      const address = request.server.server.address() as AddressInfo | null;
      if (!address || typeof address !== 'object')
        throw new Problem(503, 'Reports unavailable', 'The server is not listening on a port.');
      const host =
        address.family === 'IPv6'
          ? `[${address.address === '::' ? '::1' : address.address}]`
          : address.address === '0.0.0.0'
            ? '127.0.0.1'
            : address.address;
      try {
        const pdf = await renderer.render({
          database: context.database,
          appUrl: `http://${host}:${address.port}`,
          orgId: actor.orgId,
          userId: actor.userId,
          view,
          filters: reportFilters(request.query),
          language: request.query.lang,
        });
        return reply
          .type('application/pdf')
          .header(
            'content-disposition',
            `attachment; filename="${view}-${new Date().toISOString().slice(0, 10)}.pdf"`,
          )
          .header('cache-control', 'no-store')
          .send(pdf);
      } catch (error) {
        if (error instanceof ReportUnavailable)
          throw new Problem(503, 'Reports unavailable', 'Chromium is not installed on this server.');
        throw error;
      }
    },
  );

  type ScheduleRow = {
    schedule_id: string;
    name: string;
    view: ReportView;
    filters: string;
    cadence: 'daily' | 'weekly' | 'monthly';
    hour_utc: number;
    language: 'en' | 'it';
    enabled: boolean;
    next_run_at: Date | string;
    last_run_at: Date | string | null;
    created_at: Date | string;
  };
  const columns = [
    'schedule_id',
    'name',
    'view',
    'filters',
    'cadence',
    'hour_utc',
    'language',
    'enabled',
    'next_run_at',
    'last_run_at',
    'created_at',
  ] as const;
  const present = (row: ScheduleRow, recipients: string[]) => ({
    scheduleId: row.schedule_id,
    name: row.name,
    view: row.view,
    filters: row.filters,
    cadence: row.cadence,
    hourUtc: row.hour_utc,
    language: row.language,
    enabled: row.enabled,
    nextRunAt: iso(row.next_run_at)!,
    lastRunAt: iso(row.last_run_at),
    recipientUserIds: recipients,
    createdAt: iso(row.created_at)!,
  });
  const recipientsOf = async (orgId: string, scheduleIds: string[], q: Kysely<Schema> = db) => {
    const byId = new Map<string, string[]>();
    if (scheduleIds.length === 0) return byId;
    const rows = await q
      .selectFrom('report_schedule_recipients')
      .select(['schedule_id', 'user_id'])
      .where('org_id', '=', orgId)
      .where('schedule_id', 'in', scheduleIds)
      .orderBy('user_id')
      .execute();
    for (const row of rows) byId.set(row.schedule_id, [...(byId.get(row.schedule_id) ?? []), row.user_id]);
    return byId;
  };
  /**
   * Every recipient must be a member of the organisation whose role may see the view; each wrong one
   * is named.
   */
  const checkRecipients = async (
    orgId: string,
    userIds: string[],
    view: ReportView,
    q: Kysely<Schema> = db,
  ) => {
    const found = await q
      .selectFrom('users')
      .innerJoin('memberships', (join) =>
        join
          .onRef('memberships.org_id', '=', 'users.org_id')
          .onRef('memberships.user_id', '=', 'users.user_id'),
      )
      .select(['users.user_id', 'memberships.role'])
      .where('users.org_id', '=', orgId)
      .where('users.user_id', 'in', userIds)
      .execute();
    const roles = new Map(found.map((row) => [row.user_id, row.role]));
    const errors = userIds.flatMap((id, index) => {
      const role = roles.get(id);
      const field = `body.recipientUserIds.${index}`;
      if (!role) return [{ field, message: 'No such user in the organisation' }];
      return roleMay(role, REPORT_ACTION[view])
        ? []
        : [{ field, message: `The ${role} role may not see the ${view} view` }];
    });
    if (errors.length > 0) throw badRequest('Some recipients cannot receive this report.', errors);
  };

  app.get(
    '/report-schedules',
    {
      schema: {
        tags: ['reports'],
        summary: 'Scheduled reports of the organisation',
        response: { 200: z.object({ schedules: z.array(scheduleSchema) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'reports:manage');
      const rows = await db
        .selectFrom('report_schedules')
        .select(columns)
        .where('org_id', '=', actor.orgId)
        .orderBy('created_at')
        .execute();
      const recipients = await recipientsOf(
        actor.orgId,
        rows.map((row) => row.schedule_id),
      );
      return { schedules: rows.map((row) => present(row, recipients.get(row.schedule_id) ?? [])) };
    },
  );

  app.post(
    '/report-schedules',
    {
      schema: {
        tags: ['reports'],
        summary: 'Mail a dashboard as a PDF on a cadence to users, each seeing only their own scope',
        body: scheduleInput,
        response: { 201: scheduleSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'reports:manage');
      const body = request.body;
      const recipients = [...new Set(body.recipientUserIds)];
      await checkRecipients(actor.orgId, recipients, body.view);
      const row = await transaction(context.database, async (trx) => {
        const created = await trx
          .insertInto('report_schedules')
          .values({
            org_id: actor.orgId,
            name: body.name,
            view: body.view,
            filters: cleanFilters(body.filters),
            cadence: body.cadence,
            hour_utc: body.hourUtc,
            language: body.language,
            enabled: body.enabled,
            next_run_at: nextRunAfter(body.cadence, body.hourUtc, new Date()),
            created_by: actor.userId,
          })
          .returning(columns)
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('report_schedule_recipients')
          .values(
            recipients.map((user_id) => ({ org_id: actor.orgId, schedule_id: created.schedule_id, user_id })),
          )
          .execute();
        await recordAudit(trx, actor, 'report_schedule.created', {
          type: 'report_schedule',
          id: created.schedule_id,
        });
        return created;
      });
      return reply.status(201).send(present(row, recipients.sort()));
    },
  );

  app.patch(
    '/report-schedules/:scheduleId',
    {
      schema: {
        tags: ['reports'],
        summary: 'Change a scheduled report',
        params: scheduleParams,
        body: schedulePatch,
        response: { 200: scheduleSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'reports:manage');
      const { scheduleId } = request.params;
      const body = request.body;
      const recipients = body.recipientUserIds ? [...new Set(body.recipientUserIds)] : null;
      const row = await transaction(context.database, async (trx) => {
        const current = await trx
          .selectFrom('report_schedules')
          .select(['cadence', 'hour_utc', 'view'])
          .where('org_id', '=', actor.orgId)
          .where('schedule_id', '=', scheduleId)
          .forUpdate()
          .executeTakeFirst();
        if (!current) throw notFound('report schedule');
        if (recipients || body.view) {
          // The recipients as they will be, against the view as it will be.
          const list =
            recipients ?? (await recipientsOf(actor.orgId, [scheduleId], trx)).get(scheduleId) ?? [];
          if (list.length > 0) await checkRecipients(actor.orgId, list, body.view ?? current.view, trx);
        }
        const cadence = body.cadence ?? current.cadence;
        const hour = body.hourUtc ?? current.hour_utc;
        const retimed = cadence !== current.cadence || hour !== current.hour_utc;
        const updated = await trx
          .updateTable('report_schedules')
          .set({
            name: body.name,
            view: body.view,
            filters: body.filters === undefined ? undefined : cleanFilters(body.filters),
            cadence: body.cadence,
            hour_utc: body.hourUtc,
            language: body.language,
            enabled: body.enabled,
            next_run_at: retimed ? nextRunAfter(cadence, hour, new Date()) : undefined,
          })
          .where('org_id', '=', actor.orgId)
          .where('schedule_id', '=', scheduleId)
          .returning(columns)
          .executeTakeFirstOrThrow();
        if (recipients) {
          await trx
            .deleteFrom('report_schedule_recipients')
            .where('org_id', '=', actor.orgId)
            .where('schedule_id', '=', scheduleId)
            .execute();
          await trx
            .insertInto('report_schedule_recipients')
            .values(recipients.map((user_id) => ({ org_id: actor.orgId, schedule_id: scheduleId, user_id })))
            .execute();
        }
        await recordAudit(trx, actor, 'report_schedule.changed', { type: 'report_schedule', id: scheduleId });
        return updated;
      });
      const stored = await recipientsOf(actor.orgId, [scheduleId]);
      return present(row, stored.get(scheduleId) ?? []);
    },
  );

  app.delete(
    '/report-schedules/:scheduleId',
    { schema: { tags: ['reports'], summary: 'Stop and remove a scheduled report', params: scheduleParams } },
    async (request, reply) => {
      const actor = requireActor(request, 'reports:manage');
      const { scheduleId } = request.params;
      await transaction(context.database, async (trx) => {
        const removed = await trx
          .deleteFrom('report_schedules')
          .where('org_id', '=', actor.orgId)
          .where('schedule_id', '=', scheduleId)
          .executeTakeFirst();
        if (Number(removed.numDeletedRows) === 0) throw notFound('report schedule');
        await recordAudit(trx, actor, 'report_schedule.deleted', { type: 'report_schedule', id: scheduleId });
      });
      return reply.status(204).send();
    },
  );

  app.post(
    '/report-schedules/:scheduleId/send',
    {
      schema: {
        tags: ['reports'],
        summary: 'Send a run now (the regular cadence is unchanged)',
        params: scheduleParams,
        response: { 202: z.object({ runAt: z.string(), recipients: z.number() }) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'reports:manage');
      if (!context.jobs) throw new Problem(503, 'No job queue', 'This process runs no job queue.');
      const runAt = new Date();
      const recipients = await transaction(context.database, async (trx) => {
        const schedule = await trx
          .selectFrom('report_schedules')
          .select(['org_id', 'schedule_id'])
          .where('org_id', '=', actor.orgId)
          .where('schedule_id', '=', request.params.scheduleId)
          .executeTakeFirst();
        if (!schedule) throw notFound('report schedule');
        return planRun(trx, schedule, runAt);
      });
      return reply.status(202).send({ runAt: runAt.toISOString(), recipients });
    },
  );

  app.get(
    '/report-schedules/:scheduleId/deliveries',
    {
      schema: {
        tags: ['reports'],
        summary: 'The latest deliveries of a scheduled report, recipient by recipient',
        params: scheduleParams,
        response: { 200: z.object({ deliveries: z.array(deliverySchema) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'reports:manage');
      const rows = await db
        .selectFrom('report_deliveries')
        .select(['run_at', 'user_id', 'status', 'error', 'sent_at'])
        .where('org_id', '=', actor.orgId)
        .where('schedule_id', '=', request.params.scheduleId)
        .orderBy('run_at', 'desc')
        .orderBy('user_id')
        .limit(500)
        .execute();
      return {
        deliveries: rows.map((row) => ({
          runAt: iso(row.run_at)!,
          userId: row.user_id,
          status: row.status,
          error: row.error,
          sentAt: iso(row.sent_at),
        })),
      };
    },
  );
};
