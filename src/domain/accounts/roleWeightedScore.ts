/** How much each buying role's view counts in an account's combined score. */
export type RoleWeights = Readonly<Record<string, number>>;

/**
 * Default weights: the people who decide and sign count most, then those who shape the decision,
 * then the day-to-day users; a contact without a known role counts as a user.
 */
export const DEFAULT_ROLE_WEIGHTS: RoleWeights = {
  decision_maker: 3,
  executive: 3,
  influencer: 2,
  finance: 1.5,
  procurement: 1.5,
  user: 1,
  '-': 1,
};

/**
 * An account's score from its stakeholders: each role's mean, weighted by the role's weight, so one
 * talkative user group cannot outweigh the decision maker.
 *
 *   score = Σ_r w_r · mean_r / Σ_r w_r   over the roles with at least one answer
 *
 * @param roles each role's mean score and number of answers
 * @param weights weight per role (unknown roles weigh 1)
 * @returns the weighted score, or null when no role has answered
 * @example roleWeightedScore([{ role: 'decision_maker', mean: 80, n: 1 }, { role: 'user', mean: 40, n: 5 }]) // 70
 */
export function roleWeightedScore(
  roles: readonly { role: string; mean: number; n: number }[],
  weights: RoleWeights = DEFAULT_ROLE_WEIGHTS,
): number | null {
  let weighted = 0;
  let total = 0;
  for (const { role, mean, n } of roles) {
    if (n <= 0 || !Number.isFinite(mean)) continue;
    const weight = weights[role] ?? 1;
    if (!(weight >= 0)) throw new RangeError(`the weight of ${role} must be a non-negative number`);
    weighted += weight * mean;
    total += weight;
  }
  return total > 0 ? weighted / total : null;
}
