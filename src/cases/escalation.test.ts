import { describe, expect, it } from 'vitest';
import { dueDates, escalationTarget, nextEscalationAt } from './escalation.ts';

const t0 = new Date('2025-03-03T09:00:00Z');
const hours = (h: number) => new Date(t0.getTime() + h * 3_600_000);

describe('SLAs and escalation', () => {
  it('due dates come from the rule', () => {
    expect(dueDates(t0, { firstContactHours: 4, resolutionDays: 2 })).toEqual({
      firstContactDueAt: hours(4),
      resolutionDueAt: hours(48),
    });
  });

  const base = {
    status: 'new' as const,
    firstContactDueAt: hours(4),
    resolutionDueAt: hours(48),
    firstContactedAt: null,
    lastEscalatedAt: null,
  };

  it('first contact is the deadline until the customer is contacted, then resolution', () => {
    expect(nextEscalationAt(base, 8)).toEqual(hours(4));
    expect(nextEscalationAt({ ...base, status: 'in_progress', firstContactedAt: hours(1) }, 8)).toEqual(
      hours(48),
    );
  });

  it('after an escalation it climbs again one step later; resolved cases never escalate', () => {
    expect(nextEscalationAt({ ...base, lastEscalatedAt: hours(4.5) }, 8)).toEqual(hours(12.5));
    expect(nextEscalationAt({ ...base, status: 'resolved' }, 8)).toBeNull();
    expect(nextEscalationAt({ ...base, status: 'closed' }, 8)).toBeNull();
    // Escalated before first contact, then contacted: the resolution deadline applies again.
    expect(
      nextEscalationAt(
        { ...base, status: 'in_progress', firstContactedAt: hours(6), lastEscalatedAt: hours(4.5) },
        8,
      ),
    ).toEqual(hours(48));
  });

  it('targets the managers above the owner, one level per escalation', () => {
    const chain = ['team-lead', 'region-head', 'ceo'];
    expect(escalationTarget(chain, 'agent', 0)).toBe('team-lead');
    expect(escalationTarget(chain, 'agent', 2)).toBe('ceo');
    expect(escalationTarget(chain, 'agent', 3)).toBeNull();
    expect(escalationTarget(chain, 'team-lead', 0)).toBe('region-head');
  });
});
