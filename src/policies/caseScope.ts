import { type ExpressionBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { Actor } from './actor.ts';

/**
 * Which cases an actor sees. Agents: the cases they own, watch or were escalated to. Everyone else:
 * the cases of their unit subtree (all of the organisation when unscoped), plus their own. Every
 * read or change of a case goes through here.
 */
export function casesInScope<O>(
  query: SelectQueryBuilder<Schema, 'cases', O>,
  actor: Actor,
): SelectQueryBuilder<Schema, 'cases', O> {
  const scoped = query.where('cases.org_id', '=', actor.orgId);
  return scoped.where((eb: ExpressionBuilder<Schema, 'cases'>) => {
    const own = actor.userId
      ? [
          eb('cases.owner_user_id', '=', actor.userId),
          eb('cases.escalated_to_user_id', '=', actor.userId),
          eb.exists(
            eb
              .selectFrom('case_watchers as w')
              .select(sql.lit(1).as('one'))
              .whereRef('w.org_id', '=', 'cases.org_id')
              .whereRef('w.case_id', '=', 'cases.case_id')
              .where('w.user_id', '=', actor.userId),
          ),
        ]
      : [];
    if (actor.role === 'agent') return own.length ? eb.or(own) : eb.val(false);
    if (actor.unitPath === null) return eb.val(true);
    const subtree = eb.exists(
      eb
        .selectFrom('org_units as scope_unit')
        .select(sql.lit(1).as('one'))
        .whereRef('scope_unit.org_id', '=', 'cases.org_id')
        .whereRef('scope_unit.unit_id', '=', 'cases.unit_id')
        .where('scope_unit.path', 'like', `${actor.unitPath}%`),
    );
    return eb.or([subtree, ...own]);
  });
}
