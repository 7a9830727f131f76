import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { enqueueForRollups } from '../analytics/rollups.ts';
import { recordAudit } from '../audit/record.ts';
import { transaction } from '../db/database.ts';
import { requireActor } from '../http/authentication.ts';
import type { AppContext } from '../http/context.ts';
import { notFound } from '../http/problem.ts';
import { inScope } from '../policies/scope.ts';

const responseSchema = z.object({
  responseId: z.string(),
  surveyId: z.string(),
  surveyVersion: z.number(),
  accountId: z.string().nullable(),
  contactId: z.string().nullable(),
  unitId: z.string().nullable(),
  touchpointId: z.string().nullable(),
  language: z.string(),
  channel: z.string(),
  submittedAt: z.string(),
  nps: z.number().nullable(),
  csat: z.number().nullable(),
  forces: z.record(z.string(), z.number().nullable()),
  attachment: z.number().nullable(),
  segment: z.string().nullable(),
  relationshipStrength: z.number().nullable(),
  qualityFlags: z.array(z.string()),
  excluded: z.boolean().describe('Left out of analysis (flagged by the cleaning rules, or excluded by hand)'),
});

const columns = [
  'responses.response_id',
  'responses.survey_id',
  'responses.survey_version',
  'responses.account_id',
  'responses.contact_id',
  'responses.unit_id',
  'responses.touchpoint_id',
  'responses.language',
  'responses.channel',
  'responses.submitted_at',
  'responses.nps',
  'responses.csat',
  'responses.force_certainty',
  'responses.force_control',
  'responses.force_fair_treatment',
  'responses.force_belonging',
  'responses.force_status',
  'responses.force_enjoyment',
  'responses.attachment',
  'responses.segment',
  'responses.relationship_strength',
  'responses.quality_flags',
  'responses.excluded',
] as const;

type Row = {
  response_id: string;
  survey_id: string;
  survey_version: number;
  account_id: string | null;
  contact_id: string | null;
  unit_id: string | null;
  touchpoint_id: string | null;
  language: string;
  channel: string;
  submitted_at: Date;
  nps: number | null;
  csat: number | null;
  force_certainty: number | null;
  force_control: number | null;
  force_fair_treatment: number | null;
  force_belonging: number | null;
  force_status: number | null;
  force_enjoyment: number | null;
  attachment: number | null;
  segment: string | null;
  relationship_strength: number | null;
  quality_flags: string[];
  excluded: boolean;
};

function present(row: Row) {
  return {
    responseId: row.response_id,
    surveyId: row.survey_id,
    surveyVersion: row.survey_version,
    accountId: row.account_id,
    contactId: row.contact_id,
    unitId: row.unit_id,
    touchpointId: row.touchpoint_id,
    language: row.language,
    channel: row.channel,
    submittedAt: new Date(row.submitted_at).toISOString(),
    nps: row.nps,
    csat: row.csat,
    forces: {
      certainty: row.force_certainty,
      control: row.force_control,
      fairTreatment: row.force_fair_treatment,
      belonging: row.force_belonging,
      status: row.force_status,
      enjoyment: row.force_enjoyment,
    },
    attachment: row.attachment,
    segment: row.segment,
    relationshipStrength: row.relationship_strength,
    qualityFlags: row.quality_flags,
    excluded: row.excluded,
  };
}

/** Individual responses, newest first, limited to the actor's subtree. */
export const responseRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.database;

  app.get(
    '/responses',
    {
      schema: {
        tags: ['responses'],
        summary: 'Responses in your scope, newest first',
        querystring: z.strictObject({
          surveyId: z.string().uuid().optional().describe('Only this survey'),
          flagged: z
            .enum(['true', 'false'])
            .optional()
            .describe('Only responses with (true) or without (false) quality flags'),
          excluded: z
            .enum(['true', 'false'])
            .optional()
            .describe('Only responses left out of analysis (true) or counted (false)'),
          limit: z.coerce.number().int().min(1).max(500).default(50).describe('Rows per page'),
          before: z.iso
            .datetime({ offset: true })
            .optional()
            .describe('Only responses submitted before this time'),
        }),
        response: { 200: z.object({ responses: z.array(responseSchema) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'responses:read');
      let query = inScope(db.selectFrom('responses'), actor, 'responses').select(columns);
      if (request.query.surveyId) query = query.where('responses.survey_id', '=', request.query.surveyId);
      if (request.query.flagged) {
        query = query.where(
          sql<boolean>`cardinality(responses.quality_flags) > 0`,
          '=',
          request.query.flagged === 'true',
        );
      }
      if (request.query.excluded)
        query = query.where('responses.excluded', '=', request.query.excluded === 'true');
      query = query.where('responses.status', '=', 'complete');
      if (request.query.before)
        query = query.where('responses.submitted_at', '<', new Date(request.query.before));
      const rows = await query.orderBy('responses.submitted_at', 'desc').limit(request.query.limit).execute();
      return { responses: rows.map(present) };
    },
  );

  app.get(
    '/responses/:responseId',
    {
      schema: {
        tags: ['responses'],
        summary: 'One response',
        params: z.strictObject({ responseId: z.string().uuid() }),
        response: { 200: z.object({ response: responseSchema }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'responses:read');
      const row = await inScope(db.selectFrom('responses'), actor, 'responses')
        .select(columns)
        .where('responses.response_id', '=', request.params.responseId)
        .executeTakeFirst();
      if (!row) throw notFound('response');
      return { response: present(row) };
    },
  );

  for (const [action, excluded] of [
    ['exclude', true],
    ['restore', false],
  ] as const) {
    app.post(
      `/responses/:responseId/${action}`,
      {
        schema: {
          tags: ['responses'],
          summary:
            action === 'exclude'
              ? 'Leave a response out of analysis'
              : 'Count a flagged or excluded response again',
          params: z.strictObject({ responseId: z.string().uuid() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request, 'surveys:manage');
        const found = await inScope(db.selectFrom('responses'), actor, 'responses')
          .select(['responses.response_id', 'responses.excluded', 'responses.status'])
          .where('responses.response_id', '=', request.params.responseId)
          .executeTakeFirst();
        if (found?.status !== 'complete') throw notFound('response');
        if (found.excluded === excluded) return reply.code(204).send(null);
        await transaction(context.database, async (trx) => {
          // Conditional on the current state, so two clicks at once change the rollups only once.
          const changed = await trx
            .updateTable('responses')
            .set({ excluded })
            .where('org_id', '=', actor.orgId)
            .where('response_id', '=', found.response_id)
            .where('excluded', '=', !excluded)
            .executeTakeFirst();
          if (changed.numUpdatedRows === 0n) return;
          await enqueueForRollups(trx, actor.orgId, found.response_id, excluded ? -1 : 1);
          await recordAudit(trx, actor, `response.${action}`, { type: 'response', id: found.response_id });
        });
        return reply.code(204).send(null);
      },
    );
  }
};
