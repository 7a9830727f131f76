import { describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH_SETTINGS } from '../../../src/domain/accounts/healthScore.ts';
import type { AccountRow } from '../../api/types.ts';
import { type HealthContext, healthOf } from './health.ts';

const row = (overrides: Partial<AccountRow>): AccountRow => ({
  accountId: 'a',
  name: 'A',
  tier: null,
  industry: null,
  annualValue: null,
  renewalDate: null,
  n: 20,
  nps: { suppressed: true, n: 3 },
  strength: { suppressed: true, n: 3 },
  revenueAtRisk: null,
  coverage: { heard: 0, contacts: 0, share: null },
  ...overrides,
});

const context = (over: Partial<HealthContext> = {}): HealthContext => ({
  settings: {
    weights: { strength: 1, nps: 0, coverage: 0, openCases: 1 },
    thresholds: { amber: 50, green: 70 },
    casePenalty: 20,
  },
  custom: true,
  casesInUse: true,
  openCases: [],
  ...over,
});

describe("account health from the organisation's settings", () => {
  it("reads the row's signals and the account's open cases", () => {
    const strong = row({ strength: { suppressed: false, n: 20, roleWeighted: 80 } });
    // strength 80 and no open case (100): 90, green
    expect(healthOf(strong, context())).toEqual({ score: 90, rag: 'green' });
    // two open cases: (80 + 60) / 2 = 70, still green at the threshold; three: (80 + 40) / 2 = 60, amber
    expect(healthOf(strong, context({ openCases: [{ accountId: 'a', open: 2 }] })).rag).toBe('green');
    expect(healthOf(strong, context({ openCases: [{ accountId: 'a', open: 3 }] }))).toEqual({
      score: 60,
      rag: 'amber',
    });
  });

  it('leaves out cases when the organisation works none, and suppressed figures altogether', () => {
    const strong = row({ strength: { suppressed: false, n: 20, roleWeighted: 60 } });
    expect(healthOf(strong, context({ casesInUse: false }))).toEqual({ score: 60, rag: 'amber' });
    expect(healthOf(row({}), context())).toEqual({ score: null, rag: 'unknown' });
  });

  it('moves with the thresholds an admin sets', () => {
    const account = row({ strength: { suppressed: false, n: 20, roleWeighted: 60 } });
    const settings = { ...DEFAULT_HEALTH_SETTINGS, thresholds: { amber: 30, green: 55 } };
    expect(healthOf(account, context({ settings, casesInUse: false })).rag).toBe('green');
  });
});
