import { type RawBuilder, sql, type Transaction } from 'kysely';
import type { ImportKind, Schema } from '../db/schema.ts';
import type { ScopedActor } from '../hierarchy/unitCommands.ts';

type Trx = Transaction<Schema>;

interface Context {
  trx: Trx;
  actor: ScopedActor;
  importId: string;
  /** The file column of each field, to name it in row errors. */
  columnOf: Record<string, string>;
}

const rowsOf = (c: Context) => sql`r.org_id = ${c.actor.orgId} and r.import_id = ${c.importId}`;

/** Marks rows (not already refused) that `where` selects with one error on `field`'s column. */
async function refuse(
  c: Context,
  field: string | null,
  message: RawBuilder<unknown>,
  from: RawBuilder<unknown>,
  where: RawBuilder<unknown>,
) {
  const column = field ? (c.columnOf[field] ?? null) : null;
  await sql`update import_rows r
    set errors = jsonb_build_array(jsonb_strip_nulls(jsonb_build_object('column', ${column}::text, 'message', (${message})::text)))
    ${from}
    where ${rowsOf(c)} and r.errors is null and ${where}`.execute(c.trx);
}

/** Later rows repeating a key that an earlier row of the same file already has. */
async function refuseRepeats(c: Context, field: string, key: RawBuilder<unknown>, label: string) {
  await refuse(
    c,
    field,
    sql`${`The same ${label} as line `} || d.first_line`,
    sql`from (select line, first_value(line) over (partition by ${key} order by line) as first_line
      from import_rows r where ${rowsOf(c)} and r.errors is null and ${key} is not null) d`,
    sql`r.line = d.line and d.line <> d.first_line`,
  );
}

/** The unit-path test for a row owned by the unit aliased `u` (a null unit is organisation-wide). */
const outsideScope = (actor: ScopedActor) => sql`(u.path is null or u.path not like ${`${actor.unitPath}%`})`;

/**
 * Checks staged account rows against the database and each other, and links each to the account
 * it updates: by external id, else by name when exactly one account without an external id has it.
 */
async function resolveAccounts(c: Context) {
  await refuseRepeats(c, 'externalId', sql`r.data->>'externalId'`, 'external id');
  await refuseRepeats(
    c,
    'name',
    sql`case when not r.data ? 'externalId' then lower(r.data->>'name') end`,
    'name (and no external id)',
  );
  await sql`update import_rows r set target_id = a.account_id from accounts a
    where ${rowsOf(c)} and r.errors is null and a.org_id = r.org_id and a.external_id = r.data->>'externalId'`.execute(
    c.trx,
  );
  const named = sql`(select lower(name) as name, min(account_id::text)::uuid as account_id, count(*) as n
    from accounts where org_id = ${c.actor.orgId} and external_id is null group by lower(name))`;
  await sql`update import_rows r set target_id = m.account_id from ${named} m
    where ${rowsOf(c)} and r.errors is null and r.target_id is null and m.name = lower(r.data->>'name') and m.n = 1`.execute(
    c.trx,
  );
  await refuse(
    c,
    'name',
    sql`m.n || ' accounts are already named so; give an external id to say which one'`,
    sql`from ${named} m`,
    sql`r.target_id is null and not r.data ? 'externalId' and m.name = lower(r.data->>'name') and m.n > 1`,
  );
  if (c.actor.unitPath !== null) {
    await refuse(
      c,
      c.columnOf.externalId ? 'externalId' : 'name',
      sql`'This account exists outside your part of the organisation'`,
      sql`from accounts a left join org_units u on u.org_id = a.org_id and u.unit_id = a.unit_id`,
      sql`a.org_id = r.org_id and a.account_id = r.target_id and ${outsideScope(c.actor)}`,
    );
  }
}

/** Accounts in the actor's scope, for finding a contact's account. */
const accountsInScope = (c: Context) =>
  c.actor.unitPath === null
    ? sql`(select account_id, external_id, name from accounts where org_id = ${c.actor.orgId})`
    : sql`(select a.account_id, a.external_id, a.name from accounts a
        join org_units u on u.org_id = a.org_id and u.unit_id = a.unit_id
        where a.org_id = ${c.actor.orgId} and u.path like ${`${c.actor.unitPath}%`})`;

/**
 * Checks staged contact rows: finds each one's account (by CRM id, else a unique name, in scope),
 * then the contact it updates (by external id, else by email), refusing an email that would collide
 * with another contact and contacts that live outside the actor's scope.
 */
