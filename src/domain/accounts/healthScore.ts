/**
 * The Customer Health Score: a weighted mix of an account's signals, each on 0–100, read as Red /
 * Amber / Green against thresholds an admin sets.
 *
 *   score = Σ_s w_s · x_s / Σ_s w_s   over the signals s the account has (x_s not null, w_s > 0)
 *
 * Signals: relationship strength (role-weighted, 0–100), NPS rescaled to 0–100 as (NPS + 100) / 2,
 * the share of the account's contacts heard from (coverage, 0–100), and, where cases exist, an
 * operational signal: 100 with no open case, minus `casePenalty` points per open case (floor 0).
 * A missing signal does not count as zero: the weights of the others are renormalised.
 */
export const HEALTH_SIGNALS = ['strength', 'nps', 'coverage', 'openCases'] as const;
export type HealthSignal = (typeof HEALTH_SIGNALS)[number];
export type HealthWeights = Record<HealthSignal, number>;
export interface HealthThresholds {
  /** At or above: Amber. */
  amber: number;
  /** At or above: Green. */
  green: number;
}
export interface HealthSettings {
  weights: HealthWeights;
  thresholds: HealthThresholds;
  /** Points an open case takes off the operational signal. */
  casePenalty: number;
}
export type Rag = 'red' | 'amber' | 'green' | 'unknown';

/** Until an admin says otherwise: strength counts most, NPS next, then coverage and open cases. */
export const DEFAULT_HEALTH_SETTINGS: HealthSettings = {
  weights: { strength: 3, nps: 2, coverage: 1, openCases: 1 },
  thresholds: { amber: 50, green: 70 },
  casePenalty: 25,
};

export interface AccountSignals {
  /** Role-weighted relationship strength, 0–100, or null when suppressed. */
  strength: number | null;
  /** NPS −100…100, or null when suppressed. */
  nps: number | null;
  /** Share of contacts heard, 0–1, or null without contacts. */
  coverage: number | null;
  /** Open cases, or null when the organisation works no cases. */
  openCases: number | null;
}

/** Each signal on the 0–100 scale, or null when the account does not have it. */
export function signalValues(
  signals: AccountSignals,
  casePenalty: number,
): Record<HealthSignal, number | null> {
  const finite = (value: number | null) => (value !== null && Number.isFinite(value) ? value : null);
  const nps = finite(signals.nps);
  const coverage = finite(signals.coverage);
  const cases = finite(signals.openCases);
  return {
    strength: finite(signals.strength),
    nps: nps === null ? null : (nps + 100) / 2,
    coverage: coverage === null ? null : coverage * 100,
    openCases: cases === null ? null : Math.max(0, 100 - casePenalty * cases),
  };
}

/**
 * The score (0–100, or null when no weighted signal is present) and its RAG. Coverage and open
 * cases alone say nothing of how the customer feels: without strength or NPS the result is unknown.
 */
export function healthScore(
  signals: AccountSignals,
  settings: HealthSettings,
): { score: number | null; rag: Rag } {
  const values = signalValues(signals, settings.casePenalty);
  if (values.strength === null && values.nps === null) return { score: null, rag: 'unknown' };
  const used = HEALTH_SIGNALS.filter((signal) => values[signal] !== null && settings.weights[signal] > 0);
  if (used.length === 0) return { score: null, rag: 'unknown' };
  // Weights are taken relative to the largest: a tiny weight times a small value would otherwise
  // underflow to zero and pull the mean outside its signals.
  const largest = Math.max(...used.map((signal) => settings.weights[signal]));
  let weighted = 0;
  let weights = 0;
  for (const signal of used) {
    const weight = settings.weights[signal] / largest;
    weighted += weight * values[signal]!;
    weights += weight;
  }
  const score = weighted / weights;
  return { score, rag: ragOf(score, settings.thresholds) };
}

export function ragOf(score: number, thresholds: HealthThresholds): Rag {
  if (score >= thresholds.green) return 'green';
  if (score >= thresholds.amber) return 'amber';
  return 'red';
}
