import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { transaction } from '../db/database.ts';
import type { Schema } from '../db/schema.ts';
import { fileProblem } from '../hierarchy/routes.ts';
import { requireActor } from '../http/authentication.ts';
import type { AppContext } from '../http/context.ts';
import { badRequest, conflict, notFound, Problem } from '../http/problem.ts';
import type { Actor } from '../policies/actor.ts';
import { FileProblem } from './fileProblem.ts';
import { IMPORT_FIELDS, mappingProblems, suggestMapping } from './importFields.ts';
import { enqueueImport } from './importJobs.ts';
import { openTable, type TableFormat } from './tableReader.ts';
import { acceptFileBodies, uploadedBytes, XLSX_TYPE } from './uploadBody.ts';

const CHUNK_BYTES = 1024 * 1024;
const importParams = z.strictObject({ importId: z.string().uuid() });
const rowErrorSchema = z.object({ line: z.number(), column: z.string().optional(), message: z.string() });
const statusSchema = z.object({
  importId: z.string(),
  kind: z.enum(['accounts', 'contacts']),
  format: z.enum(['csv', 'xlsx']),
  fileName: z.string().nullable(),
  status: z.enum(['uploaded', 'queued', 'validating', 'validated', 'committing', 'completed', 'failed']),
  dryRun: z.boolean(),
  skipBadRows: z.boolean(),
  columns: z.array(z.string()),
  mapping: z.record(z.string(), z.string()).nullable(),
  done: z.number().describe('Rows read so far'),
  total: z.number().describe('Rows in the file'),
  badRows: z.number(),
  summary: z.record(z.string(), z.number()).describe('created, updated, skipped once completed'),
  failure: z.string().nullable(),
  errors: z
    .array(rowErrorSchema)
    .describe('Bad rows in line order (a page of them: errorsOffset, errorsLimit)'),
});

/** An import in the actor's scope: organisation-wide actors see all, others those started inside their subtree. */
async function importInScope(db: Kysely<Schema>, actor: Actor, importId: string) {
  const job = await db
    .selectFrom('import_jobs')
    .leftJoin('org_units', (join) =>
      join
        .onRef('org_units.org_id', '=', 'import_jobs.org_id')
        .onRef('org_units.unit_id', '=', 'import_jobs.actor_unit_id'),
    )
    .selectAll('import_jobs')
    .select('org_units.path')
    .where('import_jobs.org_id', '=', actor.orgId)
    .where('import_jobs.import_id', '=', importId)
    .executeTakeFirst();
  if (!job) throw notFound('import');
  if (actor.unitPath !== null && !(job.path ?? '').startsWith(actor.unitPath)) throw notFound('import');
  return job;
}

/**
 * Importing accounts and contacts from CSV or XLSX in three steps: upload the file (it is checked
 * whole and kept; the answer suggests a column mapping), run it as a background job (a dry run, or
 * the real thing), and read its progress and bad rows.
 */