async function resolveContacts(c: Context) {
  await refuseRepeats(c, 'email', sql`lower(r.data->>'email')`, 'email');
  await refuseRepeats(c, 'externalId', sql`r.data->>'externalId'`, 'external id');
  await sql`update import_rows r set data = r.data || jsonb_build_object('accountId', a.account_id)
    from ${accountsInScope(c)} a
    where ${rowsOf(c)} and r.errors is null and a.external_id = r.data->>'accountExternalId'`.execute(c.trx);
  await refuse(
    c,
    'accountExternalId',
    sql`${'No account with this external id in your part of the organisation'}`,
    sql``,
    sql`r.data ? 'accountExternalId' and not r.data ? 'accountId'`,
  );
  const named = sql`(select lower(name) as name, min(account_id::text)::uuid as account_id, count(*) as n
    from ${accountsInScope(c)} s group by lower(name))`;
  await sql`update import_rows r set data = r.data || jsonb_build_object('accountId', m.account_id) from ${named} m
    where ${rowsOf(c)} and r.errors is null and not r.data ? 'accountId' and m.name = lower(r.data->>'accountName') and m.n = 1`.execute(
    c.trx,
  );
  await refuse(
    c,
    'accountName',
    sql`${'No single account with this name in your part of the organisation (give its external id)'}`,
    sql``,
    sql`not r.data ? 'accountId'`,
  );
  await sql`update import_rows r set target_id = k.contact_id from contacts k
    where ${rowsOf(c)} and r.errors is null and k.org_id = r.org_id and k.external_id = r.data->>'externalId'`.execute(
    c.trx,
  );
  await refuse(
    c,
    'email',
    sql`${'Another contact already has this email address'}`,
    sql`from contacts k`,
    sql`r.target_id is not null and k.org_id = r.org_id and lower(k.email) = lower(r.data->>'email') and k.contact_id <> r.target_id`,
  );
  await sql`update import_rows r set target_id = k.contact_id from contacts k
    where ${rowsOf(c)} and r.errors is null and r.target_id is null and k.org_id = r.org_id and lower(k.email) = lower(r.data->>'email')`.execute(
    c.trx,
  );
  if (c.actor.unitPath !== null) {
    await refuse(
      c,
      'email',
      sql`'This contact exists outside your part of the organisation'`,
      sql`from contacts k join accounts a on a.org_id = k.org_id and a.account_id = k.account_id
        left join org_units u on u.org_id = a.org_id and u.unit_id = a.unit_id`,
      sql`k.org_id = r.org_id and k.contact_id = r.target_id and ${outsideScope(c.actor)}`,
    );
  }
}

/** Good rows: those without errors. */
const good = (c: Context) => sql`select * from import_rows r where ${rowsOf(c)} and r.errors is null`;

async function mergeAccounts(c: Context) {
  const updated = await sql`update accounts a set
      name = r.data->>'name',
      external_id = coalesce(r.data->>'externalId', a.external_id),
      industry = coalesce(r.data->>'industry', a.industry),
      tier = coalesce(r.data->>'tier', a.tier),
      annual_value = coalesce((r.data->>'annualValue')::numeric, a.annual_value),
      renewal_date = coalesce((r.data->>'renewalDate')::date, a.renewal_date),
      unit_id = coalesce((r.data->>'unitId')::uuid, a.unit_id)
    from (${good(c)}) r
    where a.org_id = r.org_id and a.account_id = r.target_id`.execute(c.trx);
  const created =
    await sql`insert into accounts (org_id, name, external_id, industry, tier, annual_value, renewal_date, unit_id)
    select r.org_id, r.data->>'name', r.data->>'externalId', r.data->>'industry', r.data->>'tier',
      (r.data->>'annualValue')::numeric, (r.data->>'renewalDate')::date,
      coalesce((r.data->>'unitId')::uuid, ${c.actor.unitId}::uuid)
    from (${good(c)}) r where r.target_id is null order by r.line`.execute(c.trx);
  return { created: Number(created.numAffectedRows ?? 0n), updated: Number(updated.numAffectedRows ?? 0n) };
}

async function mergeContacts(c: Context) {
  const updated = await sql`update contacts k set
      account_id = (r.data->>'accountId')::uuid,
      email = r.data->>'email',
      first_name = coalesce(r.data->>'firstName', k.first_name),
      last_name = coalesce(r.data->>'lastName', k.last_name),
      external_id = coalesce(r.data->>'externalId', k.external_id),
      language = coalesce(r.data->>'language', k.language),
      buying_role = coalesce(r.data->>'buyingRole', k.buying_role),
      consent = coalesce((r.data->>'consent')::boolean, k.consent)
    from (${good(c)}) r
    where k.org_id = r.org_id and k.contact_id = r.target_id`.execute(c.trx);
  const created =
    await sql`insert into contacts (org_id, account_id, email, first_name, last_name, external_id, language, buying_role, consent)
    select r.org_id, (r.data->>'accountId')::uuid, r.data->>'email', coalesce(r.data->>'firstName', ''),
      coalesce(r.data->>'lastName', ''), r.data->>'externalId', coalesce(r.data->>'language', 'en'),
      r.data->>'buyingRole', coalesce((r.data->>'consent')::boolean, true)
    from (${good(c)}) r where r.target_id is null order by r.line`.execute(c.trx);
  return { created: Number(created.numAffectedRows ?? 0n), updated: Number(updated.numAffectedRows ?? 0n) };
}

/** Checks the staged rows in SQL (marking bad ones) and returns how many rows are bad in all. */
export async function resolveStagedRows(c: Context, kind: ImportKind): Promise<number> {
  await (kind === 'accounts' ? resolveAccounts(c) : resolveContacts(c));
  const { rows } = await sql<{ bad: number }>`select count(*)::int as bad from import_rows r
    where ${rowsOf(c)} and r.errors is not null`.execute(c.trx);
  return rows[0].bad;
}

/** Writes the good staged rows into accounts or contacts: updates for linked rows, inserts for the rest. */
export function mergeStagedRows(c: Context, kind: ImportKind) {
  return kind === 'accounts' ? mergeAccounts(c) : mergeContacts(c);
}

export type { Context as MergeContext };
