import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { transaction } from '../db/database.ts';
import { requireActor } from '../http/authentication.ts';
import type { AppContext } from '../http/context.ts';
import { Problem } from '../http/problem.ts';
import { FileProblem } from '../imports/fileProblem.ts';
import { openTable } from '../imports/tableReader.ts';
import { acceptFileBodies, uploadedBytes } from '../imports/uploadBody.ts';
import {
  assignUserToUnit,
  createUnit,
  deleteUnit,
  moveUnit,
  renameUnit,
  type UnitRow,
} from './unitCommands.ts';
import { MAX_UNIT_NAME } from './unitTree.ts';
import { importUnitTree } from './unitTreeImport.ts';

const unitName = z.string().trim().min(1).max(MAX_UNIT_NAME);
const unitKind = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9_]+$/, 'Lower-case letters, digits and underscores');
const unitBody = z.object({
  unitId: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  kind: z.string(),
});
const unitParams = z.strictObject({ unitId: z.string().uuid() });
const rowErrorSchema = z.object({ line: z.number(), column: z.string().optional(), message: z.string() });

const present = (unit: UnitRow) => ({
  unitId: unit.unit_id,
  parentId: unit.parent_id,
  name: unit.name,
  kind: unit.kind,
});

/** Creating, renaming, moving and deleting units, importing a tree, and scoping users to units. */
export const hierarchyRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  acceptFileBodies(app);

  app.post(
    '/units',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Create a unit under a parent in your subtree (or at the top, organisation-wide roles only)',
        body: z.strictObject({
          name: unitName,
          kind: unitKind.optional(),
          parentId: z.string().uuid().nullable(),
        }),
        response: { 201: unitBody },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'hierarchy:manage');
      const unit = await transaction(context.database, (trx) => createUnit(trx, actor, request.body));
      return reply.code(201).send(present(unit));
    },
  );

  app.patch(
    '/units/:unitId',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Rename a unit or change its kind',
        params: unitParams,
        body: z.strictObject({ name: unitName.optional(), kind: unitKind.optional() }),
        response: { 200: unitBody },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'hierarchy:manage');
      const unit = await transaction(context.database, (trx) =>
        renameUnit(trx, actor, request.params.unitId, request.body),
      );
      return present(unit);
    },
  );

  app.post(
    '/units/:unitId/move',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Move a unit and its whole subtree under another parent (null: to the top)',
        params: unitParams,
        body: z.strictObject({ parentId: z.string().uuid().nullable() }),
        response: { 200: unitBody },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'hierarchy:manage');
      const unit = await transaction(context.database, (trx) =>
        moveUnit(trx, actor, request.params.unitId, request.body.parentId),
      );
      return present(unit);
    },
  );

  app.delete(
    '/units/:unitId',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Delete a unit; refused while anything hangs off it unless reassignTo names where it goes',
        params: unitParams,
        querystring: z.strictObject({ reassignTo: z.string().uuid().optional() }),
        response: { 200: z.object({ deleted: z.string(), reassigned: z.record(z.string(), z.number()) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'hierarchy:manage');
      const result = await transaction(context.database, (trx) =>
        deleteUnit(trx, actor, request.params.unitId, request.query.reassignTo ?? null),
      );
      return { deleted: request.params.unitId, ...result };
    },
  );

  app.put(
    '/users/:userId/unit',
    {
      schema: {
        tags: ['organisation'],
        summary:
          'Scope a user to a unit of your subtree (null: the whole organisation, organisation-wide roles only)',
        params: z.strictObject({ userId: z.string().uuid() }),
        body: z.strictObject({ unitId: z.string().uuid().nullable() }),
        response: { 200: z.object({ userId: z.string(), unitId: z.string().nullable() }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'hierarchy:manage');
      await transaction(context.database, (trx) =>
        assignUserToUnit(trx, actor, request.params.userId, request.body.unitId),
      );
      return { userId: request.params.userId, unitId: request.body.unitId };
    },
  );

  app.post(
    '/units/import',
    {
      schema: {
        tags: ['organisation'],
        summary:
          'Import a tree of units from CSV (a `path` column like Europe/Italy/Milan, or one column per level); importing again creates nothing new',
        description:
          'Send the CSV as the request body (text/csv). A unit-scoped user imports below their own unit. Bad rows refuse the whole file unless skipBadRows=true.',
        querystring: z.strictObject({
          dryRun: z.enum(['true', 'false']).default('false'),
          skipBadRows: z.enum(['true', 'false']).default('false'),
        }),
        response: {
          200: z.object({
            rows: z.number(),
            created: z.number(),
            existing: z.number(),
            dryRun: z.boolean(),
            badRows: z.array(rowErrorSchema),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'hierarchy:manage');
      try {
        const table = await openTable(uploadedBytes(request.body), 'csv');
        return await transaction(context.database, (trx) =>
          importUnitTree(trx, actor, table, {
            dryRun: request.query.dryRun === 'true',
            skipBadRows: request.query.skipBadRows === 'true',
          }),
        );
      } catch (error) {
        if (error instanceof FileProblem) throw fileProblem(error);
        throw error;
      }
    },
  );
};

/** A file that is not a readable table, as one problem naming the line. */
export function fileProblem(error: FileProblem): Problem {
  return new Problem(422, 'Unreadable file', `${error.message} Nothing was imported.`, [
    { field: error.line === null ? 'file' : `line ${error.line}`, message: error.message },
  ]);
}
