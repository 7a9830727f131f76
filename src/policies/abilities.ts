import type { Role } from '../db/schema.ts';
import type { Actor } from './actor.ts';

/**
 * What each role may do. Reading is further limited by scope (see scope.ts): a manager reads only
 * the subtree of their unit, whatever the action.
 */
export const ACTIONS = [
  'organisation:read',
  'units:read',
  'accounts:read',
  'surveys:read',
  'surveys:manage',
  'responses:read',
  'responses:write',
  'users:manage',
  'tokens:manage',
  'audit:read',
  'text:manage',
  'feedback:import',
  'comments:read',
  'comments:label',
] as const;
export type Action = (typeof ACTIONS)[number];

const everyRead: Action[] = [
  'organisation:read',
  'units:read',
  'accounts:read',
  'surveys:read',
  'responses:read',
  'responses:write',
  'comments:read',
];

const GRANTS: Record<Role, readonly Action[]> = {
  owner: ACTIONS,
  admin: ACTIONS,
  analyst: [
    ...everyRead,
    'surveys:manage',
    'responses:write',
    'text:manage',
    'feedback:import',
    'comments:label',
  ],
  // Managers know their customers: they may correct how their comments were read.
  manager: [...everyRead, 'comments:label'],
  agent: ['organisation:read', 'units:read', 'accounts:read', 'surveys:read'],
  viewer: everyRead,
};

export function may(actor: Actor, action: Action): boolean {
  return GRANTS[actor.role].includes(action);
}

/** Roles a given actor may hand out: never more than their own. */
export function mayGrantRole(actor: Actor, role: Role): boolean {
  if (!may(actor, 'users:manage')) return false;
  if (role === 'owner') return actor.role === 'owner';
  return true;
}
