import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import { requireActor } from '../http/authentication.ts';
import type { AppContext } from '../http/context.ts';
import { badRequest, forbidden, notFound, Problem } from '../http/problem.ts';
import { MappingError, mappingFileSchema } from './columnMapping.ts';
import { IMPORT_FORMATS } from './exportLayout.ts';
import { EXPORT_FORMATS, responseExport } from './exportResponses.ts';
import { ImportFileError } from './importFileError.ts';
import { importResponses, importTarget } from './importResponses.ts';
import { exportedResponseCount, jsonLinesExport } from './jsonLinesExport.ts';

/** The largest export accepted in one request body; bigger files go through `rapport import`. */
const IMPORT_BODY_LIMIT = 256 * 1024 * 1024;

const reasonSchema = z.object({ reason: z.string(), count: z.number(), lines: z.array(z.number()) });
const targetSchema = z.record(z.string(), z.unknown());
const summarySchema = z.object({
  survey: z.string(),
  format: z.enum(IMPORT_FORMATS),
  shape: z.string().describe('qualtrics, qualtrics-2016, qualtrics-legacy or limesurvey'),
  dryRun: z.boolean(),
  rows: z.number(),
  imported: z.number().describe('Responses stored (or, in a dry run, that would be stored)'),
  skipped: z.object({ count: z.number(), reasons: z.array(reasonSchema) }),
  mapping: z.array(z.object({ column: z.string(), label: z.string(), target: targetSchema, by: z.string() })),
  unmapped: z.array(z.object({ column: z.string(), label: z.string(), reason: z.string() })),
});

const surveyParams = z.strictObject({ surveyId: z.string().uuid() });

/** Historic response import (a Qualtrics or LimeSurvey export as the raw body) and response export. */
export const responseFileRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { database } = context;
  // The export arrives as the raw body; it is decoded and checked by the importer, not here.
  for (const type of ['text/csv', 'application/octet-stream'])
    app.addContentTypeParser(
      type,
      { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );

  app.post(
    '/surveys/:surveyId/response-imports',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['responses'],
        summary:
          'Import a Qualtrics or LimeSurvey response export (text/csv body); re-importing stores nothing twice',
        params: surveyParams,
        querystring: z.strictObject({
          format: z.enum(IMPORT_FORMATS),
          dryRun: z.enum(['true', 'false']).optional(),
          source: z.string().max(64).optional().describe('Keeps response ids of different sources apart'),
          mapping: z
            .string()
            .optional()
            .describe(
              'A mapping file as JSON: {"columns": {"Q1": "nps", "Q4_1": {"question": "channels", "row": "portal"}}}',
            ),
        }),
        response: { 200: summarySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'surveys:manage');
      // Imported responses belong to the whole organisation until matched to a contact's unit.
      if (actor.unitPath !== null) throw forbidden('Importing responses needs organisation-wide access.');
      if (!Buffer.isBuffer(request.body) || request.body.length === 0)
        throw badRequest('Send the export as the body (Content-Type: text/csv).', [
          { field: 'body', message: 'Empty or not text/csv' },
        ]);
      let mapping = null;
      if (request.query.mapping) {
        let json: unknown;
        try {
          json = JSON.parse(request.query.mapping);
        } catch {
          throw badRequest('The mapping is not valid JSON.', [
            { field: 'query.mapping', message: 'Invalid JSON' },
          ]);
        }
        const parsed = mappingFileSchema.safeParse(json);
        if (!parsed.success)
          throw badRequest(
            'The mapping does not have the mapping file shape.',
            parsed.error.issues.map((i) => ({
              field: ['query.mapping', ...i.path].join('.'),
              message: i.message,
            })),
          );
        mapping = parsed.data;
      }
      const target = await importTarget(database, actor.orgId, { surveyId: request.params.surveyId });
      if (!target) throw notFound('published survey');
      try {
        const summary = await importResponses(
          database,
          target,
          { bytes: request.body },
          {
            format: request.query.format,
            mapping,
            source: request.query.source,
            dryRun: request.query.dryRun === 'true',
          },
        );
        if (!summary.dryRun)
          await recordAudit(
            database.db,
            actor,
            'responses.import',
            { type: 'survey', id: target.surveyId },
            {
              format: summary.format,
              shape: summary.shape,
              rows: summary.rows,
              imported: summary.imported,
              skipped: summary.skipped.count,
            },
          );
        return summary;
      } catch (error) {
        if (error instanceof ImportFileError)
          throw new Problem(422, 'Unreadable export', error.message, [
            { field: 'body', message: error.message },
          ]);
        if (error instanceof MappingError)
          throw new Problem(422, 'Invalid mapping', error.message, [
            { field: 'query.mapping', message: error.message },
          ]);
        throw error;
      }
    },
  );

  app.get(
    '/surveys/:surveyId/responses/export',
    {
      schema: {
        tags: ['responses'],
        summary:
          'Export the responses you may see: one column per question with a label row (CSV or XLSX), or one JSON object per line (jsonl); streamed, the X-Total-Count header gives the number of responses',
        params: surveyParams,
        querystring: z.strictObject({ format: z.enum([...EXPORT_FORMATS, 'jsonl']).default('csv') }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'responses:read');
      const target = await importTarget(database, actor.orgId, { surveyId: request.params.surveyId });
      if (!target) throw notFound('published survey');
      const format = request.query.format;
      // The total goes first, so a client can show progress as the lines (or rows) arrive.
      reply.header('x-total-count', String(await exportedResponseCount(database, actor, target.surveyId)));
      if (format === 'jsonl')
        return reply
          .header('content-type', 'application/jsonl; charset=utf-8')
          .header('content-disposition', `attachment; filename="${target.slug}-responses.jsonl"`)
          .send(jsonLinesExport(database, actor, target.surveyId));
      reply
        .header(
          'content-type',
          format === 'csv'
            ? 'text/csv; charset=utf-8'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        )
        .header('content-disposition', `attachment; filename="${target.slug}-responses.${format}"`);
      return reply.send(responseExport(database, actor, target, format));
    },
  );
};
