import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEFAULT_ROLE_WEIGHTS, roleWeightedScore } from '../domain/accounts/roleWeightedScore.ts';
import {
  bootstrapImportance,
  impactPerformanceQuadrants,
  lmg,
  type PredictorSpec,
  relativeWeights,
} from '../domain/drivers/index.ts';
import {
  benjaminiHochbergAdjust,
  chiSquareIndependence,
  npsDifference,
  npsFromCounts,
  welchTTest,
} from '../domain/statistics/index.ts';
import { requireActor } from '../http/authentication.ts';
import type { AppContext } from '../http/context.ts';
import { badRequest } from '../http/problem.ts';
import { inScope } from '../policies/scope.ts';
import { accountCoverage, accountMonths, sumAccountCells } from './accountQuery.ts';
import {
  accountsQuery,
  analyticsQuery,
  breakdownQuery,
  driversQuery,
  trendQuery,
} from './analyticsSchema.ts';
import { type CellFilter, sumCells } from './cellQuery.ts';
import {
  crossProductsFrom,
  expectationFigure,
  forceFigures,
  meanFigure,
  npsFigure,
  shareFigure,
} from './figures.ts';
import { responseRate } from './responseRate.ts';
import { crossProductColumns, OUTCOME_GROUP_COLUMNS } from './rollupVariables.ts';
import { cellFilterFor } from './scopeFilter.ts';
import { weightedFigures } from './weighting.ts';

const loose = z.record(z.string(), z.unknown());
const FORCE_KEYS = [
  ['certainty', 'certainty'],
  ['control', 'control'],
  ['fairTreatment', 'fair_treatment'],
  ['belonging', 'belonging'],
  ['status', 'status'],
  ['enjoyment', 'enjoyment'],
] as const;
const SEGMENTS = ['emotionally_attached', 'functionally_satisfied', 'unfulfilled'] as const;
const ALPHA = 0.05;

const moments = (...keys: string[]) => keys.flatMap((k) => [`${k}_n`, `${k}_sum`, `${k}_sumsq`]);
const FORCE_MOMENTS = moments('certainty', 'control', 'fair_treatment', 'belonging', 'status', 'enjoyment');
const NPS_COUNTS = ['n', 'promoters', 'passives', 'detractors'];
/** The sums each view needs: summing only these keeps the dashboard reads small. */
const OVERVIEW_COLUMNS = [
  ...NPS_COUNTS,
  'csat_n',
  'csat_top2',
  'continue_top2',
  ...moments('satisfaction', 'ces', 'attachment', 'strength', 'continue'),
  ...OUTCOME_GROUP_COLUMNS,
];
const { sums: XS, products: XP } = crossProductColumns();
const FORCES_COLUMNS = [
  'n',
  ...FORCE_MOMENTS,
  ...['certainty', 'control', 'fair_treatment', 'belonging', 'status', 'enjoyment'].map((f) => `${f}_topbox`),
  'xp_n',
  ...XS,
  ...XP.map((p) => p.column),
];
const SERIES_COLUMNS = [...NPS_COUNTS, ...FORCE_MOMENTS];
/** A breakdown row also carries CSAT and the experience against expectation (the journey map's). */
const BREAKDOWN_COLUMNS = [
  ...SERIES_COLUMNS,
  'csat_n',
  'csat_top2',
  'dissonance_worse_n',
  'dissonance_in_line_n',
  'dissonance_better_n',
];
const TREND_COLUMNS = [...SERIES_COLUMNS, 'csat_n', 'csat_top2', ...moments('ces')];

/** Column-wise sum of grouped rows: the ungrouped totals. */
function addUp(rows: { sums: Record<string, number> }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of rows)
    for (const [key, value] of Object.entries(row.sums)) out[key] = (out[key] ?? 0) + value;
  return out;
}

const empty = () => ({}) as Record<string, number>;
const total = async (context: AppContext, filter: CellFilter, columns: readonly string[]) =>
  (await sumCells(context.database, filter, 'none', columns))[0]?.sums ?? empty();

