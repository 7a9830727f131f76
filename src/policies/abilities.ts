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
  'cases:read',
  'cases:work',
  'alerts:manage',
  'improvements:read',
  'improvements:manage',
  'integrations:manage',
  'events:write',
  'events:read',
  'distribution:manage',
  'invitations:read',
  'hierarchy:manage',
  'accounts:manage',
  'text:manage',
  'feedback:import',
  'comments:read',
  'comments:label',
  'reports:manage',
  'health:manage',
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
    'cases:read',
    'cases:work',
    'alerts:manage',
    'improvements:read',
    'improvements:manage',
    'events:write',
    'events:read',
    'distribution:manage',
    'invitations:read',
    'text:manage',
    'feedback:import',
    'comments:label',
    'reports:manage',
  ],
  // Managers run their own part of the organisation: writes are limited to their subtree by scope.
  // They know their customers, so they may correct how their comments were read.
  manager: [
    ...everyRead,
    'events:read',
    'invitations:read',
    'hierarchy:manage',
    'accounts:manage',
    'cases:read',
    'cases:work',
    'improvements:read',
    'improvements:manage',
    'comments:label',
  ],
  // Agents work the cases they own or watch (see caseScope.ts), nothing else of the feedback.
  agent: ['organisation:read', 'units:read', 'accounts:read', 'surveys:read', 'cases:read', 'cases:work'],
  viewer: [...everyRead, 'cases:read', 'improvements:read'],
};

export function may(actor: Actor, action: Action): boolean {
  return roleMay(actor.role, action);
}

/** Whether a role grants an action (for a user who is not the one asking, e.g. a report's recipient). */
export function roleMay(role: Role, action: Action): boolean {
  return GRANTS[role].includes(action);
}

/** Roles a given actor may hand out: never more than their own. */
export function mayGrantRole(actor: Actor, role: Role): boolean {
  if (!may(actor, 'users:manage')) return false;
  if (role === 'owner') return actor.role === 'owner';
  return true;
}

/**
 * Whether the actor may change a member's role from `current` to `next`: user admins only, never to
 * more than their own role, and an owner's membership is changed by an owner only (an admin can
 * neither demote an owner nor narrow an owner's scope). The last owner is guarded where the change
 * is made, under a lock.
 */
export function mayChangeRole(actor: Actor, current: Role, next: Role): boolean {
  if (!may(actor, 'users:manage')) return false;
  if (current === 'owner' && actor.role !== 'owner') return false;
  return mayGrantRole(actor, next);
}
