import { describe, expect, it } from 'vitest';
import { ancestorsOf, unitForest } from './unitTree.ts';

const unit = (unitId: string, parentId: string | null) => ({ unitId, parentId, name: unitId, kind: 'team' });

describe('the unit tree in scope', () => {
  it('roots a manager’s subtree at their own unit', () => {
    const units = [unit('south', 'root-out-of-scope'), unit('team-a', 'south'), unit('team-b', 'south')];
    const forest = unitForest(units);
    expect(forest.map((n) => n.unit.unitId)).toEqual(['south']);
    expect(forest[0].children.map((n) => n.unit.unitId)).toEqual(['team-a', 'team-b']);
  });

  it('finds the path to a unit, and nothing for a unit out of scope', () => {
    const units = [unit('north', null), unit('n1', 'north'), unit('n1a', 'n1')];
    expect(ancestorsOf(units, 'n1a')).toEqual(['north', 'n1', 'n1a']);
    expect(ancestorsOf(units, 'elsewhere')).toEqual([]);
    expect(ancestorsOf(units, undefined)).toEqual([]);
  });
});
