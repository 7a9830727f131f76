import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { recordAudit } from '../audit/record.ts';
import type { Schema } from '../db/schema.ts';

type NewUnit = {
  org_id: string;
  unit_id: string;
  parent_id: string | null;
  name: string;
  kind: string;
  path: string;
};

import { Problem } from '../http/problem.ts';
import type { RowError } from '../imports/rowError.ts';
import { rowErrorFields } from '../imports/rowError.ts';
import type { Table } from '../imports/tableReader.ts';
import type { ScopedActor } from './unitCommands.ts';
import { childPath } from './unitPaths.ts';
import { treeShape, unitChainOf } from './unitTree.ts';

export interface TreeImportResult {
  rows: number;
  created: number;
  existing: number;
  badRows: RowError[];
  dryRun: boolean;
}

interface KnownUnit {
  unitId: string;
  path: string;
}

const keyOf = (parentId: string | null, name: string) => `${parentId ?? ''}|${name.toLowerCase()}`;

/**
 * Imports a tree of units in the caller's transaction. A unit is found by its parent and its name
 * (case-insensitive), so importing the same file again creates nothing. An organisation-wide actor
 * imports from the top; a unit-scoped actor's file is read as the tree below their own unit. Bad rows
 * refuse the whole file unless `skipBadRows`; a dry run reports what would happen and writes nothing.
 */
export async function importUnitTree(
  trx: Transaction<Schema>,
  actor: ScopedActor,
  table: Table,
  options: { dryRun: boolean; skipBadRows: boolean },
): Promise<TreeImportResult> {
  // The lock keeps two imports of the same organisation from creating the same unit twice.
  await sql`select pg_advisory_xact_lock(hashtext(${`units:${actor.orgId}`}))`.execute(trx);
  let query = trx
    .selectFrom('org_units')
    .select(['unit_id', 'parent_id', 'name', 'path'])
    .where('org_id', '=', actor.orgId);
  if (actor.unitPath) query = query.where('path', 'like', `${actor.unitPath}%`);
  const known = new Map<string, KnownUnit>();
  for (const unit of await query.execute()) {
    known.set(keyOf(unit.parent_id, unit.name), { unitId: unit.unit_id, path: unit.path });
  }
  const top: KnownUnit | null = actor.unitPath ? { unitId: actor.unitId!, path: actor.unitPath } : null;
  const shape = treeShape(table.header);
  const toCreate: NewUnit[] = [];
  const badRows: RowError[] = [];
  let rows = 0;
  let existing = 0;
  const seenExisting = new Set<string>();
  for await (const row of table.rows) {
    rows++;
    const chain = unitChainOf(shape, row);
    if ('error' in chain) {
      badRows.push({ line: chain.line, message: chain.error });
      continue;
    }
    let parent = top;
    chain.names.forEach((name, depth) => {
      const key = keyOf(parent?.unitId ?? null, name);
      let unit = known.get(key);
      if (!unit) {
        const unitId = randomUUID();
        unit = { unitId, path: childPath(parent?.path ?? null, unitId) };
        known.set(key, unit);
        seenExisting.add(unit.unitId);
        toCreate.push({
          org_id: actor.orgId,
          unit_id: unitId,
          parent_id: parent?.unitId ?? null,
          name,
          kind: chain.kinds[depth] ?? 'team',
          path: unit.path,
        });
      } else if (!seenExisting.has(unit.unitId)) {
        seenExisting.add(unit.unitId);
        existing++;
      }
      parent = unit;
    });
  }
  if (badRows.length > 0 && !options.skipBadRows && !options.dryRun) {
    throw new Problem(
      422,
      'Import refused',
      `${badRows.length} rows of the file are wrong; nothing was imported (fix them, or ask to skip bad rows).`,
      rowErrorFields(badRows),
    );
  }
  if (!options.dryRun) {
    for (let at = 0; at < toCreate.length; at += 500) {
      await trx
        .insertInto('org_units')
        .values(toCreate.slice(at, at + 500))
        .execute();
    }
    await recordAudit(trx, actor, 'unit.import', null, {
      rows,
      created: toCreate.length,
      skipped: badRows.length,
    });
  }
  return { rows, created: toCreate.length, existing, badRows, dryRun: options.dryRun };
}
