import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { ScopedActor } from '../hierarchy/unitCommands.ts';
import { forbidden, notFound } from '../http/problem.ts';

type Trx = Transaction<Schema> | Kysely<Schema>;

/** The path of a unit, or null when there is no such unit in the organisation. */
async function unitPath(trx: Trx, orgId: string, unitId: string | null): Promise<string | null> {
  if (unitId === null) return null;
  const unit = await trx
    .selectFrom('org_units')
    .select('path')
    .where('org_id', '=', orgId)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  return unit?.path ?? null;
}

/** True when a row owned by `unitId` is visible to the actor (rows without a unit: organisation-wide actors only). */
async function ownedInScope(trx: Trx, actor: ScopedActor, unitId: string | null): Promise<boolean> {
  if (actor.unitPath === null) return true;
  const path = await unitPath(trx, actor.orgId, unitId);
  return path?.startsWith(actor.unitPath) ?? false;
}

/** An account in the actor's scope, locked until the transaction ends; 404 otherwise. */
export async function accountForUpdate(trx: Trx, actor: ScopedActor, accountId: string) {
  const account = await trx
    .selectFrom('accounts')
    .selectAll()
    .where('org_id', '=', actor.orgId)
    .where('account_id', '=', accountId)
    .forUpdate()
    .executeTakeFirst();
  if (!account || !(await ownedInScope(trx, actor, account.unit_id))) throw notFound('account');
  return account;
}

/** A contact whose account is in the actor's scope, locked until the transaction ends; 404 otherwise. */
export async function contactForUpdate(trx: Trx, actor: ScopedActor, contactId: string) {
  const contact = await trx
    .selectFrom('contacts')
    .selectAll()
    .where('org_id', '=', actor.orgId)
    .where('contact_id', '=', contactId)
    .forUpdate()
    .executeTakeFirst();
  if (!contact) throw notFound('contact');
  const account = await trx
    .selectFrom('accounts')
    .select('unit_id')
    .where('org_id', '=', actor.orgId)
    .where('account_id', '=', contact.account_id)
    .executeTakeFirstOrThrow();
  if (!(await ownedInScope(trx, actor, account.unit_id))) throw notFound('contact');
  return contact;
}

/**
 * Checks the unit an account is being given: it must exist in the actor's subtree, and a
 * unit-scoped actor cannot leave an account without a unit (it would drop out of their sight).
 */
export async function checkAccountUnit(trx: Trx, actor: ScopedActor, unitId: string | null, field: string) {
  if (unitId === null) {
    if (actor.unitPath !== null)
      throw forbidden(
        'Give the account a unit in your subtree: accounts without a unit are organisation-wide.',
      );
    return;
  }
  const path = await unitPath(trx, actor.orgId, unitId);
  if (path === null || (actor.unitPath !== null && !path.startsWith(actor.unitPath)))
    throw notFound(`unit (${field})`);
}
