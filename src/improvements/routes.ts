import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sumCells } from '../analytics/cellQuery.ts';
import { recordAudit } from '../audit/record.ts';
import { ROOT_CAUSE_CODES } from '../cases/rootCauses.ts';
import { transaction } from '../db/database.ts';
import { FORCE_KEYS } from '../domain/forces/framework.ts';
import { requireActor } from '../http/authentication.ts';
import type { AppContext } from '../http/context.ts';
import { notFound, Problem } from '../http/problem.ts';
import type { Actor } from '../policies/actor.ts';
import { casesInScope } from '../policies/caseScope.ts';
import { inScope, unitInScope } from '../policies/scope.ts';
import {
  EFFECT_MEASURES,
  type EffectMeasure,
  effectColumns,
  effectWindows,
  measureEffect,
} from './effect.ts';

export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const;

const FORCE_MEASURE: Record<(typeof FORCE_KEYS)[number], EffectMeasure> = {
  certainty: 'certainty',
  control: 'control',
  fairTreatment: 'fair_treatment',
  belonging: 'belonging',
  status: 'status',
  enjoyment: 'enjoyment',
};

const day = z.iso.date();

const actionBody = z.strictObject({
  title: z.string().min(1).max(300),
  forceKey: z.enum(FORCE_KEYS).nullable().default(null),
  measure: z
    .enum(EFFECT_MEASURES)
    .optional()
    .describe('The measure to watch; defaults to the Force, else NPS'),
  touchpointId: z.uuid().nullable().default(null),
  department: z.string().max(200).nullable().default(null),
  unitId: z.uuid().nullable().optional().describe('Owning unit; defaults to yours'),
  ownerUserId: z.uuid().nullable().default(null),
  dueDate: day.nullable().default(null),
  status: z.enum(ACTION_STATUSES).default('planned'),
  startedOn: day.nullable().default(null),
  rootCauses: z.array(z.enum(ROOT_CAUSE_CODES)).max(20).default([]),
  caseIds: z.array(z.uuid()).max(500).default([]),
});

const actionSchema = z.object({
  actionId: z.string(),
  title: z.string(),
  forceKey: z.string().nullable(),
  measure: z.string(),
  touchpointId: z.string().nullable(),
  department: z.string().nullable(),
  unitId: z.string().nullable(),
  ownerUserId: z.string().nullable(),
  dueDate: z.string().nullable(),
  status: z.string(),
  startedOn: z.string().nullable(),
  rootCauses: z.array(z.string()),
  caseIds: z.array(z.string()),
});

const dateOnly = (value: Date | string | null) => (value ? new Date(value).toISOString().slice(0, 10) : null);

