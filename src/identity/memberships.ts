import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../audit/record.ts';
import type { Role, Schema } from '../db/schema.ts';
import { badRequest, conflict, forbidden, notFound } from '../http/problem.ts';
import { mayChangeRole } from '../policies/abilities.ts';
import type { Actor } from '../policies/actor.ts';
import { unitInScope } from '../policies/scope.ts';

export interface MembershipChange {
  role?: Role;
  /** A unit whose subtree the user sees, or null for the whole organisation. */
  unitId?: string | null;
}

/**
 * A user's membership in an organisation with the path of the unit it is scoped to (`path` is null
 * when `unit_id` is); undefined when the user is not a member. `lock` holds the membership row for the
 * rest of the transaction.
 */
export async function membershipWithUnitPath(
  trx: Transaction<Schema> | Kysely<Schema>,
  orgId: string,
  userId: string,
  { lock = false } = {},
) {
  const query = trx
    .selectFrom('memberships')
    .leftJoin('org_units', (join) =>
      join
        .onRef('org_units.org_id', '=', 'memberships.org_id')
        .onRef('org_units.unit_id', '=', 'memberships.unit_id'),
    )
    .select(['memberships.role', 'memberships.unit_id', 'org_units.path'])
    .where('memberships.org_id', '=', orgId)
    .where('memberships.user_id', '=', userId);
  return (lock ? query.forUpdate(['memberships']) : query).executeTakeFirst();
}

/**
 * Changes a user's role and/or unit scope in the caller's transaction, audited.
 *
 * The organisation's owner rows are locked first (always in the same order, so two changes cannot
 * deadlock), then the user's: of two owners demoting each other at once, the second finds only one
 * owner left and is refused, so an organisation always keeps an owner.
 */
export async function changeMembership(
  trx: Transaction<Schema>,
  actor: Actor,
  userId: string,
  change: MembershipChange,
): Promise<{ userId: string; role: Role; unitId: string | null }> {
  const owners = await trx
    .selectFrom('memberships')
    .select('user_id')
    .where('org_id', '=', actor.orgId)
    .where('role', '=', 'owner')
    .orderBy('user_id')
    .forUpdate()
    .execute();
  const current = await membershipWithUnitPath(trx, actor.orgId, userId, { lock: true });
  // A unit-scoped admin manages only the people inside their subtree; others do not exist for them.
  if (!current || !unitInScope(actor, current.unit_id ? current.path : null)) throw notFound('user');

  const role = change.role ?? current.role;
  const unitId = change.unitId !== undefined ? change.unitId : current.unit_id;
  if (!mayChangeRole(actor, current.role, role)) {
    throw forbidden(
      current.role === 'owner'
        ? "Only an owner can change an owner's role or scope."
        : 'You cannot grant a role above your own.',
    );
  }
  if (unitId !== null) {
    const unit = await trx
      .selectFrom('org_units')
      .select('path')
      .where('org_id', '=', actor.orgId)
      .where('unit_id', '=', unitId)
      .executeTakeFirst();
    if (!unit || !unitInScope(actor, unit.path))
      throw badRequest('No such unit in your scope.', [{ field: 'body.unitId', message: 'Unknown unit' }]);
  } else if (actor.unitPath !== null) {
    throw forbidden('Only organisation-wide roles can give organisation-wide access.');
  }
  if (role === 'owner' && unitId !== null)
    throw badRequest('Owners act for the whole organisation and cannot be limited to a unit.', [
      {
        field: change.unitId !== undefined ? 'body.unitId' : 'body.role',
        message: 'An owner sees the whole organisation',
      },
    ]);
  if (role === 'manager' && unitId === null)
    throw badRequest('A manager runs a unit: give them one.', [
      { field: 'body.unitId', message: 'Required for managers' },
    ]);
  if (current.role === 'owner' && role !== 'owner' && owners.length <= 1)
    throw conflict('The organisation needs at least one owner: make someone else owner first.', [
      { field: 'body.role', message: 'The last owner cannot be demoted' },
    ]);

  if (role !== current.role || unitId !== current.unit_id) {
    await trx
      .updateTable('memberships')
      .set({ role, unit_id: unitId })
      .where('org_id', '=', actor.orgId)
      .where('user_id', '=', userId)
      .execute();
    await recordAudit(
      trx,
      actor,
      'user.change_access',
      { type: 'user', id: userId },
      { from: { role: current.role, unitId: current.unit_id }, to: { role, unitId } },
    );
  }
  return { userId, role, unitId };
}
