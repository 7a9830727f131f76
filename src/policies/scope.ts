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
export function unitInScope(actor: Actor, unitPath: string | null): boolean {
  if (actor.unitPath === null) return true;
  return unitPath?.startsWith(actor.unitPath) ?? false;
}