/** The outer loop: improvement actions justified by root causes and cases, and their measured effect. */
export const improvementRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.database;

  async function load(actor: Actor, actionId: string) {
    const row = await inScope(db.selectFrom('improvement_actions').selectAll(), actor, 'improvement_actions')
      .where('action_id', '=', actionId)
      .executeTakeFirst();
    if (!row) throw notFound('improvement action');
    const links = await db
      .selectFrom('improvement_cases')
      .select('case_id')
      .where('org_id', '=', actor.orgId)
      .where('action_id', '=', actionId)
      .execute();
    return { row, caseIds: links.map((l) => l.case_id) };
  }

  const present = (
    row: Awaited<ReturnType<typeof load>>['row'],
    caseIds: string[],
  ): z.infer<typeof actionSchema> => ({
    actionId: row.action_id,
    title: row.title,
    forceKey: row.force_key,
    measure: row.measure,
    touchpointId: row.touchpoint_id,
    department: row.department,
    unitId: row.unit_id,
    ownerUserId: row.owner_user_id,
    dueDate: dateOnly(row.due_date),
    status: row.status,
    startedOn: dateOnly(row.started_on),
    rootCauses: row.root_causes,
    caseIds,
  });

  app.get(
    '/improvements',
    {
      schema: {
        tags: ['improvements'],
        summary: 'Improvement actions in your scope',
        response: { 200: z.object({ actions: z.array(actionSchema.omit({ caseIds: true })) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'improvements:read');
      const rows = await inScope(
        db.selectFrom('improvement_actions').selectAll(),
        actor,
        'improvement_actions',
      )
        .orderBy('created_at', 'desc')
        .limit(500)
        .execute();
      return { actions: rows.map((row) => present(row, [])).map(({ caseIds: _, ...rest }) => rest) };
    },
  );

  app.get(
    '/improvements/recurring-causes',
    {
      schema: {
        tags: ['improvements'],
        summary:
          'Root causes of the cases in your scope, most frequent first, with the actions addressing each',
        response: {
          200: z.object({
            causes: z.array(
              z.object({ rootCause: z.string(), cases: z.number(), open: z.number(), actions: z.number() }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'improvements:read');
      const rows = await casesInScope(db.selectFrom('cases'), actor)
        .where('root_cause', 'is not', null)
        .select((eb) => [
          'root_cause',
          eb.fn.countAll<string>().as('cases'),
          eb.fn
            .sum<string>(eb.case().when('status', 'not in', ['resolved', 'closed']).then(1).else(0).end())
            .as('open'),
        ])
        .groupBy('root_cause')
        .orderBy('cases', 'desc')
        .execute();
      const actions = await inScope(db.selectFrom('improvement_actions'), actor, 'improvement_actions')
        .select((eb) => [eb.fn('unnest', ['root_causes']).as('cause')])
        .execute();
      const actionCount = new Map<string, number>();
      for (const a of actions) actionCount.set(String(a.cause), (actionCount.get(String(a.cause)) ?? 0) + 1);
      return {
        causes: rows.map((r) => ({
          rootCause: r.root_cause as string,
          cases: Number(r.cases),
          open: Number(r.open),
          actions: actionCount.get(r.root_cause as string) ?? 0,
        })),
      };
    },
  );

  async function checkLinks(actor: Actor, body: { caseIds?: string[]; unitId?: string | null }) {
    if (body.caseIds?.length) {
      const visible = await casesInScope(db.selectFrom('cases').select('case_id'), actor)
        .where('case_id', 'in', body.caseIds)
        .execute();
      if (visible.length !== new Set(body.caseIds).size) {
        throw new Problem(400, 'Invalid request', 'Some cases are not in your scope.', [
          { field: 'body.caseIds', message: 'Unknown case' },
        ]);
      }
    }
    if (body.unitId) {
      const unit = await db
        .selectFrom('org_units')
        .select('path')
        .where('org_id', '=', actor.orgId)
        .where('unit_id', '=', body.unitId)
        .executeTakeFirst();
      if (!unit || !unitInScope(actor, unit.path)) {
        throw new Problem(400, 'Invalid request', 'That unit is not in your scope.', [
          { field: 'body.unitId', message: 'Unknown unit' },
        ]);
      }
    }
  }

  app.post(
    '/improvements',
    {
      schema: {
        tags: ['improvements'],
        summary: 'Create an improvement action linked to the root causes and cases that justify it',
        body: actionBody,
        response: { 201: actionSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'improvements:manage');
      const body = request.body;
      const unitId = body.unitId === undefined ? actor.unitId : body.unitId;
      if (unitId === null && actor.unitPath !== null) {
        throw new Problem(400, 'Invalid request', 'Choose a unit in your scope.', [
          { field: 'body.unitId', message: 'Required for a unit-scoped user' },
        ]);
      }
      await checkLinks(actor, { caseIds: body.caseIds, unitId });
      const measure = body.measure ?? (body.forceKey ? FORCE_MEASURE[body.forceKey] : 'nps');
      const actionId = await transaction(context.database, async (trx) => {
        const row = await trx
          .insertInto('improvement_actions')
          .values({
            org_id: actor.orgId,
            title: body.title,
            force_key: body.forceKey,
            measure,
            touchpoint_id: body.touchpointId,
            department: body.department,
            unit_id: unitId,
            owner_user_id: body.ownerUserId,
            due_date: body.dueDate,
            status: body.status,
            started_on: body.startedOn,
            root_causes: body.rootCauses,
          })
          .returning('action_id')
          .executeTakeFirstOrThrow();
        if (body.caseIds.length) {
          await trx
            .insertInto('improvement_cases')
            .values(
              [...new Set(body.caseIds)].map((caseId) => ({
                org_id: actor.orgId,
                action_id: row.action_id,
                case_id: caseId,
              })),
            )
            .execute();
        }
        await recordAudit(
          trx,
          actor,
          'improvement.create',
          { type: 'improvement_action', id: row.action_id },
          { title: body.title },
        );
        return row.action_id;
      });
      const { row, caseIds } = await load(actor, actionId);
      return reply.code(201).send(present(row, caseIds));
    },
  );

  app.get(
    '/improvements/:actionId',
    {
      schema: {
        tags: ['improvements'],
        summary: 'One improvement action with the cases linked to it',
        params: z.strictObject({ actionId: z.uuid() }),
        response: { 200: actionSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'improvements:read');
      const { row, caseIds } = await load(actor, request.params.actionId);
      return present(row, caseIds);
    },
  );

  app.patch(
    '/improvements/:actionId',
    {
      schema: {
        tags: ['improvements'],
        summary: 'Change an action: status, start day, due date, owner; link more cases',
        params: z.strictObject({ actionId: z.uuid() }),
        body: z.strictObject({
          title: z.string().min(1).max(300).optional(),
          status: z.enum(ACTION_STATUSES).optional(),
          startedOn: day.nullable().optional(),
          dueDate: day.nullable().optional(),
          ownerUserId: z.uuid().nullable().optional(),
          rootCauses: z.array(z.enum(ROOT_CAUSE_CODES)).max(20).optional(),
          addCaseIds: z.array(z.uuid()).max(500).optional(),
        }),
        response: { 200: actionSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'improvements:manage');
      const body = request.body;
      await load(actor, request.params.actionId);
      await checkLinks(actor, { caseIds: body.addCaseIds });
      await transaction(context.database, async (trx) => {
        const set: Record<string, unknown> = {};
        if (body.title !== undefined) set.title = body.title;
        if (body.status !== undefined) set.status = body.status;
        if (body.startedOn !== undefined) set.started_on = body.startedOn;
        if (body.dueDate !== undefined) set.due_date = body.dueDate;
        if (body.ownerUserId !== undefined) set.owner_user_id = body.ownerUserId;
        if (body.rootCauses !== undefined) set.root_causes = body.rootCauses;
        if (Object.keys(set).length) {
          await trx
            .updateTable('improvement_actions')
            .set(set)
            .where('org_id', '=', actor.orgId)
            .where('action_id', '=', request.params.actionId)
            .execute();
        }
        if (body.addCaseIds?.length) {
          await trx
            .insertInto('improvement_cases')
            .values(
              body.addCaseIds.map((caseId) => ({
                org_id: actor.orgId,
                action_id: request.params.actionId,
                case_id: caseId,
              })),
            )
            .onConflict((oc) => oc.doNothing())
            .execute();
        }
        await recordAudit(
          trx,
          actor,
          'improvement.update',
          { type: 'improvement_action', id: request.params.actionId },
          body,
        );
      });
      const { row, caseIds } = await load(actor, request.params.actionId);
      return present(row, caseIds);
    },
  );

  const periodSchema = z.object({
    from: z.string(),
    to: z.string(),
    n: z.number(),
    value: z.number().nullable(),
  });

  app.get(
    '/improvements/:actionId/effect',
    {
      schema: {
        tags: ['improvements'],
        summary:
          'The targeted measure before and after the action started, with the significance of the change',
        params: z.strictObject({ actionId: z.uuid() }),
        querystring: z.strictObject({
          days: z.coerce.number().int().min(7).max(365).default(90).describe('Length of each window'),
        }),
        response: {
          200: z.object({
            measure: z.string(),
            startedOn: z.string(),
            before: periodSchema,
            after: periodSchema,
            difference: z.number().nullable(),
            pValue: z.number().nullable(),
            significant: z.boolean(),
            insufficient: z.boolean(),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'improvements:read');
      const { row } = await load(actor, request.params.actionId);
      const startedOn = dateOnly(row.started_on);
      if (!startedOn) {
        throw new Problem(
          409,
          'Not started',
          'The action has no start day yet, so there is no before and after.',
          [{ field: 'startedOn', message: 'Not set' }],
        );
      }
      const measure = row.measure as EffectMeasure;
      const windows = effectWindows(startedOn, request.query.days);
      // The action's own unit subtree (within the actor's scope) and touchpoint.
      const unit = row.unit_id
        ? await db
            .selectFrom('org_units')
            .select('path')
            .where('org_id', '=', actor.orgId)
            .where('unit_id', '=', row.unit_id)
            .executeTakeFirst()
        : undefined;
      const filter = {
        orgId: actor.orgId,
        unitPath: unit?.path ?? actor.unitPath,
        ...(row.touchpoint_id ? { touchpointIds: [row.touchpoint_id] } : {}),
      };
      const columns = effectColumns(measure);
      const [before, after] = await Promise.all(
        [windows.before, windows.after].map(
          async (w) =>
            (await sumCells(context.database, { ...filter, ...w }, 'none', columns))[0]?.sums ?? {},
        ),
      );
      const effect = measureEffect(measure, before, after);
      return {
        measure,
        startedOn,
        before: { ...windows.before, ...effect.before },
        after: { ...windows.after, ...effect.after },
        difference: effect.difference,
        pValue: effect.pValue,
        significant: effect.significant,
        insufficient: effect.insufficient,
      };
    },
  );
};
