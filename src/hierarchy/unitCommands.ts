import { randomUUID } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import { recordAudit } from '../audit/record.ts';
import type { Schema } from '../db/schema.ts';
import { badRequest, conflict, forbidden, notFound } from '../http/problem.ts';
import { membershipWithUnitPath } from '../identity/memberships.ts';
import type { Actor } from '../policies/actor.ts';
import { unitInScope } from '../policies/scope.ts';
import { childPath, moveMakesCycle, repath } from './unitPaths.ts';

type Trx = Transaction<Schema> | Kysely<Schema>;
export type ScopedActor = Pick<Actor, 'orgId' | 'userId' | 'tokenId' | 'unitId' | 'unitPath'>;

export interface UnitRow {
  unit_id: string;
  parent_id: string | null;
  name: string;
  kind: string;
  path: string;
}

/** A unit inside the actor's subtree, locked for the rest of the transaction; 404 otherwise. */
export async function unitInScopeForUpdate(
  trx: Trx,
  actor: ScopedActor,
  unitId: string,
  what = 'unit',
): Promise<UnitRow> {
  const unit = await trx
    .selectFrom('org_units')
    .select(['unit_id', 'parent_id', 'name', 'kind', 'path'])
    .where('org_id', '=', actor.orgId)
    .where('unit_id', '=', unitId)
    .forUpdate()
    .executeTakeFirst();
  if (!unit || !unitInScope(actor as Actor, unit.path)) throw notFound(what);
  return unit;
}

/** The unit an actor's own access hangs from may be renamed but not moved or deleted by that actor. */
function refuseOwnScopeRoot(actor: ScopedActor, unitId: string, verb: string): void {
  if (actor.unitId === unitId)
    throw forbidden(`You cannot ${verb} the unit your own access is scoped to; ask someone above it.`);
}

const SIBLING_TAKEN = 'A unit with this name already exists under the same parent.';

async function refuseSiblingName(
  trx: Trx,
  orgId: string,
  parentId: string | null,
  name: string,
  exceptUnitId: string | null,
  field: string,
): Promise<void> {
  let query = trx
    .selectFrom('org_units')
    .select('unit_id')
    .where('org_id', '=', orgId)
    .where(sql<boolean>`lower(name) = lower(${name})`);
  query = parentId === null ? query.where('parent_id', 'is', null) : query.where('parent_id', '=', parentId);
  if (exceptUnitId) query = query.where('unit_id', '<>', exceptUnitId);
  if (await query.executeTakeFirst()) throw conflict(SIBLING_TAKEN, [{ field, message: 'Name taken' }]);
}

export async function createUnit(
  trx: Trx,
  actor: ScopedActor,
  input: { name: string; kind?: string; parentId: string | null },
): Promise<UnitRow> {
  if (input.parentId === null && actor.unitPath !== null)
    throw forbidden(
      'Only organisation-wide roles can create a top-level unit; give a parent in your subtree.',
    );
  const parent = input.parentId
    ? await unitInScopeForUpdate(trx, actor, input.parentId, 'parent unit')
    : null;
  await refuseSiblingName(trx, actor.orgId, input.parentId, input.name, null, 'body.name');
  const unitId = randomUUID();
  const row: UnitRow = {
    unit_id: unitId,
    parent_id: parent?.unit_id ?? null,
    name: input.name,
    kind: input.kind ?? 'team',
    path: childPath(parent?.path ?? null, unitId),
  };
  await trx
    .insertInto('org_units')
    .values({ org_id: actor.orgId, ...row })
    .execute();
  await recordAudit(trx, actor, 'unit.create', { type: 'unit', id: unitId }, { name: row.name });
  return row;
}

