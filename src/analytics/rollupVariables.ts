/**
 * What the rollups keep per cell. Every figure is a sufficient statistic that adds across cells, so
 * any dashboard total is a SUM over rollup rows (see ../domain/statistics for how they combine).
 */

/** Measures kept as count, sum and sum of squares (means, intervals, Welch tests). */
export const MOMENT_MEASURES = [
  ['nps', 'nps'],
  ['satisfaction', 'satisfaction'],
  ['ces', 'ces'],
  ['attachment', 'attachment'],
  ['strength', 'relationship_strength'],
  ['continue', 'continue_likelihood'],
  ['certainty', 'force_certainty'],
  ['control', 'force_control'],
  ['fair_treatment', 'force_fair_treatment'],
  ['belonging', 'force_belonging'],
  ['status', 'force_status'],
  ['enjoyment', 'force_enjoyment'],
] as const;

/**
 * The driver variables whose cross-products are kept, over responses that answered all of them
 * (complete cases): the six Forces and the outcomes a driver analysis explains.
 */
export const DRIVER_VARIABLES = [
  ['certainty', 'force_certainty'],
  ['control', 'force_control'],
  ['fairTreatment', 'force_fair_treatment'],
  ['belonging', 'force_belonging'],
  ['status', 'force_status'],
  ['enjoyment', 'force_enjoyment'],
  ['satisfaction', 'satisfaction'],
  ['attachment', 'attachment'],
  ['nps', 'nps'],
  ['continue', 'continue_likelihood'],
  ['strength', 'relationship_strength'],
] as const;

export type DriverVariable = (typeof DRIVER_VARIABLES)[number][0];

/** Column names of the cross-product accumulators: xs_i (sums) and xp_i_j for i ≤ j (products). */
export function crossProductColumns(): {
  sums: string[];
  products: { i: number; j: number; column: string }[];
} {
  const sums = DRIVER_VARIABLES.map((_, i) => `xs_${i}`);
  const products: { i: number; j: number; column: string }[] = [];
  for (let i = 0; i < DRIVER_VARIABLES.length; i++) {
    for (let j = i; j < DRIVER_VARIABLES.length; j++) products.push({ i, j, column: `xp_${i}_${j}` });
  }
  return { sums, products };
}

/** Every additive column of a rollup row, in a fixed order. */
export function rollupValueColumns(): string[] {
  const { sums, products } = crossProductColumns();
  return [
    'n',
    ...MOMENT_MEASURES.flatMap(([key]) => [`${key}_n`, `${key}_sum`, `${key}_sumsq`]),
    'promoters',
    'passives',
    'detractors',
    'csat_n',
    'csat_top2',
    'continue_top2',
    ...['certainty', 'control', 'fair_treatment', 'belonging', 'status', 'enjoyment'].map(
      (f) => `${f}_topbox`,
    ),
    'xp_n',
    ...sums,
    ...products.map((p) => p.column),
    ...OUTCOME_GROUP_COLUMNS,
  ];
}

/**
 * Outcome tables the seeds read: likelihood to continue for the locked-in, for each promise–experience
 * group, and after a critical incident (by segment, since segment is a cell dimension). Added by
 * migration 0005.
 */
export const OUTCOME_GROUP_COLUMNS = [
  'locked_base',
  'locked_in',
  ...['worse', 'in_line', 'better'].flatMap((g) => [
    `dissonance_${g}_n`,
    `dissonance_${g}_continue_n`,
    `dissonance_${g}_continue_sum`,
    `dissonance_${g}_continue_sumsq`,
  ]),
  'incident_n',
  'incident_continue_n',
  'incident_continue_sum',
  'incident_continue_sumsq',
] as const;

/**
 * SQL expressions computing each rollup column from a `responses` row aliased `r`, weighted by
 * `sign` (+1 adds a response to the rollups, −1 takes it out again).
 */
