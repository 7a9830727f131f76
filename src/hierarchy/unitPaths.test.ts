import { describe, expect, it } from 'vitest';
import { childPath, isWithin, moveMakesCycle, repath } from './unitPaths.ts';

describe('unit paths', () => {
  it('builds a child path below its parent or at the top', () => {
    expect(childPath(null, 'a')).toBe('/a/');
    expect(childPath('/a/', 'b')).toBe('/a/b/');
  });

  it('treats a unit as inside its own subtree and not inside a sibling sharing a prefix', () => {
    expect(isWithin('/a/b/', '/a/')).toBe(true);
    expect(isWithin('/a/', '/a/')).toBe(true);
    expect(isWithin('/ab/', '/a/')).toBe(false);
  });

  it('refuses moves under the unit itself or its descendants', () => {
    expect(moveMakesCycle('/a/b/', '/a/b/')).toBe(true);
    expect(moveMakesCycle('/a/b/', '/a/b/c/')).toBe(true);
    expect(moveMakesCycle('/a/b/', '/a/')).toBe(false);
    expect(moveMakesCycle('/a/b/', null)).toBe(false);
    expect(moveMakesCycle('/a/b/', '/a/bc/')).toBe(false);
  });

  it('rewrites the subtree prefix and nothing else', () => {
    expect(repath('/a/b/c/', '/a/b/', '/x/b/')).toBe('/x/b/c/');
    expect(repath('/a/b/', '/a/b/', '/b/')).toBe('/b/');
    expect(() => repath('/z/', '/a/', '/b/')).toThrow();
  });
});
