import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { transaction } from '../db/database.ts';
import { requireActor } from '../http/authentication.ts';
import type { AppContext } from '../http/context.ts';
import { Problem } from '../http/problem.ts';
import { FeedbackImportError, importFeedback } from './importFeedback.ts';
import {
  FEEDBACK_SOURCES,
  type FeedbackLineError,
  type FeedbackSource,
  parseFeedback,
} from './parseFeedback.ts';

const MATCHES = ['contact', 'accountExternalId', 'emailDomain', 'domain', 'none'] as const;

const summarySchema = z.object({
  dryRun: z.boolean(),
  format: z.enum(['csv', 'json']),
  received: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  matched: z.record(z.enum(MATCHES), z.number().int()),
  lines: z.array(
    z.object({
      line: z.number().int(),
      match: z.enum(MATCHES),
      accountId: z.string().nullable(),
      duplicate: z.boolean(),
    }),
  ),
});

const querySchema = z.strictObject({
  source: z.enum(FEEDBACK_SOURCES).optional().describe('Source of records that name none'),
  format: z.enum(['csv', 'json']).optional().describe('Default: guessed from the content'),
  dryRun: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('Match and count, store nothing'),
});

const jsonBody = z.strictObject({
  source: z.enum(FEEDBACK_SOURCES).optional(),
  format: z.enum(['csv', 'json']).optional(),
  dryRun: z.boolean().optional(),
  /** The file's text (CSV, JSON array or JSON Lines). */
  content: z.string().optional(),
  /** Or the records themselves. */
  records: z.array(z.record(z.string(), z.unknown())).max(100_000).optional(),
});

/** A bad import: 422, each bad line a field `lines.N.field`. */
export function invalidFeedback(errors: FeedbackLineError[]): Problem {
  return new Problem(
    422,
    'Invalid feedback',
    `${new Set(errors.map((e) => e.line)).size} line(s) cannot be imported; nothing was stored.`,
    errors.map((e) => ({ field: `lines.${e.line}.${e.field}`, message: e.message })),
  );
}

/** Unsolicited feedback: importing reviews, tickets, social posts and e-mails from CSV or JSON. */
export const feedbackRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  // A raw file as the body: CSV or JSON Lines, read as text.
  app.addContentTypeParser(
    ['text/csv', 'text/plain', 'application/x-ndjson', 'application/jsonl'],
    { parseAs: 'string' },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/feedback/imports',
    {
      bodyLimit: 50 * 1024 * 1024,
      schema: {
        tags: ['feedback'],
        summary:
          'Import reviews, tickets, social posts or e-mails (CSV or JSON) as comments matched to accounts; a failed import stores nothing, a re-import skips what is stored',
        querystring: querySchema,
        body: z.union([z.string(), z.array(z.record(z.string(), z.unknown())).max(100_000), jsonBody]),
        response: { 200: summarySchema, 201: summarySchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'feedback:import');
      const body = request.body;
      const query = request.query;
      const options = typeof body === 'string' || Array.isArray(body) ? {} : body;
      const source: FeedbackSource | undefined = options.source ?? query.source;
      const dryRun = options.dryRun ?? query.dryRun ?? false;
      let parsed: ReturnType<typeof parseFeedback>;
      if (typeof body === 'string') {
        parsed = parseFeedback(body, { format: query.format, source });
      } else if (Array.isArray(body)) {
        parsed = parseFeedback(JSON.stringify(body), { format: 'json', source });
      } else if (body.records) {
        parsed = parseFeedback(JSON.stringify(body.records), { format: 'json', source });
      } else if (body.content !== undefined) {
        parsed = parseFeedback(body.content, { format: body.format ?? query.format, source });
      } else {
        throw new Problem(422, 'Invalid feedback', 'Send the file as the body, or content or records.', [
          { field: 'body.content', message: 'Give content (the file) or records' },
        ]);
      }
      if (parsed.errors.length) throw invalidFeedback(parsed.errors);
      try {
        const summary = await transaction(context.database, (trx) =>
          importFeedback(trx, actor, parsed.records, { dryRun }),
        );
        return reply.code(dryRun ? 200 : 201).send({ ...summary, format: parsed.format });
      } catch (error) {
        if (error instanceof FeedbackImportError) throw invalidFeedback(error.errors);
        throw error;
      }
    },
  );
};