export function rollupValueExpressions(sign = 'sign'): Record<string, string> {
  const expressions: Record<string, string> = { n: `sum(${sign})` };
  for (const [key, column] of MOMENT_MEASURES) {
    expressions[`${key}_n`] = `sum(${sign} * (r.${column} is not null)::int)`;
    expressions[`${key}_sum`] = `coalesce(sum(${sign} * r.${column}::float8), 0)`;
    expressions[`${key}_sumsq`] = `coalesce(sum(${sign} * r.${column}::float8 * r.${column}::float8), 0)`;
  }
  expressions.promoters = `sum(${sign} * coalesce(r.nps >= 9, false)::int)`;
  expressions.passives = `sum(${sign} * coalesce(r.nps between 7 and 8, false)::int)`;
  expressions.detractors = `sum(${sign} * coalesce(r.nps <= 6, false)::int)`;
  expressions.csat_n = `sum(${sign} * (r.satisfaction is not null)::int)`;
  // Top-two-box: 75 and above on 0–100 is 4 or 5 on a five-point scale.
  expressions.csat_top2 = `sum(${sign} * coalesce(r.satisfaction >= 75, false)::int)`;
  expressions.continue_top2 = `sum(${sign} * coalesce(r.continue_likelihood >= 9, false)::int)`;
  for (const force of ['certainty', 'control', 'fair_treatment', 'belonging', 'status', 'enjoyment']) {
    expressions[`${force}_topbox`] = `sum(${sign} * coalesce(r.force_${force} >= 75, false)::int)`;
  }
  // Locked in (as isLockedIn in the Forces core): would continue (≥ 8 of 10) without preferring us
  // (not ranked first) and without attachment (< 75); the base is everyone with both answers.
  expressions.locked_base = `sum(${sign} * coalesce(r.continue_likelihood is not null and r.attachment is not null, false)::int)`;
  expressions.locked_in = `sum(${sign} * coalesce(r.continue_likelihood >= 8 and coalesce(r.preference_rank, 2) <> 1 and r.attachment < 75, false)::int)`;
  for (const group of ['worse', 'in_line', 'better']) {
    const inGroup = `r.dissonance = '${group}'`;
    expressions[`dissonance_${group}_n`] = `sum(${sign} * coalesce(${inGroup}, false)::int)`;
    expressions[`dissonance_${group}_continue_n`] =
      `sum(${sign} * coalesce(${inGroup} and r.continue_likelihood is not null, false)::int)`;
    expressions[`dissonance_${group}_continue_sum`] =
      `coalesce(sum(case when ${inGroup} then ${sign} * r.continue_likelihood::float8 end), 0)`;
    expressions[`dissonance_${group}_continue_sumsq`] =
      `coalesce(sum(case when ${inGroup} then ${sign} * r.continue_likelihood::float8 * r.continue_likelihood::float8 end), 0)`;
  }
  expressions.incident_n = `sum(${sign} * coalesce(r.critical_incident, false)::int)`;
  expressions.incident_continue_n = `sum(${sign} * coalesce(r.critical_incident and r.continue_likelihood is not null, false)::int)`;
  expressions.incident_continue_sum = `coalesce(sum(case when r.critical_incident then ${sign} * r.continue_likelihood::float8 end), 0)`;
  expressions.incident_continue_sumsq = `coalesce(sum(case when r.critical_incident then ${sign} * r.continue_likelihood::float8 * r.continue_likelihood::float8 end), 0)`;
  const complete = DRIVER_VARIABLES.map(([, column]) => `r.${column} is not null`).join(' and ');
  expressions.xp_n = `sum(${sign} * (${complete})::int)`;
  const { sums, products } = crossProductColumns();
  DRIVER_VARIABLES.forEach(([, column], i) => {
    expressions[sums[i]] = `coalesce(sum(case when ${complete} then ${sign} * r.${column}::float8 end), 0)`;
  });
  for (const { i, j, column } of products) {
    const a = DRIVER_VARIABLES[i][1];
    const b = DRIVER_VARIABLES[j][1];
    expressions[column] =
      `coalesce(sum(case when ${complete} then ${sign} * r.${a}::float8 * r.${b}::float8 end), 0)`;
  }
  return expressions;
}
