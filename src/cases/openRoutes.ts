import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { requireActor } from '../http/authentication.ts';
import type { AppContext } from '../http/context.ts';
import { forbidden, notFound } from '../http/problem.ts';
import { may } from '../policies/abilities.ts';
import { casesInScope } from '../policies/caseScope.ts';
import { actingOf } from './actingOf.ts';
import { openCase } from './openCase.ts';

/** Roles that may work cases, so may be given one. */
const CASE_WORKERS = ['owner', 'admin', 'analyst', 'manager', 'agent'] as const;

/**
 * What the web app needs around cases beyond working one: opening a case by hand from a comment,
 * the counts of open cases for the overview, and the people a case may be given to.
 */
export const caseOpenRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.database;
  const acting = actingOf(context);

  app.post(
    '/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Open a case by hand for a response in your scope (e.g. from one of its comments)',
        headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
        body: z.strictObject({
          responseId: z.uuid(),
          commentId: z.uuid().optional().describe('The comment it was opened from'),
          title: z.string().trim().min(1).max(300).optional(),
          priority: z.enum(['low', 'normal', 'high', 'urgent']).default('normal'),
          ownerUserId: z.uuid().optional().describe('Defaults to you'),
        }),
        response: { 201: z.object({ caseId: z.string() }), 200: z.object({ caseId: z.string() }) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'cases:work');
      // Opening a case means reading the feedback behind it, which agents do not.
      if (!may(actor, 'responses:read')) throw forbidden('Your role cannot open cases from feedback.');
      const result = await openCase(context.database, acting, actor, {
        ...request.body,
        idempotencyKey: request.headers['idempotency-key'],
      });
      return reply.code(result.created ? 201 : 200).send({ caseId: result.caseId });
    },
  );

  app.get(
    '/cases/summary',
    {
      schema: {
        tags: ['cases'],
        summary: 'Counts of the cases in your scope (optionally one unit’s subtree): open, overdue, yours',
        querystring: z.strictObject({
          unitId: z.uuid().optional().describe('Limit to this unit’s subtree (within your scope)'),
        }),
        response: { 200: z.object({ open: z.number(), overdue: z.number(), mine: z.number() }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'cases:read');
      let query = casesInScope(db.selectFrom('cases'), actor).where('status', 'not in', [
        'resolved',
        'closed',
      ]);
      if (request.query.unitId) {
        const unit = await db
          .selectFrom('org_units')
          .select('path')
          .where('org_id', '=', actor.orgId)
          .where('unit_id', '=', request.query.unitId)
          .executeTakeFirst();
        if (!unit || (actor.unitPath && !unit.path.startsWith(actor.unitPath))) throw notFound('unit');
        query = query.where((eb) =>
          eb.exists(
            eb
              .selectFrom('org_units as u')
              .select(sql.lit(1).as('one'))
              .whereRef('u.org_id', '=', 'cases.org_id')
              .whereRef('u.unit_id', '=', 'cases.unit_id')
              .where('u.path', 'like', `${unit.path}%`),
          ),
        );
      }
      const row = await query
        .select((eb) => [
          eb.fn.countAll<string>().as('open'),
          sql<string>`count(*) filter (where (cases.first_contacted_at is null and cases.first_contact_due_at < ${acting.now()})
            or cases.resolution_due_at < ${acting.now()})`.as('overdue'),
          sql<string>`count(*) filter (where cases.owner_user_id = ${actor.userId ?? null}::uuid)`.as('mine'),
        ])
        .executeTakeFirstOrThrow();
      return { open: Number(row.open), overdue: Number(row.overdue), mine: Number(row.mine) };
    },
  );

  app.get(
    '/cases/assignees',
    {
      schema: {
        tags: ['cases'],
        summary: 'People who may own or watch a case: case workers in your scope (and you)',
        response: {
          200: z.object({
            users: z.array(z.object({ userId: z.string(), name: z.string(), role: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'cases:read');
      let query = db
        .selectFrom('memberships as m')
        .innerJoin('users as u', (j) =>
          j.onRef('u.org_id', '=', 'm.org_id').onRef('u.user_id', '=', 'm.user_id'),
        )
        .leftJoin('org_units as unit', (j) =>
          j.onRef('unit.org_id', '=', 'm.org_id').onRef('unit.unit_id', '=', 'm.unit_id'),
        )
        .select(['u.user_id', 'u.name', 'm.role'])
        .where('m.org_id', '=', actor.orgId)
        .where('m.role', 'in', CASE_WORKERS);
      if (actor.unitPath !== null) {
        const path = actor.unitPath;
        const self = actor.userId;
        query = query.where((eb) =>
          eb.or([eb('unit.path', 'like', `${path}%`), ...(self ? [eb('u.user_id', '=', self)] : [])]),
        );
      }
      const rows = await query.orderBy('u.name').orderBy('u.user_id').limit(1000).execute();
      return { users: rows.map((r) => ({ userId: r.user_id, name: r.name, role: r.role })) };
    },
  );
};
