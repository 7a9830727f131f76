import { type ExpressionBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { Actor } from './actor.ts';

/**
 * Limits a query to the actor's organisation and, for unit-scoped actors, to rows whose unit lies in
 * the actor's subtree. Rows with no unit are visible only to organisation-wide actors. Every query
 * that reads organisation data goes through here or through `inOrganisation`.
 */
export function inScope<DB extends Schema, TB extends keyof DB & string, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  actor: Actor,
  table: TB,
): SelectQueryBuilder<DB, TB, O> {
  const scoped = query.where(sql.ref(`${table}.org_id`), '=', actor.orgId);
  if (actor.unitPath === null) return scoped;
  return scoped.where(({ exists, selectFrom }: ExpressionBuilder<any, any>) =>
    exists(
      selectFrom('org_units as scope_unit')
        .select(sql.lit(1).as('one'))
        .whereRef('scope_unit.org_id', '=', sql.ref(`${table}.org_id`) as any)
        .whereRef('scope_unit.unit_id', '=', sql.ref(`${table}.unit_id`) as any)
        .where('scope_unit.path', 'like', `${actor.unitPath}%`),
    ),
  );
}

/** Organisation-wide data (surveys, the framework, journeys) is limited by organisation only. */
export function inOrganisation<DB extends Schema, TB extends keyof DB & string, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  actor: Actor,
  table: TB,
): SelectQueryBuilder<DB, TB, O> {
  return query.where(sql.ref(`${table}.org_id`), '=', actor.orgId);
}

/** True when a unit path lies inside the actor's subtree. */
export function unitInScope(actor: Pick<Actor, 'unitPath'>, unitPath: string | null): boolean {
  if (actor.unitPath === null) return true;
  return unitPath?.startsWith(actor.unitPath) ?? false;
}

/**
 * Limits a query over comments to the actor's organisation and unit subtree. A comment's unit is
 * its response's unit, else its account's (imported feedback); a comment with neither is visible
 * only to organisation-wide actors.
 */
export function commentsInScope<DB extends Schema, TB extends keyof DB & string, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  actor: Actor,
  table: TB,
): SelectQueryBuilder<DB, TB, O> {
  const scoped = query.where(sql.ref(`${table}.org_id`), '=', actor.orgId);
  if (actor.unitPath === null) return scoped;
  const t = (column: string) => sql.ref(`${table}.${column}`);
  return scoped.where(
    sql<boolean>`exists (
      select 1 from org_units scope_unit
      where scope_unit.org_id = ${t('org_id')}
        and scope_unit.path like ${`${actor.unitPath}%`}
        and scope_unit.unit_id = coalesce(
          (select r.unit_id from responses r where r.org_id = ${t('org_id')} and r.response_id = ${t('response_id')}),
          (select a.unit_id from accounts a where a.org_id = ${t('org_id')} and a.account_id = ${t('account_id')})
        )
    )`,
  );
}

/**
 * Limits a query over rows that belong to an account (contacts, invitations) to the actor's
 * organisation and, for unit-scoped actors, to rows whose account is in their subtree: a row without
 * an account, or whose account has no unit, is visible only to organisation-wide actors. `table` is
 * the name or alias the query gives the table.
 */
export function accountRowsInScope<DB extends Schema, TB extends keyof DB & string, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  actor: Actor,
  table: string,
): SelectQueryBuilder<DB, TB, O> {
  const t = (column: string) => sql.ref(`${table}.${column}`);
  const scoped = query.where(sql<boolean>`${t('org_id')} = ${actor.orgId}`);
  if (actor.unitPath === null) return scoped;
  return scoped.where(
    sql<boolean>`exists (
      select 1 from accounts scope_account
      join org_units scope_unit
        on scope_unit.org_id = scope_account.org_id and scope_unit.unit_id = scope_account.unit_id
      where scope_account.org_id = ${t('org_id')}
        and scope_account.account_id = ${t('account_id')}
        and scope_unit.path like ${`${actor.unitPath}%`}
    )`,
  );
}

/** Invitations in the actor's scope: those of accounts in their subtree (see accountRowsInScope). */
export const invitationsInScope = accountRowsInScope;

/** Contacts in the actor's scope: a contact belongs where its account does (see accountRowsInScope). */
export const contactsInScope = accountRowsInScope;
