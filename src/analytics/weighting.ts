import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { type Margins, normalCriticalValue, rakeWeights } from '../domain/statistics/index.ts';
import { badRequest } from '../http/problem.ts';
import { type AccountFilter, accountMonths } from './accountQuery.ts';

/** The variables responses can be raked on, as SQL over an account rollup row (c), its account (a) and unit (u). */
export const RAKING_VARIABLES = {
  tier: `coalesce(a.tier, '-')`,
  industry: `coalesce(a.industry, '-')`,
  buyingRole: `c.buying_role`,
  region: `coalesce((select r.name from org_units r where r.org_id = c.org_id and r.unit_id::text = split_part(u.path, '/', 2)), '-')`,
} as const;
export type RakingVariable = keyof typeof RAKING_VARIABLES;

const COLUMNS = [
  'n',
  'promoters',
  'passives',
  'detractors',
  'satisfaction_n',
  'satisfaction_sum',
  'strength_n',
  'strength_sum',
];

/**
 * NPS, satisfaction and relationship strength weighted so the sample matches known margins (e.g. the
 * customer base by tier and region). Respondents in one cell of the raking variables share a weight,
 * so the raking runs on the rollup cells: each cell is a unit whose base weight is its size. The
 * weighted NPS's interval uses Kish's effective sample size (the counts are rescaled to it).
 */
export async function weightedFigures(database: Database, filter: AccountFilter, margins: Margins) {
  const variables = Object.keys(margins) as RakingVariable[];
  for (const variable of variables) {
    if (!(variable in RAKING_VARIABLES))
      throw badRequest('Unknown raking variable.', [
        { field: `body.margins.${variable}`, message: `Use ${Object.keys(RAKING_VARIABLES).join(', ')}` },
      ]);
  }
  const months = accountMonths(filter.from, filter.to);
  const bucket = variables.map((v) => `${RAKING_VARIABLES[v]}`).join(` || '|' || `);
  const where = [sql`c.org_id = ${filter.orgId}`];
  if (months.from) where.push(sql`c.day >= ${months.from}::date`);
  if (months.to) where.push(sql`c.day < ${months.to}::date`);
  if (filter.unitPath) where.push(sql`u.path like ${`${filter.unitPath}%`}`);
  const { rows } = await sql<Record<string, string | number>>`
    select ${sql.raw(bucket)} as bucket, ${sql.raw(COLUMNS.map((col) => `sum(c.${col})::float8 as ${col}`).join(', '))}
    from rollup_account_monthly c
    join accounts a on a.org_id = c.org_id and a.account_id = c.account_id
    left join org_units u on u.org_id = c.org_id and u.unit_id = c.unit_id
    where ${sql.join(where, sql` and `)}
    group by 1`.execute(database.db);
  const cells = rows.map((row) => ({
    levels: Object.fromEntries(
      String(row.bucket)
        .split('|')
        .map((level, i) => [variables[i], level]),
    ),
    sums: Object.fromEntries(COLUMNS.map((col) => [col, Number(row[col])])),
  }));
  const problems = cells.flatMap((cell) =>
    variables
      .filter((v) => !(cell.levels[v] in margins[v]))
      .map((v) => ({
        field: `body.margins.${v}`,
        message: `No target for "${cell.levels[v]}", which has ${cell.sums.n} responses`,
      })),
  );
  if (problems.length) throw badRequest('Every level in the data needs a target.', problems);
  const total = cells.reduce((s, c) => s + c.sums.n, 0);
  if (total === 0) return { n: 0, suppressed: true as const };
  // Targets may be shares or counts: scaled to the sample size so weights average 1.
  const targets = Object.fromEntries(
    variables.map((v) => {
      const sum = Object.values(margins[v]).reduce((s, x) => s + x, 0);
      return [
        v,
        Object.fromEntries(Object.entries(margins[v]).map(([level, x]) => [level, (x / sum) * total])),
      ];
    }),
  );
  const raking = rakeWeights(
    cells.map((c) => c.levels),
    targets,
    { baseWeights: cells.map((c) => c.sums.n) },
  );
  const perRespondent = cells.map((c, i) => raking.weights[i] / c.sums.n);
  // Kish's effective sample size, (Σw)² / Σw², with every respondent of a cell at that cell's weight.
  const sumW = cells.reduce((s, c, i) => s + c.sums.n * perRespondent[i], 0);
  const sumW2 = cells.reduce((s, c, i) => s + c.sums.n * perRespondent[i] ** 2, 0);
  const ess = (sumW * sumW) / sumW2;
  const weighted = (column: string) => cells.reduce((s, c, i) => s + perRespondent[i] * c.sums[column], 0);
  const npsWeight = weighted('promoters') + weighted('passives') + weighted('detractors');
  // The NPS formula of npsFromCounts on weighted shares, with the effective sample size as n.
  let nps: { score: number; lower: number; upper: number; standardError: number } | null = null;
  if (npsWeight > 0) {
    const p = weighted('promoters') / npsWeight;
    const d = weighted('detractors') / npsWeight;
    const standardError = 100 * Math.sqrt((p + d - (p - d) ** 2) / ess);
    const z = normalCriticalValue(0.95);
    const score = 100 * (p - d);
    nps = {
      score,
      standardError,
      lower: Math.max(-100, score - z * standardError),
      upper: Math.min(100, score + z * standardError),
    };
  }
  return {
    suppressed: false as const,
    n: total,
    effectiveN: ess,
    converged: raking.converged,
    iterations: raking.iterations,
    cells: cells.map((c, i) => ({ levels: c.levels, n: c.sums.n, weight: perRespondent[i] })),
    nps: nps && { score: nps.score, lower: nps.lower, upper: nps.upper, standardError: nps.standardError },
    satisfaction:
      weighted('satisfaction_n') > 0 ? weighted('satisfaction_sum') / weighted('satisfaction_n') : null,
    relationshipStrength:
      weighted('strength_n') > 0 ? weighted('strength_sum') / weighted('strength_n') : null,
  };
}
