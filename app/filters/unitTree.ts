import type { Unit } from '../api/types.ts';

export interface UnitNode {
  unit: Unit;
  children: UnitNode[];
}

/**
 * The units in scope as a forest: a manager's own unit has a parent outside the scope, so any unit
 * whose parent is not listed is a root.
 */
export function unitForest(units: readonly Unit[]): UnitNode[] {
  const nodes = new Map(units.map((unit) => [unit.unitId, { unit, children: [] as UnitNode[] }]));
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** The ids from a root down to the unit (to open the tree where the selection is). */
export function ancestorsOf(units: readonly Unit[], unitId: string | undefined): string[] {
  const byId = new Map(units.map((unit) => [unit.unitId, unit]));
  const path: string[] = [];
  let current = unitId ? byId.get(unitId) : undefined;
  while (current) {
    path.unshift(current.unitId);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return path;
}