export async function renameUnit(
  trx: Trx,
  actor: ScopedActor,
  unitId: string,
  input: { name?: string; kind?: string },
): Promise<UnitRow> {
  const unit = await unitInScopeForUpdate(trx, actor, unitId);
  if (input.name !== undefined)
    await refuseSiblingName(trx, actor.orgId, unit.parent_id, input.name, unit.unit_id, 'body.name');
  const changed = { ...unit, name: input.name ?? unit.name, kind: input.kind ?? unit.kind };
  await trx
    .updateTable('org_units')
    .set({ name: changed.name, kind: changed.kind })
    .where('org_id', '=', actor.orgId)
    .where('unit_id', '=', unitId)
    .execute();
  await recordAudit(
    trx,
    actor,
    'unit.rename',
    { type: 'unit', id: unitId },
    { from: { name: unit.name, kind: unit.kind }, to: { name: changed.name, kind: changed.kind } },
  );
  return changed;
}

/**
 * Moves a unit with its whole subtree under a new parent (or to the top): every descendant's path is
 * rewritten by one statement in the caller's transaction. Moving a unit under itself or one of its
 * descendants is refused.
 */
export async function moveUnit(
  trx: Trx,
  actor: ScopedActor,
  unitId: string,
  parentId: string | null,
): Promise<UnitRow> {
  refuseOwnScopeRoot(actor, unitId, 'move');
  const unit = await unitInScopeForUpdate(trx, actor, unitId);
  if (parentId === null && actor.unitPath !== null)
    throw forbidden('Only organisation-wide roles can move a unit to the top level.');
  const parent = parentId ? await unitInScopeForUpdate(trx, actor, parentId, 'parent unit') : null;
  if (moveMakesCycle(unit.path, parent?.path ?? null)) {
    throw conflict('A unit cannot move under itself or one of its own descendants.', [
      { field: 'body.parentId', message: 'Would create a cycle' },
    ]);
  }
  await refuseSiblingName(trx, actor.orgId, parentId, unit.name, unit.unit_id, 'body.parentId');
  const newPath = childPath(parent?.path ?? null, unit.unit_id);
  // Lock the subtree first so a concurrent move of a descendant waits for this one.
  await sql`select 1 from org_units where org_id = ${actor.orgId} and path like ${`${unit.path}%`} for update`.execute(
    trx,
  );
  await sql`update org_units
      set path = ${newPath} || substr(path, ${unit.path.length + 1})
      where org_id = ${actor.orgId} and path like ${`${unit.path}%`}`.execute(trx);
  await trx
    .updateTable('org_units')
    .set({ parent_id: parent?.unit_id ?? null })
    .where('org_id', '=', actor.orgId)
    .where('unit_id', '=', unitId)
    .execute();
  await recordAudit(
    trx,
    actor,
    'unit.move',
    { type: 'unit', id: unitId },
    { fromParent: unit.parent_id, toParent: parent?.unit_id ?? null },
  );
  return { ...unit, parent_id: parent?.unit_id ?? null, path: repath(unit.path, unit.path, newPath) };
}

/** What still hangs off a unit: deleting it would orphan these. */
async function dependents(trx: Trx, orgId: string, unitId: string) {
  const { rows } = await sql<{
    children: number;
    accounts: number;
    users: number;
    tokens: number;
    responses: number;
  }>`select
      (select count(*)::int from org_units where org_id = ${orgId} and parent_id = ${unitId}) as children,
      (select count(*)::int from accounts where org_id = ${orgId} and unit_id = ${unitId}) as accounts,
      (select count(*)::int from memberships where org_id = ${orgId} and unit_id = ${unitId}) as users,
      (select count(*)::int from api_tokens where org_id = ${orgId} and unit_id = ${unitId} and revoked_at is null) as tokens,
      (select count(*)::int from responses where org_id = ${orgId} and unit_id = ${unitId}) as responses`.execute(
    trx,
  );
  return rows[0];
}

/**
 * Deletes a unit. While children, accounts, users or tokens still hang off it the delete is refused,
 * unless `reassignTo` names another unit in scope: then they move there first (children with their
 * subtrees). Responses keep the unit they were given when they were collected, so a unit that has
 * responses is never deleted (rename or move it instead).
 */
