import { describe, expect, it } from 'vitest';
import { nearestManagers, resolveOwner } from './ownerResolution.ts';

const managers = [
  { unitPath: '/r/', userId: 'root-boss' },
  { unitPath: '/r/x/', userId: 'x-manager' },
  { unitPath: '/r/x/x1/', userId: 'x1-manager-b' },
  { unitPath: '/r/x/x1/', userId: 'x1-manager-a' },
  { unitPath: '/r/y/', userId: 'y-manager' },
];

describe('owner resolution', () => {
  it('the account owner comes first', () => {
    expect(
      resolveOwner({ accountOwnerId: 'am', unitPath: '/r/x/x1/', managers, fallbackQueue: 'q' }),
    ).toEqual({
      ownerUserId: 'am',
      queue: null,
      reason: 'account_owner',
    });
  });

  it('else the nearest manager up the unit hierarchy (stable among several)', () => {
    expect(
      resolveOwner({ accountOwnerId: null, unitPath: '/r/x/x1/', managers, fallbackQueue: 'q' }),
    ).toEqual({
      ownerUserId: 'x1-manager-a',
      queue: null,
      reason: 'unit_manager',
    });
    expect(
      resolveOwner({ accountOwnerId: null, unitPath: '/r/x/x2/', managers, fallbackQueue: 'q' }).ownerUserId,
    ).toBe('x-manager');
  });

  it('else the fallback queue', () => {
    expect(resolveOwner({ accountOwnerId: null, unitPath: null, managers, fallbackQueue: 'cx' })).toEqual({
      ownerUserId: null,
      queue: 'cx',
      reason: 'fallback_queue',
    });
    expect(
      resolveOwner({ accountOwnerId: null, unitPath: '/z/', managers, fallbackQueue: 'cx' }).reason,
    ).toBe('fallback_queue');
  });

  it('lists the managers nearest first, each once', () => {
    expect(nearestManagers('/r/x/x1/', [...managers, { unitPath: '/r/', userId: 'x-manager' }])).toEqual([
      'x1-manager-a',
      'x1-manager-b',
      'x-manager',
      'root-boss',
    ]);
  });
});
