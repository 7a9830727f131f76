import {
  type AccountSignals,
  type HealthSettings,
  healthScore,
  type Rag,
} from '../../../src/domain/accounts/healthScore.ts';
import type { AccountRow } from '../../api/types.ts';

export type Health = Rag;

/** What GET /health-score answers: the organisation's settings and open cases per account. */
export interface HealthContext {
  settings: HealthSettings;
  custom: boolean;
  casesInUse: boolean;
  openCases: { accountId: string; open: number }[];
}

/** An account row's signals: suppressed figures are missing signals, not zeros. */
export function accountSignals(account: AccountRow, context: HealthContext): AccountSignals {
  const open = context.openCases.find((row) => row.accountId === account.accountId)?.open ?? 0;
  return {
    strength: account.strength.suppressed ? null : account.strength.roleWeighted,
    nps: account.nps.suppressed ? null : account.nps.score,
    coverage: account.coverage.share,
    openCases: context.casesInUse ? open : null,
  };
}

/** The Customer Health Score of an account row, by the organisation's own weights and thresholds. */
export function healthOf(account: AccountRow, context: HealthContext): { score: number | null; rag: Health } {
  return healthScore(accountSignals(account, context), context.settings);
}
