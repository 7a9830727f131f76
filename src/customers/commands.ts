import type { Insertable, Transaction } from 'kysely';
import { recordAudit } from '../audit/record.ts';
import type { Schema } from '../db/schema.ts';
import type { ScopedActor } from '../hierarchy/unitCommands.ts';
import { conflict, notFound } from '../http/problem.ts';
import { accountForUpdate, checkAccountUnit, contactForUpdate } from './scope.ts';

type Trx = Transaction<Schema>;

export interface AccountInput {
  name: string;
  externalId?: string | null;
  industry?: string | null;
  tier?: string | null;
  annualValue?: number | null;
  renewalDate?: string | null;
  unitId?: string | null;
}

export interface ContactInput {
  accountId: string;
  email: string;
  firstName?: string;
  lastName?: string;
  externalId?: string | null;
  language?: string;
  buyingRole?: typeof import('./values.ts').BUYING_ROLES[number] | null;
  consent?: boolean;
  optedOut?: boolean;
}

/** Only the fields the caller sent, as columns. */
function accountColumns(input: Partial<AccountInput>) {
  const columns: Record<string, unknown> = {};
  if (input.name !== undefined) columns.name = input.name;
  if (input.externalId !== undefined) columns.external_id = input.externalId;
  if (input.industry !== undefined) columns.industry = input.industry;
  if (input.tier !== undefined) columns.tier = input.tier;
  if (input.annualValue !== undefined) columns.annual_value = input.annualValue;
  if (input.renewalDate !== undefined) columns.renewal_date = input.renewalDate;
  if (input.unitId !== undefined) columns.unit_id = input.unitId;
  return columns;
}

async function refuseTakenExternalId(
  trx: Trx,
  table: 'accounts' | 'contacts',
  orgId: string,
  externalId: string | null | undefined,
  exceptId: string | null,
) {
  if (!externalId) return;
  const idColumn = table === 'accounts' ? 'account_id' : 'contact_id';
  const taken = await trx
    .selectFrom(table)
    .select(idColumn)
    .where('org_id', '=', orgId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  if (taken && (taken as Record<string, string>)[idColumn] !== exceptId)
    throw conflict('Another record already has this external id.', [
      { field: 'body.externalId', message: 'Already in use' },
    ]);
}

async function refuseTakenEmail(trx: Trx, orgId: string, email: string, exceptId: string | null) {
  const taken = await trx
    .selectFrom('contacts')
    .select('contact_id')
    .where('org_id', '=', orgId)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
  if (taken && taken.contact_id !== exceptId)
    throw conflict('Another contact already has this email address; merge them instead.', [
      { field: 'body.email', message: 'Already in use' },
    ]);
}

export async function createAccount(trx: Trx, actor: ScopedActor, input: AccountInput): Promise<string> {
  await checkAccountUnit(trx, actor, input.unitId ?? null, 'body.unitId');
  await refuseTakenExternalId(trx, 'accounts', actor.orgId, input.externalId, null);
  const row = await trx
    .insertInto('accounts')
    .values({ org_id: actor.orgId, ...accountColumns(input), name: input.name } as Insertable<
      Schema['accounts']
    >)
    .returning('account_id')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, actor, 'account.create', { type: 'account', id: row.account_id });
  return row.account_id;
}

export async function editAccount(
  trx: Trx,
  actor: ScopedActor,
  accountId: string,
  input: Partial<AccountInput>,
): Promise<void> {
  const before = await accountForUpdate(trx, actor, accountId);
  if (input.unitId !== undefined) await checkAccountUnit(trx, actor, input.unitId, 'body.unitId');
  await refuseTakenExternalId(trx, 'accounts', actor.orgId, input.externalId, accountId);
  const columns = accountColumns(input);
  if (Object.keys(columns).length === 0) return;
  await trx
    .updateTable('accounts')
    .set(columns)
    .where('org_id', '=', actor.orgId)
    .where('account_id', '=', accountId)
    .execute();
  await recordAudit(
    trx,
    actor,
    'account.edit',
    { type: 'account', id: accountId },
    {
      fields: Object.keys(columns),
      ...(input.unitId !== undefined ? { fromUnit: before.unit_id, toUnit: input.unitId } : {}),
    },
  );
}

function contactColumns(input: Partial<ContactInput>) {
  const columns: Record<string, unknown> = {};
  if (input.accountId !== undefined) columns.account_id = input.accountId;
  if (input.email !== undefined) columns.email = input.email;
  if (input.firstName !== undefined) columns.first_name = input.firstName;
  if (input.lastName !== undefined) columns.last_name = input.lastName;
  if (input.externalId !== undefined) columns.external_id = input.externalId;
  if (input.language !== undefined) columns.language = input.language;
  if (input.buyingRole !== undefined) columns.buying_role = input.buyingRole;
  if (input.consent !== undefined) columns.consent = input.consent;
  if (input.optedOut !== undefined) columns.opted_out_at = input.optedOut ? new Date() : null;
  return columns;
}

export async function createContact(trx: Trx, actor: ScopedActor, input: ContactInput): Promise<string> {
  await accountForUpdate(trx, actor, input.accountId).catch(() => {
    throw notFound('account (body.accountId)');
  });
  await refuseTakenEmail(trx, actor.orgId, input.email, null);
  await refuseTakenExternalId(trx, 'contacts', actor.orgId, input.externalId, null);
  const row = await trx
    .insertInto('contacts')
    .values({
      org_id: actor.orgId,
      first_name: '',
      last_name: '',
      ...contactColumns(input),
    } as Insertable<Schema['contacts']>)
    .returning('contact_id')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, actor, 'contact.create', { type: 'contact', id: row.contact_id });
  return row.contact_id;
}

export async function editContact(
  trx: Trx,
  actor: ScopedActor,
  contactId: string,
  input: Partial<ContactInput>,
): Promise<void> {
  const before = await contactForUpdate(trx, actor, contactId);
  if (input.accountId !== undefined && input.accountId !== before.account_id) {
    await accountForUpdate(trx, actor, input.accountId).catch(() => {
      throw notFound('account (body.accountId)');
    });
  }
  if (input.email !== undefined) await refuseTakenEmail(trx, actor.orgId, input.email, contactId);
  await refuseTakenExternalId(trx, 'contacts', actor.orgId, input.externalId, contactId);
  // Opting out again keeps the first opt-out's time.
  if (input.optedOut === true && before.opted_out_at) delete input.optedOut;
  const columns = contactColumns(input);
  if (Object.keys(columns).length === 0) return;
  await trx
    .updateTable('contacts')
    .set(columns)
    .where('org_id', '=', actor.orgId)
    .where('contact_id', '=', contactId)
    .execute();
  await recordAudit(
    trx,
    actor,
    'contact.edit',
    { type: 'contact', id: contactId },
    { fields: Object.keys(columns) },
  );
}
