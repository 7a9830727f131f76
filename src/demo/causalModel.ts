import type { ForceKey } from '../domain/forces/index.ts';
import { FORCE_KEYS } from '../domain/forces/index.ts';
import type { SeededRandom } from './seededRandom.ts';

/**
 * The stated causal model behind the demo responses, so analyses can be checked to recover it.
 *
 *   quality  = 0.6·account + 0.8·ε                (a respondent's general view of the supplier)
 *   z_f      = 0.5·quality + 0.866·ε_f            (each Force: equal correlation 0.25 between Forces)
 *   attached = Σ ATTACHMENT_WEIGHTS[f]·z_f + 0.6·ε  (emotional attachment)
 *   satisfied= Σ SATISFACTION_WEIGHTS[f]·z_f + 0.7·ε (functional satisfaction)
 *   loyalty  = 0.65·attached + 0.35·satisfied + 0.5·ε (drives NPS, continuation, share, buying more)
 *
 * Every ε is an independent standard normal. Force scores, CSAT and attachment are the latent values
 * put through the survey's scales, so the Force importance for loyalty follows TOTAL_LOYALTY_EFFECT.
 */
export const ATTACHMENT_WEIGHTS: Record<ForceKey, number> = {
  belonging: 0.5,
  status: 0.3,
  enjoyment: 0.25,
  certainty: 0.15,
  fairTreatment: 0.05,
  control: 0,
};

export const SATISFACTION_WEIGHTS: Record<ForceKey, number> = {
  certainty: 0.5,
  fairTreatment: 0.2,
  control: 0.12,
  enjoyment: 0.05,
  belonging: 0,
  status: 0,
};

export const LOYALTY_FROM_ATTACHMENT = 0.65;
export const LOYALTY_FROM_SATISFACTION = 0.35;

/** Each Force's total effect on loyalty through attachment and satisfaction: the ordering to recover. */
export const TOTAL_LOYALTY_EFFECT: Record<ForceKey, number> = Object.fromEntries(
  FORCE_KEYS.map((force) => [
    force,
    LOYALTY_FROM_ATTACHMENT * ATTACHMENT_WEIGHTS[force] +
      LOYALTY_FROM_SATISFACTION * SATISFACTION_WEIGHTS[force],
  ]),
) as Record<ForceKey, number>;

/** Where each Force sits on average for this supplier (0–100): strong on certainty, weak on status. */
export const FORCE_BASELINE: Record<ForceKey, number> = {
  certainty: 64,
  control: 58,
  fairTreatment: 55,
  belonging: 52,
  status: 48,
  enjoyment: 60,
};

export interface LatentRespondent {
  forces: Record<ForceKey, number>;
  attached: number;
  satisfied: number;
  loyalty: number;
}

/** Draws one respondent's latent scores (standard-normal scale) given the account's shared quality. */
export function drawLatentRespondent(
  random: SeededRandom,
  accountQuality: number,
  unitShift: number,
): LatentRespondent {
  const quality = 0.6 * accountQuality + 0.8 * random.normal() + unitShift;
  const forces = {} as Record<ForceKey, number>;
  for (const force of FORCE_KEYS) forces[force] = 0.5 * quality + 0.866 * random.normal();
  let attached = 0.6 * random.normal();
  let satisfied = 0.7 * random.normal();
  for (const force of FORCE_KEYS) {
    attached += ATTACHMENT_WEIGHTS[force] * forces[force];
    satisfied += SATISFACTION_WEIGHTS[force] * forces[force];
  }
  const loyalty =
    LOYALTY_FROM_ATTACHMENT * attached + LOYALTY_FROM_SATISFACTION * satisfied + 0.5 * random.normal();
  return { forces, attached, satisfied, loyalty };
}

/** A latent value onto a whole-number answer scale: centre and spread chosen so answers use the scale. */
export function toScale(latent: number, min: number, max: number, centre: number, spread: number): number {
  return Math.max(min, Math.min(max, Math.round(centre + spread * latent)));
}
