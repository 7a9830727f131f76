/**
 * Materialised paths of org units: `/root/…/unit/`, the chain of unit ids from the root. A subtree is
 * every path that starts with its root's path, so a move rewrites one prefix.
 */

/** The path of a unit placed under `parentPath` (or at the top when there is no parent). */
export function childPath(parentPath: string | null, unitId: string): string {
  return `${parentPath ?? '/'}${unitId}/`;
}

/** True when `path` is `ancestorPath` itself or lies below it. */
export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

/**
 * Moving the subtree rooted at `unitPath` under `newParentPath` is a cycle when the new parent is the
 * unit itself or one of its descendants.
 */
export function moveMakesCycle(unitPath: string, newParentPath: string | null): boolean {
  return newParentPath !== null && isWithin(newParentPath, unitPath);
}

/** The path a descendant takes when its subtree root moves from `oldRootPath` to `newRootPath`. */
export function repath(path: string, oldRootPath: string, newRootPath: string): string {
  if (!isWithin(path, oldRootPath)) throw new Error(`${path} is not inside ${oldRootPath}`);
  return newRootPath + path.slice(oldRootPath.length);
}
