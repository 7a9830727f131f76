/**
 * Who owns a new case (pure): the account's owner, else the nearest manager of the response's unit
 * (walking up the hierarchy), else the rule's fallback queue.
 */

export interface OwnerCandidates {
  accountOwnerId: string | null;
  /** The response's unit path (`/root/…/unit/`), or null when it has no unit. */
  unitPath: string | null;
  /** Managers by the path of the unit they manage. */
  managers: readonly { unitPath: string; userId: string }[];
  fallbackQueue: string;
}

export type Ownership =
  | { ownerUserId: string; queue: null; reason: 'account_owner' | 'unit_manager' }
  | { ownerUserId: null; queue: string; reason: 'fallback_queue' };

export function resolveOwner(candidates: OwnerCandidates): Ownership {
  if (candidates.accountOwnerId) {
    return { ownerUserId: candidates.accountOwnerId, queue: null, reason: 'account_owner' };
  }
  const manager = nearestManagers(candidates.unitPath, candidates.managers)[0];
  if (manager) return { ownerUserId: manager, queue: null, reason: 'unit_manager' };
  return { ownerUserId: null, queue: candidates.fallbackQueue, reason: 'fallback_queue' };
}

/**
 * Managers from the unit up to the root, nearest first (several managers of one unit in user-id
 * order, so the choice is stable).
 */
export function nearestManagers(
  unitPath: string | null,
  managers: readonly { unitPath: string; userId: string }[],
): string[] {
  if (!unitPath) return [];
  return managers
    .filter((m) => unitPath.startsWith(m.unitPath))
    .sort((a, b) => b.unitPath.length - a.unitPath.length || a.userId.localeCompare(b.userId))
    .map((m) => m.userId)
    .filter((id, i, all) => all.indexOf(id) === i);
}