export async function deleteUnit(
  trx: Trx,
  actor: ScopedActor,
  unitId: string,
  reassignTo: string | null,
): Promise<{ reassigned: Record<string, number> }> {
  refuseOwnScopeRoot(actor, unitId, 'delete');
  const unit = await unitInScopeForUpdate(trx, actor, unitId);
  const held = await dependents(trx, actor.orgId, unitId);
  if (held.responses > 0) {
    throw conflict(
      `This unit has ${held.responses} responses, which keep their unit; it cannot be deleted.`,
      [{ field: 'unitId', message: 'Has responses' }],
    );
  }
  const reassigned = {
    children: held.children,
    accounts: held.accounts,
    users: held.users,
    tokens: held.tokens,
  };
  const busy = Object.entries(reassigned).filter(([, n]) => n > 0);
  if (busy.length > 0 && reassignTo === null) {
    throw conflict(
      `The unit still has ${busy.map(([what, n]) => `${n} ${what}`).join(', ')}; reassign them (reassignTo) or move them first.`,
      busy.map(([what, n]) => ({ field: what, message: `${n} still in this unit` })),
    );
  }
  if (busy.length > 0 && reassignTo !== null) {
    if (reassignTo === unitId)
      throw badRequest('Reassign to another unit.', [{ field: 'query.reassignTo', message: 'Same unit' }]);
    const target = await unitInScopeForUpdate(trx, actor, reassignTo, 'unit to reassign to');
    if (target.path.startsWith(unit.path))
      throw conflict('Reassign to a unit outside the one being deleted.', [
        { field: 'query.reassignTo', message: 'Inside the deleted unit' },
      ]);
    const children = await trx
      .selectFrom('org_units')
      .select('unit_id')
      .where('org_id', '=', actor.orgId)
      .where('parent_id', '=', unitId)
      .execute();
    for (const child of children) await moveUnit(trx, actor, child.unit_id, target.unit_id);
    await trx
      .updateTable('accounts')
      .set({ unit_id: target.unit_id })
      .where('org_id', '=', actor.orgId)
      .where('unit_id', '=', unitId)
      .execute();
    await trx
      .updateTable('memberships')
      .set({ unit_id: target.unit_id })
      .where('org_id', '=', actor.orgId)
      .where('unit_id', '=', unitId)
      .execute();
    await trx
      .updateTable('api_tokens')
      .set({ unit_id: target.unit_id })
      .where('org_id', '=', actor.orgId)
      .where('unit_id', '=', unitId)
      .execute();
  }
  // Revoked tokens keep their row for the record; they lose the unit reference instead.
  await trx
    .updateTable('api_tokens')
    .set({ unit_id: null })
    .where('org_id', '=', actor.orgId)
    .where('unit_id', '=', unitId)
    .execute();
  await trx.deleteFrom('org_units').where('org_id', '=', actor.orgId).where('unit_id', '=', unitId).execute();
  await recordAudit(
    trx,
    actor,
    'unit.delete',
    { type: 'unit', id: unitId },
    { name: unit.name, reassignTo, reassigned },
  );
  return { reassigned: reassignTo ? reassigned : {} };
}

/**
 * Sets the unit a user's membership is scoped to. A unit-scoped actor can only move users who are
 * already inside their subtree, only to units inside it, and never make anyone organisation-wide.
 */
export async function assignUserToUnit(
  trx: Trx,
  actor: ScopedActor,
  userId: string,
  unitId: string | null,
): Promise<void> {
  const membership = await membershipWithUnitPath(trx, actor.orgId, userId);
  if (!membership || !unitInScope(actor, membership.unit_id ? membership.path : null)) throw notFound('user');
  if (unitId === null && actor.unitPath !== null)
    throw forbidden('Only organisation-wide roles can give organisation-wide access.');
  if (unitId !== null) await unitInScopeForUpdate(trx, actor, unitId);
  if (membership.role === 'owner' && unitId !== null)
    throw conflict('Owners act for the whole organisation and cannot be limited to a unit.', [
      { field: 'body.unitId', message: 'Owner' },
    ]);
  await trx
    .updateTable('memberships')
    .set({ unit_id: unitId })
    .where('org_id', '=', actor.orgId)
    .where('user_id', '=', userId)
    .execute();
  await recordAudit(
    trx,
    actor,
    'user.assign_unit',
    { type: 'user', id: userId },
    { from: membership.unit_id, to: unitId },
  );
}
