import { sql, type Transaction } from 'kysely';
import { recomputeAccountRollups } from '../analytics/rollups.ts';
import { recordAudit } from '../audit/record.ts';
import type { Schema } from '../db/schema.ts';
import type { ScopedActor } from '../hierarchy/unitCommands.ts';
import { badRequest } from '../http/problem.ts';
import { ACCOUNT_REFERENCES, CONTACT_REFERENCES } from './references.ts';
import { accountForUpdate, contactForUpdate } from './scope.ts';

type Trx = Transaction<Schema>;

async function repoint(
  trx: Trx,
  orgId: string,
  references: readonly { table: string; column: string }[],
  from: string,
  to: string,
): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  for (const { table, column } of references) {
    const result = await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${to}
      where org_id = ${orgId} and ${sql.ref(column)} = ${from}`.execute(trx);
    moved[table] = Number(result.numAffectedRows ?? 0n);
  }
  return moved;
}

/** The earlier of two optional times. */
const earlier = (a: Date | null, b: Date | null) => (a && b ? (a < b ? a : b) : (a ?? b));

/**
 * Merges the account `loserId` into `survivorId` in the caller's transaction: its contacts,
 * responses, comments, survey links and every other reference move to the survivor, the account
 * rollups of both are recomputed, the survivor takes the loser's values only where it has none, and
 * the loser is deleted. Both must be in the actor's scope. The audit entry keeps the loser's values.
 */
export async function mergeAccounts(trx: Trx, actor: ScopedActor, survivorId: string, loserId: string) {
  if (survivorId === loserId)
    throw badRequest('An account cannot be merged into itself.', [
      { field: 'body.fromAccountId', message: 'Same account' },
    ]);
  // Lock in a fixed order so two opposite merges cannot deadlock.
  const [first, second] = [survivorId, loserId].sort();
  const locked = new Map([
    [first, await accountForUpdate(trx, actor, first)],
    [second, await accountForUpdate(trx, actor, second)],
  ]);
  const survivor = locked.get(survivorId)!;
  const loser = locked.get(loserId)!;
  const moved = await repoint(trx, actor.orgId, ACCOUNT_REFERENCES, loserId, survivorId);
  await trx
    .deleteFrom('accounts')
    .where('org_id', '=', actor.orgId)
    .where('account_id', '=', loserId)
    .execute();
  await trx
    .updateTable('accounts')
    .set({
      industry: survivor.industry ?? loser.industry,
      tier: survivor.tier ?? loser.tier,
      annual_value: survivor.annual_value ?? loser.annual_value,
      ...(survivor.renewal_date === null && loser.renewal_date !== null
        ? { renewal_date: new Date(loser.renewal_date).toISOString().slice(0, 10) }
        : {}),
      owner_user_id: survivor.owner_user_id ?? loser.owner_user_id,
      external_id: survivor.external_id ?? loser.external_id,
      unit_id: survivor.unit_id ?? loser.unit_id,
    })
    .where('org_id', '=', actor.orgId)
    .where('account_id', '=', survivorId)
    .execute();
  await recomputeAccountRollups(trx, actor.orgId, [survivorId, loserId]);
  await recordAudit(
    trx,
    actor,
    'account.merge',
    { type: 'account', id: survivorId },
    { merged: loser, moved },
  );
  return { survivorId, mergedId: loserId, moved };
}

/**
 * Merges the contact `loserId` into `survivorId`: responses, comments, survey links and the
 * contacts-heard record move to the survivor; consent holds only if both consented and an opt-out
 * on either side is kept (the earliest). The account rollups of every account involved are
 * recomputed, since they are split by the contact's buying role.
 */
export async function mergeContacts(trx: Trx, actor: ScopedActor, survivorId: string, loserId: string) {
  if (survivorId === loserId)
    throw badRequest('A contact cannot be merged into itself.', [
      { field: 'body.fromContactId', message: 'Same contact' },
    ]);
  const [first, second] = [survivorId, loserId].sort();
  const locked = new Map([
    [first, await contactForUpdate(trx, actor, first)],
    [second, await contactForUpdate(trx, actor, second)],
  ]);
  const survivor = locked.get(survivorId)!;
  const loser = locked.get(loserId)!;
  const touched = await trx
    .selectFrom('responses')
    .select('account_id')
    .distinct()
    .where('org_id', '=', actor.orgId)
    .where('contact_id', '=', loserId)
    .where('account_id', 'is not', null)
    .execute();
  const moved = await repoint(trx, actor.orgId, CONTACT_REFERENCES, loserId, survivorId);
  // heard_contacts is keyed by contact: fold the loser's months into the survivor's.
  await sql`insert into heard_contacts (org_id, day, account_id, contact_id)
    select org_id, day, account_id, ${survivorId} from heard_contacts where org_id = ${actor.orgId} and contact_id = ${loserId}
    on conflict do nothing`.execute(trx);
  await sql`delete from heard_contacts where org_id = ${actor.orgId} and contact_id = ${loserId}`.execute(
    trx,
  );
  await trx
    .deleteFrom('contacts')
    .where('org_id', '=', actor.orgId)
    .where('contact_id', '=', loserId)
    .execute();
  await trx
    .updateTable('contacts')
    .set({
      first_name: survivor.first_name || loser.first_name,
      last_name: survivor.last_name || loser.last_name,
      buying_role: survivor.buying_role ?? loser.buying_role,
      external_id: survivor.external_id ?? loser.external_id,
      consent: survivor.consent && loser.consent,
      opted_out_at: earlier(survivor.opted_out_at, loser.opted_out_at),
    })
    .where('org_id', '=', actor.orgId)
    .where('contact_id', '=', survivorId)
    .execute();
  const accounts = new Set([survivor.account_id, loser.account_id, ...touched.map((row) => row.account_id!)]);
  await recomputeAccountRollups(trx, actor.orgId, [...accounts]);
  await recordAudit(
    trx,
    actor,
    'contact.merge',
    { type: 'contact', id: survivorId },
    { merged: loser, moved },
  );
  return { survivorId, mergedId: loserId, moved };
}