export const importRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { database } = context;
  acceptFileBodies(app);

  app.post(
    '/imports/:kind',
    {
      schema: {
        tags: ['imports'],
        summary: 'Upload a CSV or XLSX file of accounts or contacts',
        description: `Send the file as the body (text/csv or ${XLSX_TYPE}). The whole file is read once: a file that is not a readable table (wrong encoding, ragged rows, no header row, HTML, a damaged workbook) is refused with the line at fault and nothing is kept. An Idempotency-Key header makes retries return the first upload.`,
        params: z.strictObject({ kind: z.enum(['accounts', 'contacts']) }),
        querystring: z.strictObject({ fileName: z.string().max(300).optional() }),
        headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
        response: {
          201: z.object({
            importId: z.string(),
            format: z.enum(['csv', 'xlsx']),
            columns: z.array(z.string()),
            rows: z.number(),
            suggestedMapping: z.record(z.string(), z.string()),
            fields: z.array(z.string()),
          }),
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'accounts:manage');
      const { kind } = request.params;
      const key = request.headers['idempotency-key'] ?? null;
      const format: TableFormat =
        String(request.headers['content-type'] ?? '').includes('spreadsheetml') ||
        request.query.fileName?.toLowerCase().endsWith('.xlsx')
          ? 'xlsx'
          : 'csv';
      if (key) {
        const earlier = await database.db
          .selectFrom('import_jobs')
          .select(['import_id', 'format', 'columns', 'total'])
          .where('org_id', '=', actor.orgId)
          .where('idempotency_key', '=', key)
          .executeTakeFirst();
        if (earlier) {
          // The retried body is not needed: drain it.
          for await (const _ of uploadedBytes(request.body));
          return reply.code(201).send({
            importId: earlier.import_id,
            format: earlier.format,
            columns: earlier.columns,
            rows: earlier.total,
            suggestedMapping: suggestMapping(kind, earlier.columns),
            fields: Object.keys(IMPORT_FIELDS[kind]),
          });
        }
      }
      try {
        const result = await transaction(database, async (trx) => {
          const job = await trx
            .insertInto('import_jobs')
            .values({
              org_id: actor.orgId,
              kind,
              format,
              file_name: request.query.fileName ?? null,
              idempotency_key: key,
              columns: '[]',
              actor_user_id: actor.userId,
              actor_token_id: actor.tokenId,
              actor_unit_id: actor.unitId,
            })
            .returning('import_id')
            .executeTakeFirstOrThrow();
          let seq = 0;
          let pending: Buffer[] = [];
          let size = 0;
          const store = async () => {
            if (size === 0) return;
            await trx
              .insertInto('import_file_chunks')
              .values({
                org_id: actor.orgId,
                import_id: job.import_id,
                seq: seq++,
                bytes: Buffer.concat(pending),
              })
              .execute();
            pending = [];
            size = 0;
          };
          for await (const chunk of uploadedBytes(request.body)) {
            pending.push(chunk);
            size += chunk.length;
            if (size >= CHUNK_BYTES) await store();
          }
          await store();
          if (seq === 0) throw badRequest('The file is empty.', [{ field: 'body', message: 'Empty' }]);
          // Read the kept file back once, whole: a malformed file is refused now, with its line.
          async function* kept() {
            for (let at = 0; at < seq; at++) {
              const chunk = await trx
                .selectFrom('import_file_chunks')
                .select('bytes')
                .where('org_id', '=', actor.orgId)
                .where('import_id', '=', job.import_id)
                .where('seq', '=', at)
                .executeTakeFirstOrThrow();
              yield chunk.bytes;
            }
          }
          const table = await openTable(kept(), format);
          let rows = 0;
          for await (const _ of table.rows) rows++;
          await trx
            .updateTable('import_jobs')
            .set({ columns: JSON.stringify(table.header), total: rows })
            .where('org_id', '=', actor.orgId)
            .where('import_id', '=', job.import_id)
            .execute();
          return { importId: job.import_id, columns: table.header, rows };
        });
        return reply.code(201).send({
          ...result,
          format,
          suggestedMapping: suggestMapping(kind, result.columns),
          fields: Object.keys(IMPORT_FIELDS[kind]),
        });
      } catch (error) {
        if (error instanceof FileProblem) throw fileProblem(error);
        throw error;
      }
    },
  );

  app.post(
    '/imports/:importId/run',
    {
      schema: {
        tags: ['imports'],
        summary: 'Run an uploaded import as a background job: a dry run, or the all-or-nothing commit',
        description:
          'mapping maps file columns to fields (default: the suggested mapping). A dry run reports every bad row and writes nothing. A commit writes nothing if any row is bad, unless skipBadRows. Re-importing updates accounts (by external id, else a unique name) and contacts (by external id, else email) instead of duplicating them; an empty cell keeps the current value.',
        params: importParams,
        body: z.strictObject({
          mapping: z.record(z.string(), z.string()).optional(),
          dryRun: z.boolean().default(false),
          skipBadRows: z.boolean().default(false),
        }),
        response: { 202: z.object({ importId: z.string(), status: z.string(), statusUrl: z.string() }) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'accounts:manage');
      const jobs = context.jobs;
      if (!jobs) throw new Problem(503, 'Unavailable', 'This process runs no job queue.');
      const { importId } = request.params;
      await transaction(database, async (trx) => {
        const job = await importInScope(trx as unknown as Kysely<Schema>, actor, importId);
        await sql`select 1 from import_jobs where org_id = ${actor.orgId} and import_id = ${importId} for update`.execute(
          trx,
        );
        if (['queued', 'validating', 'committing'].includes(job.status))
          throw conflict('This import is already running.', [{ field: 'status', message: job.status }]);
        if (job.status === 'completed')
          throw conflict('This import has been committed; upload the file again to import it again.', [
            { field: 'status', message: job.status },
          ]);
        const mapping = request.body.mapping ?? suggestMapping(job.kind, job.columns);
        const problems = mappingProblems(job.kind, job.columns, mapping);
        if (problems.length)
          throw badRequest(
            'The column mapping cannot be used.',
            problems.map((p) => ({ ...p, field: `body.${p.field}` })),
          );
        await trx
          .updateTable('import_jobs')
          .set({
            status: 'queued',
            mapping: JSON.stringify(mapping),
            dry_run: request.body.dryRun,
            skip_bad_rows: request.body.skipBadRows,
            done: 0,
            bad_rows: 0,
            failure: null,
            updated_at: new Date(),
          })
          .where('org_id', '=', actor.orgId)
          .where('import_id', '=', importId)
          .execute();
        await enqueueImport(jobs, trx, { orgId: actor.orgId, importId });
      });
      return reply.code(202).send({ importId, status: 'queued', statusUrl: `/api/v1/imports/${importId}` });
    },
  );

  app.get(
    '/imports/:importId',
    {
      schema: {
        tags: ['imports'],
        summary: 'An import’s progress (done of total rows), status, summary and bad rows',
        params: importParams,
        querystring: z.strictObject({
          errorsOffset: z.coerce.number().int().min(0).default(0),
          errorsLimit: z.coerce.number().int().min(1).max(10_000).default(1000),
        }),
        response: { 200: statusSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'accounts:read');
      const job = await importInScope(database.db, actor, request.params.importId);
      const bad = await database.db
        .selectFrom('import_rows')
        .select(['line', 'errors'])
        .where('org_id', '=', actor.orgId)
        .where('import_id', '=', job.import_id)
        .where('errors', 'is not', null)
        .orderBy('line')
        .offset(request.query.errorsOffset)
        .limit(request.query.errorsLimit)
        .execute();
      return {
        importId: job.import_id,
        kind: job.kind,
        format: job.format,
        fileName: job.file_name,
        status: job.status,
        dryRun: job.dry_run,
        skipBadRows: job.skip_bad_rows,
        columns: job.columns,
        mapping: job.mapping,
        done: job.done,
        total: job.total,
        badRows: job.bad_rows,
        summary: job.summary,
        failure: job.failure,
        errors: bad.flatMap((row) => (row.errors ?? []).map((e) => ({ line: row.line, ...e }))),
      };
    },
  );
};
