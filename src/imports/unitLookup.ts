import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { ScopedActor } from '../hierarchy/unitCommands.ts';

/**
 * Finds the unit an import row names, among the units in the actor's scope: by id, by its path of
 * names from the top (`Europe/Italy`), by a path below the actor's own unit, or by a name that only
 * one unit in scope carries.
 */
export async function unitLookup(db: Kysely<Schema>, actor: ScopedActor) {
  const units = await db
    .selectFrom('org_units')
    .select(['unit_id', 'parent_id', 'name', 'path'])
    .where('org_id', '=', actor.orgId)
    .execute();
  const byId = new Map(units.map((u) => [u.unit_id, u]));
  const namePath = (unitId: string): string[] => {
    const names: string[] = [];
    for (let unit = byId.get(unitId); unit; unit = unit.parent_id ? byId.get(unit.parent_id) : undefined)
      names.unshift(unit.name.toLowerCase());
    return names;
  };
  const own = actor.unitId ? namePath(actor.unitId) : [];
  const byPath = new Map<string, string>();
  const byName = new Map<string, string[]>();
  for (const unit of units) {
    if (actor.unitPath && !unit.path.startsWith(actor.unitPath)) continue;
    const names = namePath(unit.unit_id);
    byPath.set(names.join('/'), unit.unit_id);
    if (own.length) byPath.set(names.slice(own.length).join('/'), unit.unit_id);
    const key = unit.name.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), unit.unit_id]);
  }
  return (text: string): { unitId: string } | { error: string } => {
    const value = text.trim();
    const unit = byId.get(value);
    if (unit && (!actor.unitPath || unit.path.startsWith(actor.unitPath))) return { unitId: value };
    const key = value
      .toLowerCase()
      .split('/')
      .map((part) => part.trim())
      .filter(Boolean)
      .join('/');
    const found = byPath.get(key);
    if (found) return { unitId: found };
    const named = key.includes('/') ? undefined : byName.get(key);
    if (named?.length === 1) return { unitId: named[0] };
    if (named && named.length > 1)
      return {
        error: `${named.length} units in your scope are named "${value}"; give its path (Region/Team)`,
      };
    return { error: `No unit "${value}" in your part of the organisation` };
  };
}