type DriverQuery = {
  outcome: string;
  method: 'lmg' | 'relative-weights';
  groups?: string;
  bootstrap: number;
  minBase: number;
};

function predictorSpec(groups: string | undefined): PredictorSpec {
  const forces = FORCE_KEYS.map(([force]) => force);
  if (!groups) return forces;
  const spec: Record<string, string[]> = {};
  const grouped = new Set<string>();
  for (const part of groups.split(',')) {
    const [name, members] = part.split(':');
    const list = members.split('+');
    for (const member of list) {
      if (!forces.includes(member as never))
        throw badRequest('Unknown Force in groups.', [
          { field: 'querystring.groups', message: `Unknown Force "${member}"` },
        ]);
      if (grouped.has(member))
        throw badRequest('A Force is in two groups.', [
          { field: 'querystring.groups', message: `"${member}" appears twice` },
        ]);
      grouped.add(member);
    }
    spec[name] = list;
  }
  // Forces not named in a group stay players of their own.
  for (const force of forces) if (!grouped.has(force)) spec[force] = [force];
  return spec;
}

/** Driver importance from the rollups' cross-products, with bootstrap intervals over month × unit cells. */
async function driverFigures(
  cells: { bucket: string; sums: Record<string, number> }[] | null,
  sums: Record<string, number>,
  q: DriverQuery,
) {
  const n = sums.xp_n ?? 0;
  if (n < Math.max(q.minBase, 30)) return { suppressed: true as const, n };
  const spec = predictorSpec(q.groups);
  if (q.groups && q.method !== 'lmg') {
    throw badRequest('Groups need the LMG method.', [
      { field: 'querystring.groups', message: 'Only with method=lmg' },
    ]);
  }
  const cp = crossProductsFrom(sums);
  let players: { force: string; members: readonly string[]; importance: number; share: number }[];
  let rSquared: number;
  if (q.method === 'lmg') {
    const result = lmg(cp, q.outcome, spec);
    rSquared = result.rSquared;
    players = result.players.map((p) => ({
      force: p.name,
      members: p.members,
      importance: p.importance,
      share: p.share,
    }));
  } else {
    const result = relativeWeights(cp, q.outcome, spec as readonly string[]);
    rSquared = result.rSquared;
    players = result.weights.map((p) => ({
      force: p.name,
      members: [p.name],
      importance: p.rawWeight,
      share: p.rescaledPercent / 100,
    }));
  }
  let intervals: Record<string, unknown> | null = null;
  if (q.bootstrap > 0 && cells) {
    const boot = bootstrapImportance(
      cells.map((cell) => crossProductsFrom(cell.sums)).filter((cell) => cell.n > 0),
      {
        outcome: q.outcome,
        predictors: spec,
        seed: 1,
        replicates: q.bootstrap,
        method: q.method === 'lmg' ? 'lmg' : 'relative_weights',
      },
    );
    intervals = {
      replicates: boot.replicates,
      cells: cells.length,
      rSquared: boot.rSquared,
      players: boot.players,
    };
  }
  return {
    suppressed: false as const,
    n,
    outcome: q.outcome,
    method: q.method,
    rSquared,
    players,
    bootstrap: intervals,
  };
}

/**
 * The analytics API: every figure comes with its base (n), its interval, and significance flags
 * where it is compared; figures below the minimum base are suppressed, never shown as numbers.
 * All of it is computed from rollups of sufficient statistics within the caller's scope.
 */
