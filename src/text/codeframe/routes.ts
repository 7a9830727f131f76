import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../../audit/record.ts';
import { transaction } from '../../db/database.ts';
import type { Schema } from '../../db/schema.ts';
import { requireActor } from '../../http/authentication.ts';
import type { AppContext } from '../../http/context.ts';
import { conflict, notFound, Problem } from '../../http/problem.ts';
import type { Actor } from '../../policies/actor.ts';
import { startRelabelRun } from '../pipeline/relabelRuns.ts';
import { parseTopicRule, TopicRuleError } from '../topicRule.ts';

const topicBody = z
  .strictObject({
    key: z
      .string()
      .trim()
      .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, {
        error: 'a letter, then letters, digits, - or _ (64 at most)',
      }),
    rule: z.string().trim().min(1).max(2000).nullable().default(null),
    examples: z
      .array(z.strictObject({ text: z.string().trim().min(1).max(2000), language: z.enum(['en', 'it']) }))
      .max(200)
      .default([]),
    threshold: z.number().min(0).max(1).nullable().default(null),
  })
  .refine((t) => t.rule !== null || t.examples.length > 0, {
    error: 'a topic needs a rule, examples, or both',
    path: ['rule'],
  });

const topicSchema = z.object({
  topicId: z.string(),
  key: z.string(),
  rule: z.string().nullable(),
  examples: z.array(z.object({ text: z.string(), language: z.enum(['en', 'it']) })),
  threshold: z.number().nullable(),
  updatedAt: z.string(),
});

type TopicRow = {
  topic_id: string;
  key: string;
  rule: string | null;
  examples: unknown;
  threshold: number | null;
  updated_at: Date;
};
const toTopic = (row: TopicRow) => ({
  topicId: row.topic_id,
  key: row.key,
  rule: row.rule,
  examples: row.examples as { text: string; language: 'en' | 'it' }[],
  threshold: row.threshold,
  updatedAt: new Date(row.updated_at).toISOString(),
});

/** A malformed rule: 422 naming body.rule and the character where it goes wrong. */
function checkRule(rule: string | null): void {
  if (rule === null) return;
  try {
    parseTopicRule(rule);
  } catch (error) {
    if (!(error instanceof TopicRuleError)) throw error;
    throw new Problem(422, 'Invalid topic rule', error.message, [
      { field: 'body.rule', message: `${error.message}` },
    ]);
  }
}

/** After the codeframe changes, the organisation's comments are read again. */
async function codeframeChanged(trx: Transaction<Schema>, actor: Actor, action: string, details: object) {
  const run = await startRelabelRun(trx, actor.orgId, 'codeframe changed');
  await recordAudit(trx, actor, action, null, { ...details, relabelRunId: run.runId });
}

const COLUMNS = ['topic_id', 'key', 'rule', 'examples', 'threshold', 'updated_at'] as const;

/** The organisation's codeframe: topics by keyword rule and/or examples. */
export const codeframeRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.database;

  app.get(
    '/text/topics',
    {
      schema: {
        tags: ['text'],
        summary: "The organisation's topics (none: the built-in codeframe applies)",
        response: { 200: z.object({ topics: z.array(topicSchema) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'comments:read');
      const rows = await db
        .selectFrom('text_topics')
        .select(COLUMNS)
        .where('org_id', '=', actor.orgId)
        .orderBy('key')
        .execute();
      return { topics: rows.map(toTopic) };
    },
  );

  app.post(
    '/text/topics',
    {
      schema: {
        tags: ['text'],
        summary: 'Add a topic (its comments are re-labelled in the background)',
        body: topicBody,
        response: { 201: topicSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'text:manage');
      checkRule(request.body.rule);
      const row = await transaction(context.database, async (trx) => {
        const existing = await trx
          .selectFrom('text_topics')
          .select('topic_id')
          .where('org_id', '=', actor.orgId)
          .where('key', '=', request.body.key)
          .executeTakeFirst();
        if (existing)
          throw conflict('A topic with this key exists.', [{ field: 'body.key', message: 'already used' }]);
        const inserted = await trx
          .insertInto('text_topics')
          .values({ org_id: actor.orgId, ...request.body, examples: JSON.stringify(request.body.examples) })
          .returning(COLUMNS)
          .executeTakeFirstOrThrow();
        await codeframeChanged(trx, actor, 'text.topic.create', { key: inserted.key });
        return inserted;
      });
      return reply.code(201).send(toTopic(row));
    },
  );

  app.put(
    '/text/topics/:topicId',
    {
      schema: {
        tags: ['text'],
        summary: 'Replace a topic',
        params: z.strictObject({ topicId: z.uuid() }),
        body: topicBody,
        response: { 200: topicSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'text:manage');
      checkRule(request.body.rule);
      const row = await transaction(context.database, async (trx) => {
        const clash = await trx
          .selectFrom('text_topics')
          .select('topic_id')
          .where('org_id', '=', actor.orgId)
          .where('key', '=', request.body.key)
          .where('topic_id', '<>', request.params.topicId)
          .executeTakeFirst();
        if (clash)
          throw conflict('A topic with this key exists.', [{ field: 'body.key', message: 'already used' }]);
        const updated = await trx
          .updateTable('text_topics')
          .set({ ...request.body, examples: JSON.stringify(request.body.examples), updated_at: new Date() })
          .where('org_id', '=', actor.orgId)
          .where('topic_id', '=', request.params.topicId)
          .returning(COLUMNS)
          .executeTakeFirst();
        if (!updated) throw notFound('topic');
        await codeframeChanged(trx, actor, 'text.topic.update', { key: updated.key });
        return updated;
      });
      return toTopic(row);
    },
  );

  app.delete(
    '/text/topics/:topicId',
    {
      schema: {
        tags: ['text'],
        summary: 'Remove a topic',
        params: z.strictObject({ topicId: z.uuid() }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'text:manage');
      await transaction(context.database, async (trx) => {
        const deleted = await trx
          .deleteFrom('text_topics')
          .where('org_id', '=', actor.orgId)
          .where('topic_id', '=', request.params.topicId)
          .returning('key')
          .executeTakeFirst();
        if (!deleted) throw notFound('topic');
        await codeframeChanged(trx, actor, 'text.topic.delete', { key: deleted.key });
      });
      return reply.code(204).send();
    },
  );
};
