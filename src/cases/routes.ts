import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../http/authentication.ts';
import type { AppContext } from '../http/context.ts';
import { notFound } from '../http/problem.ts';
import { casesInScope } from '../policies/caseScope.ts';
import { actingOf } from './actingOf.ts';
import { addCaseEntry, ENTRY_KINDS, setWatcher, updateCase } from './caseActions.ts';
import { CASE_STATUSES, type CaseStatus, nextStatuses } from './caseStatus.ts';
import { ROOT_CAUSE_CODES } from './rootCauses.ts';

const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null);

const caseSchema = z.object({
  caseId: z.string(),
  ruleId: z.string().nullable().describe('Null when a person opened the case'),
  responseId: z.string(),
  title: z.string(),
  priority: z.string(),
  status: z.enum(CASE_STATUSES),
  nextStatuses: z.array(z.enum(CASE_STATUSES)),
  unitId: z.string().nullable(),
  accountId: z.string().nullable(),
  contactId: z.string().nullable(),
  ownerUserId: z.string().nullable(),
  queue: z.string().nullable(),
  ownerReason: z.string(),
  firstContactDueAt: z.string(),
  resolutionDueAt: z.string(),
  firstContactedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  escalationLevel: z.number(),
  escalatedToUserId: z.string().nullable(),
  rootCause: z.string().nullable(),
  resolution: z.string().nullable(),
  checkbackAnswer: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const entrySchema = z.object({
  entryId: z.string(),
  kind: z.string(),
  body: z.string(),
  details: z.record(z.string(), z.unknown()),
  authorUserId: z.string().nullable(),
  at: z.string(),
});

type CaseRecord = {
  case_id: string;
  rule_id: string | null;
  response_id: string;
  title: string;
  priority: string;
  status: string;
  unit_id: string | null;
  account_id: string | null;
  contact_id: string | null;
  owner_user_id: string | null;
  queue: string | null;
  owner_reason: string;
  first_contact_due_at: Date;
  resolution_due_at: Date;
  first_contacted_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  escalation_level: number;
  escalated_to_user_id: string | null;
  root_cause: string | null;
  resolution: string | null;
  checkback_answer: string | null;
  created_at: Date;
  updated_at: Date;
};

function present(row: CaseRecord): z.infer<typeof caseSchema> {
  const status = row.status as CaseStatus;
  return {
    caseId: row.case_id,
    ruleId: row.rule_id,
    responseId: row.response_id,
    title: row.title,
    priority: row.priority,
    status,
    nextStatuses: [...nextStatuses(status)],
    unitId: row.unit_id,
    accountId: row.account_id,
    contactId: row.contact_id,
    ownerUserId: row.owner_user_id,
    queue: row.queue,
    ownerReason: row.owner_reason,
    firstContactDueAt: iso(row.first_contact_due_at)!,
    resolutionDueAt: iso(row.resolution_due_at)!,
    firstContactedAt: iso(row.first_contacted_at),
    resolvedAt: iso(row.resolved_at),
    closedAt: iso(row.closed_at),
    escalationLevel: row.escalation_level,
    escalatedToUserId: row.escalated_to_user_id,
    rootCause: row.root_cause,
    resolution: row.resolution,
    checkbackAnswer: row.checkback_answer,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}

const caseParams = z.strictObject({ caseId: z.uuid() });

/** Cases: listing in scope, reading with the timeline, changing, notes and contact log, watchers. */
export const caseRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.database;
  const acting = actingOf(context);

  app.get(
    '/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Cases you may see: your own (agents), your subtree (managers), your scope (analysts)',
        querystring: z.strictObject({
          status: z.enum(CASE_STATUSES).optional(),
          open: z.enum(['true', 'false']).optional().describe('Only cases someone still has to act on'),
          mine: z.enum(['true', 'false']).optional().describe('Only cases you own'),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: { 200: z.object({ cases: z.array(caseSchema) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'cases:read');
      let query = casesInScope(db.selectFrom('cases').selectAll(), actor);
      if (request.query.status) query = query.where('status', '=', request.query.status);
      if (request.query.open === 'true') query = query.where('status', 'not in', ['resolved', 'closed']);
      if (request.query.mine === 'true') query = query.where('owner_user_id', '=', actor.userId ?? '');
      const rows = await query
        .orderBy('created_at', 'desc')
        .limit(request.query.limit)
        .offset(request.query.offset)
        .execute();
      return { cases: rows.map(present) };
    },
  );

  app.get(
    '/cases/root-causes',
    {
      schema: {
        tags: ['cases'],
        summary: 'The root-cause codeframe: the six Forces and operational causes',
        response: { 200: z.object({ codes: z.array(z.string()) }) },
      },
    },
    async (request) => {
      requireActor(request, 'cases:read');
      return { codes: [...ROOT_CAUSE_CODES] };
    },
  );

  app.get(
    '/cases/:caseId',
    {
      schema: {
        tags: ['cases'],
        summary: 'One case with its timeline (notes, contact log, actions, status changes) and watchers',
        params: caseParams,
        response: {
          200: caseSchema.extend({ entries: z.array(entrySchema), watchers: z.array(z.string()) }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'cases:read');
      const row = await casesInScope(db.selectFrom('cases').selectAll(), actor)
        .where('case_id', '=', request.params.caseId)
        .executeTakeFirst();
      if (!row) throw notFound('case');
      const [entries, watchers] = await Promise.all([
        db
          .selectFrom('case_entries')
          .selectAll()
          .where('org_id', '=', actor.orgId)
          .where('case_id', '=', row.case_id)
          .orderBy('at')
          .execute(),
        db
          .selectFrom('case_watchers')
          .select('user_id')
          .where('org_id', '=', actor.orgId)
          .where('case_id', '=', row.case_id)
          .execute(),
      ]);
      return {
        ...present(row),
        entries: entries.map((e) => ({
          entryId: e.entry_id,
          kind: e.kind,
          body: e.body,
          details: e.details,
          authorUserId: e.author_user_id,
          at: iso(e.at)!,
        })),
        watchers: watchers.map((w) => w.user_id),
      };
    },
  );

  app.patch(
    '/cases/:caseId',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Move a case through its life cycle, reassign it, set its root cause, resolution or due dates',
        params: caseParams,
        body: z.strictObject({
          status: z.enum(CASE_STATUSES).optional(),
          ownerUserId: z.uuid().optional(),
          rootCause: z.enum(ROOT_CAUSE_CODES).nullable().optional(),
          resolution: z.string().max(10_000).nullable().optional(),
          firstContactDueAt: z.iso.datetime({ offset: true }).optional(),
          resolutionDueAt: z.iso.datetime({ offset: true }).optional(),
        }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'cases:work');
      await updateCase(context.database, acting, actor, request.params.caseId, request.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/cases/:caseId/entries',
    {
      schema: {
        tags: ['cases'],
        summary: 'Add a note, a call or email with the customer (the contact log), or an action taken',
        params: caseParams,
        headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
        body: z.strictObject({
          kind: z.enum(ENTRY_KINDS),
          body: z.string().min(1).max(20_000),
          direction: z.enum(['inbound', 'outbound']).optional(),
        }),
        response: { 201: z.object({ entryId: z.string() }), 200: z.object({ entryId: z.string() }) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'cases:work');
      const result = await addCaseEntry(context.database, acting, actor, request.params.caseId, {
        ...request.body,
        idempotencyKey: request.headers['idempotency-key'],
      });
      return reply.code(result.created ? 201 : 200).send({ entryId: result.entryId });
    },
  );

  for (const method of ['PUT', 'DELETE'] as const) {
    app.route({
      method,
      url: '/cases/:caseId/watchers/:userId',
      schema: {
        tags: ['cases'],
        summary: method === 'PUT' ? 'Watch a case (or add a colleague as watcher)' : 'Stop watching a case',
        params: z.strictObject({ caseId: z.uuid(), userId: z.uuid() }),
        response: { 204: z.null() },
      },
      handler: async (request, reply) => {
        const actor = requireActor(request, 'cases:work');
        const params = request.params as { caseId: string; userId: string };
        await setWatcher(context.database, actor, params.caseId, params.userId, method === 'PUT');
        return reply.code(204).send(null);
      },
    });
  }
};