export const analyticsRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.database;

  app.get(
    '/analytics/overview',
    {
      schema: {
        tags: ['analytics'],
        summary: 'NPS, CSAT, CES, attachment and the relationship segments with their outcomes',
        querystring: analyticsQuery,
        response: { 200: loose },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'responses:read');
      const q = request.query;
      const filter = await cellFilterFor(db, actor, q);
      // The totals are the sum of the segment rows (every column is additive): one read, not two.
      const [bySegment, invitations] = await Promise.all([
        sumCells(context.database, filter, 'segment', OVERVIEW_COLUMNS),
        responseRate(context.database, filter),
      ]);
      const sums = addUp(bySegment);
      const segmentTotal = bySegment.filter((s) => s.bucket !== '-').reduce((n, s) => n + s.sums.n, 0);
      const segments = SEGMENTS.map((segment) => {
        const s = bySegment.find((row) => row.bucket === segment)?.sums ?? empty();
        return {
          segment,
          share: shareFigure(s.n ?? 0, segmentTotal, q.minBase),
          nps: npsFigure(s, q.minBase),
          satisfaction: meanFigure(s, 'satisfaction', q.minBase),
          retention: shareFigure(s.continue_top2 ?? 0, s.continue_n ?? 0, q.minBase),
          continueLikelihood: meanFigure(s, 'continue', q.minBase),
          // Forgiveness: likelihood to continue among those who reported a bad experience.
          afterIncident: meanFigure(s, 'incident_continue', q.minBase),
        };
      });
      let comparison: Record<string, unknown> | null = null;
      if (q.compareFrom && q.compareTo) {
        const beforeSegments = await sumCells(
          context.database,
          { ...filter, from: q.compareFrom, to: q.compareTo },
          'segment',
          NPS_COUNTS,
        );
        const countsOf = (rows: { bucket: string; sums: Record<string, number> }[]) =>
          SEGMENTS.map((segment) => rows.find((r) => r.bucket === segment)?.sums.n ?? 0);
        const table = [countsOf(bySegment), countsOf(beforeSegments)];
        const usable =
          table.every((row) => row.reduce((a, b) => a + b, 0) >= q.minBase) &&
          SEGMENTS.every((_, i) => table[0][i] + table[1][i] > 0);
        // Has the segment mix moved? Pearson's chi-square on segments × period.
        const segmentsTest = usable ? chiSquareIndependence(table) : null;
        const before = addUp(beforeSegments);
        const nNow = (sums.promoters ?? 0) + (sums.passives ?? 0) + (sums.detractors ?? 0);
        const nBefore = (before.promoters ?? 0) + (before.passives ?? 0) + (before.detractors ?? 0);
        if (nNow >= q.minBase && nBefore >= q.minBase) {
          const diff = npsDifference(
            npsFromCounts({
              promoters: sums.promoters,
              passives: sums.passives,
              detractors: sums.detractors,
            }),
            npsFromCounts({
              promoters: before.promoters,
              passives: before.passives,
              detractors: before.detractors,
            }),
          );
          comparison = {
            nps: { ...diff, significant: diff.pValue < ALPHA, previous: npsFigure(before, q.minBase) },
          };
        } else comparison = { nps: { suppressed: true, n: Math.min(nNow, nBefore) } };
        comparison.segments = segmentsTest
          ? {
              chiSquare: segmentsTest.statistic,
              degreesOfFreedom: segmentsTest.degreesOfFreedom,
              pValue: segmentsTest.pValue,
              significant: segmentsTest.pValue < ALPHA,
              previous: table[1],
            }
          : { suppressed: true };
      }
      return {
        base: sums.n ?? 0,
        minBase: q.minBase,
        nps: npsFigure(sums, q.minBase),
        csat: shareFigure(sums.csat_top2 ?? 0, sums.csat_n ?? 0, q.minBase),
        ces: meanFigure(sums, 'ces', q.minBase),
        attachment: meanFigure(sums, 'attachment', q.minBase),
        relationshipStrength: meanFigure(sums, 'strength', q.minBase),
        lockedIn: shareFigure(sums.locked_in ?? 0, sums.locked_base ?? 0, q.minBase),
        dissonance: (['worse', 'in_line', 'better'] as const).map((group) => ({
          group,
          share: shareFigure(
            sums[`dissonance_${group}_n`] ?? 0,
            (sums.dissonance_worse_n ?? 0) +
              (sums.dissonance_in_line_n ?? 0) +
              (sums.dissonance_better_n ?? 0),
            q.minBase,
          ),
          continueLikelihood: meanFigure(sums, `dissonance_${group}_continue`, q.minBase),
        })),
        segments,
        unsegmented: bySegment.find((s) => s.bucket === '-')?.sums.n ?? 0,
        responseRate: invitations,
        comparison,
      };
    },
  );

  app.get(
    '/analytics/forces',
    {
      schema: {
        tags: ['analytics'],
        summary:
          'The six Force scores with intervals, change against a comparison period, drivers and the quadrant',
        querystring: driversQuery,
        response: { 200: loose },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'responses:read');
      const q = request.query;
      const filter = await cellFilterFor(db, actor, q);
      // With a bootstrap, the month × unit cells are read once and added up for the totals (they
      // partition the period); the comparison period is read meanwhile.
      const beforeRead =
        q.compareFrom && q.compareTo
          ? total(context, { ...filter, from: q.compareFrom, to: q.compareTo }, FORCE_MOMENTS)
          : null;
      // Awaited below, or dropped when the request fails first; a failure still throws where awaited.
      beforeRead?.catch(() => undefined);
      const cells = q.bootstrap > 0 ? await sumCells(context.database, filter, 'cell', FORCES_COLUMNS) : null;
      const sums = cells ? addUp(cells) : await total(context, filter, FORCES_COLUMNS);
      const figures = forceFigures(sums, q.minBase);
      let changes: Record<string, unknown> = {};
      if (beforeRead) {
        const before = await beforeRead;
        const tests = FORCE_KEYS.map(([force, key]) => {
          const a = {
            n: sums[`${key}_n`] ?? 0,
            sum: sums[`${key}_sum`] ?? 0,
            sumSq: sums[`${key}_sumsq`] ?? 0,
          };
          const b = {
            n: before[`${key}_n`] ?? 0,
            sum: before[`${key}_sum`] ?? 0,
            sumSq: before[`${key}_sumsq`] ?? 0,
          };
          return {
            force,
            test: a.n >= q.minBase && b.n >= q.minBase && a.n > 1 && b.n > 1 ? welchTTest(a, b) : null,
          };
        });
        // Six Forces tested at once: Benjamini–Hochberg keeps the share of false alarms at 5%.
        const tested = tests.filter((t) => t.test);
        const adjusted = benjaminiHochbergAdjust(tested.map((t) => t.test!.pValue));
        changes = Object.fromEntries(
          tests.map((t) => {
            if (!t.test) return [t.force, { suppressed: true }];
            const adjustedP = adjusted[tested.indexOf(t)];
            return [
              t.force,
              {
                suppressed: false,
                difference: t.test.difference,
                pValue: t.test.pValue,
                adjustedP,
                significant: adjustedP < ALPHA,
              },
            ];
          }),
        );
      }
      const drivers = await driverFigures(cells, sums, q);
      // The quadrant places single Forces; with grouped players there is none to draw.
      const quadrant =
        drivers.suppressed ||
        drivers.players.some((p) => p.members.length > 1) ||
        FORCE_KEYS.some(([force]) => (figures[force].score as { suppressed: boolean }).suppressed)
          ? null
          : impactPerformanceQuadrants(
              drivers.players.map((p) => ({
                force: p.force,
                importance: p.share,
                performance: (figures[p.force].score as { mean: number }).mean,
              })),
            );
      return {
        base: sums.n ?? 0,
        minBase: q.minBase,
        forces: FORCE_KEYS.map(([force]) => ({ force, ...figures[force], change: changes[force] ?? null })),
        drivers,
        quadrant,
      };
    },
  );

  app.get(
    '/analytics/trend',
    {
      schema: {
        tags: ['analytics'],
        summary: 'NPS, CSAT, effort and the Force scores per day, week, month, quarter or year',
        querystring: trendQuery,
        response: { 200: z.object({ grouping: z.string(), points: z.array(loose) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'responses:read');
      const q = request.query;
      const rows = await sumCells(
        context.database,
        await cellFilterFor(db, actor, q),
        q.grouping,
        TREND_COLUMNS,
      );
      const points = rows.map(({ bucket, sums }) => ({
        period: bucket,
        sums,
        nps: npsFigure(sums, q.minBase),
      }));
      // Each period against the one before: NPS change with its p-value, Benjamini–Hochberg across the series.
      const counts = (s: Record<string, number>) => ({
        promoters: s.promoters ?? 0,
        passives: s.passives ?? 0,
        detractors: s.detractors ?? 0,
      });
      const changes = points.map((point, i) => {
        const previous = points[i - 1];
        if (!previous || point.nps.suppressed || previous.nps.suppressed) return null;
        return npsDifference(npsFromCounts(counts(point.sums)), npsFromCounts(counts(previous.sums)));
      });
      const tested = changes.filter((c) => c !== null);
      const adjusted = tested.length ? benjaminiHochbergAdjust(tested.map((c) => c.pValue)) : [];
      return {
        grouping: q.grouping,
        points: points.map((point, i) => {
          const change = changes[i];
          const adjustedP = change ? adjusted[tested.indexOf(change)] : null;
          return {
            period: point.period,
            n: point.sums.n,
            nps: point.nps,
            npsChange:
              change && adjustedP !== null
                ? {
                    difference: change.difference,
                    pValue: change.pValue,
                    adjustedP,
                    significant: adjustedP < ALPHA,
                  }
                : null,
            csat: shareFigure(point.sums.csat_top2, point.sums.csat_n, q.minBase),
            ces: meanFigure(point.sums, 'ces', q.minBase),
            forces: Object.fromEntries(
              FORCE_KEYS.map(([force, key]) => [force, meanFigure(point.sums, key, q.minBase)]),
            ),
          };
        }),
      };
    },
  );

  app.get(
    '/analytics/breakdown',
    {
      schema: {
        tags: ['analytics'],
        summary:
          'NPS, the Force scores, CSAT and the experience against expectation per unit, survey, touchpoint, segment, language or channel',
        querystring: breakdownQuery,
        response: { 200: z.object({ by: z.string(), rows: z.array(loose) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'responses:read');
      const q = request.query;
      const filter = await cellFilterFor(db, actor, q);
      const rows =
        q.by === 'account' || q.by === 'tier' || q.by === 'industry' || q.by === 'buyingRole'
          ? await sumAccountCells(context.database, filter, q.by, BREAKDOWN_COLUMNS)
          : await sumCells(context.database, filter, q.by, BREAKDOWN_COLUMNS);
      return {
        by: q.by,
        rows: rows.map(({ bucket, sums }) => ({
          key: bucket,
          n: sums.n,
          nps: npsFigure(sums, q.minBase),
          forces: Object.fromEntries(
            FORCE_KEYS.map(([force, key]) => [force, meanFigure(sums, key, q.minBase)]),
          ),
          csat: shareFigure(sums.csat_top2 ?? 0, sums.csat_n ?? 0, q.minBase),
          expectation: expectationFigure(sums, q.minBase),
        })),
      };
    },
  );

  app.get(
    '/analytics/accounts',
    {
      schema: {
        tags: ['analytics'],
        summary:
          'Accounts with NPS, relationship strength combined over buying roles, coverage and revenue at risk',
        querystring: accountsQuery,
        response: { 200: z.object({ months: loose, roleWeights: loose, accounts: z.array(loose) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'accounts:read');
      const q = request.query;
      const filter = { ...(await cellFilterFor(db, actor, q)), tier: q.tier, industry: q.industry };
      const columns = [...NPS_COUNTS, ...moments('strength')];
      const [byRole, coverage, accounts] = await Promise.all([
        sumAccountCells(context.database, filter, 'accountRole', columns),
        accountCoverage(context.database, filter),
        inScope(db.selectFrom('accounts'), actor, 'accounts')
          .select([
            'accounts.account_id',
            'accounts.name',
            'accounts.tier',
            'accounts.industry',
            'accounts.annual_value',
            'accounts.renewal_date',
            'accounts.unit_id',
          ])
          .execute(),
      ]);
      const roles = new Map<string, { role: string; sums: Record<string, number> }[]>();
      for (const row of byRole) {
        const [accountId, role] = row.bucket.split('|');
        roles.set(accountId, [...(roles.get(accountId) ?? []), { role, sums: row.sums }]);
      }
      const rows = accounts
        .filter((a) => (!q.tier || a.tier === q.tier) && (!q.industry || a.industry === q.industry))
        .map((account) => {
          const parts = roles.get(account.account_id) ?? [];
          const total: Record<string, number> = {};
          for (const part of parts)
            for (const [k, v] of Object.entries(part.sums)) total[k] = (total[k] ?? 0) + v;
          const strength = roleWeightedScore(
            parts.map((p) => ({
              role: p.role,
              mean: p.sums.strength_n ? p.sums.strength_sum / p.sums.strength_n : Number.NaN,
              n: p.sums.strength_n ?? 0,
            })),
          );
          const n = total.n ?? 0;
          const shown = n >= q.minBase && strength !== null;
          const annualValue = account.annual_value === null ? null : Number(account.annual_value);
          const heard = coverage.get(account.account_id) ?? { heard: 0, contacts: 0 };
          return {
            accountId: account.account_id,
            name: account.name,
            tier: account.tier,
            industry: account.industry,
            annualValue,
            renewalDate: account.renewal_date
              ? new Date(account.renewal_date).toISOString().slice(0, 10)
              : null,
            n,
            nps: npsFigure(total, q.minBase),
            strength: shown ? { suppressed: false, n, roleWeighted: strength } : { suppressed: true, n },
            // Revenue at risk: the account's annual value times how far its relationship falls short of full strength.
            revenueAtRisk: shown && annualValue !== null ? annualValue * (1 - strength / 100) : null,
            coverage: {
              heard: heard.heard,
              contacts: heard.contacts,
              share: heard.contacts ? heard.heard / heard.contacts : null,
            },
          };
        });
      const key = {
        revenueAtRisk: (r: (typeof rows)[number]) => -(r.revenueAtRisk ?? Number.NEGATIVE_INFINITY),
        strength: (r: (typeof rows)[number]) =>
          r.strength.suppressed
            ? Number.POSITIVE_INFINITY
            : (r.strength as { roleWeighted: number }).roleWeighted,
        nps: (r: (typeof rows)[number]) =>
          r.nps.suppressed ? Number.POSITIVE_INFINITY : (r.nps as { score: number }).score,
        name: () => 0,
      }[q.sort];
      rows.sort((a, b) => key(a) - key(b) || a.name.localeCompare(b.name));
      return { months: accountMonths(q.from, q.to), roleWeights: DEFAULT_ROLE_WEIGHTS, accounts: rows };
    },
  );

  app.post(
    '/analytics/weighted',
    {
      schema: {
        tags: ['analytics'],
        summary: 'NPS, satisfaction and strength weighted by raking to known margins (e.g. tier × region)',
        body: z.strictObject({
          from: z.iso.date().optional(),
          to: z.iso.date().optional(),
          unitId: z.string().uuid().optional(),
          margins: z
            .partialRecord(
              z.enum(['tier', 'industry', 'buyingRole', 'region']),
              z.record(z.string().max(200), z.number().positive()),
            )
            .describe(
              'Target shares (or counts) per level of each variable, e.g. { "tier": { "strategic": 0.1, … } }',
            ),
        }),
        response: { 200: loose },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'responses:read');
      const filter = await cellFilterFor(db, actor, request.body);
      return weightedFigures(context.database, filter, request.body.margins as never);
    },
  );
};
