import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { signIn, testApp } from '../../test/testApp.ts';
import { TOTAL_LOYALTY_EFFECT } from '../demo/causalModel.ts';
import { loadDemo } from '../demo/loadDemo.ts';

const PASSWORD = 'demo password 1';

describeEachEngine('analytics API on the demo programme', (database) => {
  let app: FastifyInstance;
  let orgId: string;
  let owner: { cookie: string };
  let ownerCsrf = '';
  let manager: { cookie: string };

  beforeAll(async () => {
    const result = await loadDemo(database(), {
      responses: 6000,
      seed: 3,
      password: PASSWORD,
      until: new Date('2026-11-01T00:00:00Z'),
    });
    orgId = result.orgId;
    app = await testApp(database());
    const ownerSession = await signIn(app, 'owner@demo.rapport.dev', PASSWORD);
    owner = ownerSession;
    ownerCsrf = ownerSession.csrfToken;
    manager = await signIn(app, 'manager.south@demo.rapport.dev', PASSWORD);
  }, 120_000);
  afterAll(() => app?.close());

  const get = (who: { cookie: string }, url: string) =>
    app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });

  it('gives the NPS with its interval, equal to an independent count over the raw responses', async () => {
    const overview = (await get(owner, '/api/v1/analytics/overview')).json();
    const { rows } = await sql<{ n: number; nps: number }>`
      select count(nps)::int as n, 100.0 * (count(*) filter (where nps >= 9) - count(*) filter (where nps <= 6)) / count(nps) as nps
      from responses where org_id = ${orgId} and not excluded`.execute(database().db);
    expect(overview.nps.n).toBe(rows[0].n);
    expect(overview.nps.score).toBeCloseTo(Number(rows[0].nps), 9);
    expect(overview.nps.lower).toBeLessThan(overview.nps.score);
    expect(overview.nps.upper).toBeGreaterThan(overview.nps.score);
  });

  it('shows the segments in the order the causal model plants: attached > functional > unfulfilled', async () => {
    const { segments } = (await get(owner, '/api/v1/analytics/overview')).json();
    const [attached, functional, unfulfilled] = segments;
    expect(attached.nps.score).toBeGreaterThan(functional.nps.score);
    expect(functional.nps.score).toBeGreaterThan(unfulfilled.nps.score);
    expect(attached.retention.share).toBeGreaterThan(functional.retention.share);
    expect(functional.retention.share).toBeGreaterThan(unfulfilled.retention.share);
  });

  it('recovers the planted Force ordering from rollup cross-products (LMG), near-level Forces aside', async () => {
    const forces = (await get(owner, '/api/v1/analytics/forces?outcome=nps')).json();
    expect(forces.drivers.suppressed).toBe(false);
    const recovered = [...forces.drivers.players]
      .sort((a, b) => b.importance - a.importance)
      .map((p) => p.force);
    const planted = Object.entries(TOTAL_LOYALTY_EFFECT)
      .sort((a, b) => b[1] - a[1])
      .map(([force]) => force);
    console.log(
      'planted',
      planted.join(' > '),
      '\nrecovered',
      recovered.join(' > '),
      'R²',
      forces.drivers.rSquared.toFixed(3),
    );
    // Every pair of Forces whose planted effects clearly differ comes out in the planted order. Status
    // (0.195) and enjoyment (0.18) are planted almost level, so a sample may swap them.
    for (const [a, effectA] of Object.entries(TOTAL_LOYALTY_EFFECT))
      for (const [b, effectB] of Object.entries(TOTAL_LOYALTY_EFFECT))
        if (effectA - effectB > 0.03)
          expect(recovered.indexOf(a), `${a} before ${b}`).toBeLessThan(recovered.indexOf(b));
    expect(recovered[0]).toBe(planted[0]);
    expect(forces.quadrant.forces).toHaveLength(6);
  });

  it('marks significant changes against a comparison period, and suppresses small bases', async () => {
    const forces = (
      await get(
        owner,
        '/api/v1/analytics/forces?from=2026-05-01&to=2026-11-01&compareFrom=2025-05-01&compareTo=2025-11-01',
      )
    ).json();
    for (const force of forces.forces) {
      expect(force.change.suppressed).toBe(false);
      expect(typeof force.change.significant).toBe('boolean');
      expect(force.change.adjustedP).toBeGreaterThanOrEqual(force.change.pValue);
    }
    const tiny = (
      await get(owner, '/api/v1/analytics/overview?from=2026-10-31&to=2026-11-01&minBase=1000')
    ).json();
    expect(tiny.nps).toEqual({ suppressed: true, n: tiny.nps.n });
    expect(tiny.nps.score).toBeUndefined();
  });

  it('limits a manager to their region', async () => {
    const all = (await get(owner, '/api/v1/analytics/breakdown?by=unit')).json();
    const south = (await get(manager, '/api/v1/analytics/breakdown?by=unit')).json();
    expect(south.rows.length).toBe(3);
    expect(all.rows.length).toBe(9);
    const regionY = await database()
      .db.selectFrom('org_units')
      .select('unit_id')
      .where('org_id', '=', orgId)
      .where('name', '=', 'Northern Europe')
      .executeTakeFirstOrThrow();
    expect((await get(manager, `/api/v1/analytics/overview?unitId=${regionY.unit_id}`)).statusCode).toBe(404);
    const trend = (await get(manager, '/api/v1/analytics/trend?grouping=quarter')).json();
    expect(trend.points.length).toBeGreaterThanOrEqual(6);
  });

  it('gives each touchpoint its CSAT and its experience against expectation, equal to a count of the raw answers', async () => {
    const { rows } = (await get(owner, '/api/v1/analytics/breakdown?by=touchpoint')).json();
    const raw = await sql<{
      key: string;
      worse: number;
      in_line: number;
      better: number;
      csat_n: number;
      top2: number;
    }>`
      select touchpoint_id::text as key,
        count(*) filter (where dissonance = 'worse')::int as worse,
        count(*) filter (where dissonance = 'in_line')::int as in_line,
        count(*) filter (where dissonance = 'better')::int as better,
        count(satisfaction)::int as csat_n,
        count(*) filter (where satisfaction >= 75)::int as top2
      from responses where org_id = ${orgId} and touchpoint_id is not null and not excluded
      group by touchpoint_id`.execute(database().db);
    // The two demo pulses ask both; one of them (delivery) asks CSAT as its headline.
    expect(raw.rows).toHaveLength(2);
    for (const counts of raw.rows) {
      const row = rows.find((r: { key: string }) => r.key === counts.key);
      const n = counts.worse + counts.in_line + counts.better;
      expect(row.expectation.n).toBe(n);
      expect(row.expectation.net).toBeCloseTo((100 * (counts.better - counts.worse)) / n, 9);
      expect(row.expectation.worse).toBeCloseTo(counts.worse / n, 9);
      expect(row.expectation.lower).toBeLessThan(row.expectation.net);
      if (counts.csat_n > 0) expect(row.csat.share).toBeCloseTo(counts.top2 / counts.csat_n, 9);
      else expect(row.csat).toEqual({ suppressed: true, n: 0 });
    }
    expect(raw.rows.some((r) => r.csat_n > 0)).toBe(true);
  });

  it('cuts by tier and lists accounts with role-weighted strength, coverage and revenue at risk', async () => {
    const tiers = (await get(owner, '/api/v1/analytics/breakdown?by=tier')).json();
    expect(tiers.rows.map((r: { key: string }) => r.key).sort()).toEqual(['key', 'standard', 'strategic']);
    const overall = (await get(owner, '/api/v1/analytics/overview')).json();
    expect(tiers.rows.reduce((n: number, r: { n: number }) => n + r.n, 0)).toBe(overall.base);
    const { accounts } = (await get(owner, '/api/v1/analytics/accounts')).json();
    expect(accounts).toHaveLength(200);
    const atRisk = accounts
      .map((a: { revenueAtRisk: number | null }) => a.revenueAtRisk)
      .filter((v: number | null) => v !== null);
    expect(atRisk).toEqual([...atRisk].sort((a, b) => b - a));
    const first = accounts[0];
    expect(first.coverage.share).toBeGreaterThan(0);
    expect(first.coverage.share).toBeLessThanOrEqual(1);
    // The same figure computed independently from the raw responses.
    const { rows } = await sql<{ role: string; mean: number }>`
      select coalesce(c.buying_role, '-') as role, avg(r.relationship_strength)::float8 as mean
      from responses r left join contacts c on c.org_id = r.org_id and c.contact_id = r.contact_id
      where r.org_id = ${orgId} and r.account_id = ${first.accountId} and not r.excluded and r.relationship_strength is not null
      group by 1`.execute(database().db);
    const weights: Record<string, number> = {
      decision_maker: 3,
      executive: 3,
      influencer: 2,
      finance: 1.5,
      procurement: 1.5,
      user: 1,
      '-': 1,
    };
    const expected =
      rows.reduce((s, r) => s + weights[r.role] * r.mean, 0) / rows.reduce((s, r) => s + weights[r.role], 0);
    expect(first.strength.roleWeighted).toBeCloseTo(expected, 6);
    const south = (await get(manager, '/api/v1/analytics/accounts')).json();
    expect(south.accounts.length).toBeGreaterThan(0);
    expect(south.accounts.length).toBeLessThan(200);
  });

  it('offers relative weights, grouped Forces and bootstrap intervals for the drivers', async () => {
    const lmgResult = (await get(owner, '/api/v1/analytics/forces?outcome=nps')).json().drivers;
    const rw = (await get(owner, '/api/v1/analytics/forces?outcome=nps&method=relative-weights')).json()
      .drivers;
    expect(rw.method).toBe('relative-weights');
    expect(rw.rSquared).toBeCloseTo(lmgResult.rSquared, 9);
    expect(rw.players.reduce((s: number, p: { importance: number }) => s + p.importance, 0)).toBeCloseTo(
      rw.rSquared,
      9,
    );
    const top = (d: { players: { force: string; importance: number }[] }) =>
      [...d.players].sort((a, b) => b.importance - a.importance)[0].force;
    expect(top(rw)).toBe(top(lmgResult));
    const grouped = (
      await get(
        owner,
        '/api/v1/analytics/forces?outcome=nps&groups=emotional:belonging%2Bstatus%2Benjoyment,functional:certainty%2Bcontrol%2BfairTreatment',
      )
    ).json();
    expect(grouped.drivers.players.map((p: { force: string }) => p.force).sort()).toEqual([
      'emotional',
      'functional',
    ]);
    expect(grouped.quadrant).toBeNull();
    const booted = (await get(owner, '/api/v1/analytics/forces?outcome=nps&bootstrap=60')).json().drivers;
    expect(booted.bootstrap.replicates).toBeGreaterThan(50);
    for (const player of booted.bootstrap.players) {
      expect(player.share.lower).toBeLessThanOrEqual(player.share.estimate);
      expect(player.share.upper).toBeGreaterThanOrEqual(player.share.estimate);
    }
    const bad = await get(owner, '/api/v1/analytics/forces?groups=x:nothing');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('querystring.groups');
  });

  it('tests period-over-period changes in the trend and the segment mix against a comparison period', async () => {
    const trend = (await get(owner, '/api/v1/analytics/trend?grouping=quarter')).json();
    expect(trend.points[0].npsChange).toBeNull();
    for (const point of trend.points.slice(1)) {
      expect(point.npsChange.adjustedP).toBeGreaterThanOrEqual(point.npsChange.pValue);
    }
    const overview = (
      await get(
        owner,
        '/api/v1/analytics/overview?from=2026-05-01&to=2026-11-01&compareFrom=2025-05-01&compareTo=2025-11-01',
      )
    ).json();
    expect(overview.comparison.segments.degreesOfFreedom).toBe(2);
    expect(overview.comparison.segments.pValue).toBeGreaterThanOrEqual(0);
  });

  it('reports the locked-in share, continuation by promise–experience group and forgiveness after an incident, as the raw data says', async () => {
    const overview = (await get(owner, '/api/v1/analytics/overview')).json();
    const { rows } = await sql<Record<string, number>>`
      select
        count(*) filter (where continue_likelihood >= 8 and coalesce(preference_rank, 2) <> 1 and attachment < 75)::float8
          / count(*) filter (where continue_likelihood is not null and attachment is not null) as locked,
        avg(continue_likelihood) filter (where dissonance = 'worse')::float8 as worse,
        avg(continue_likelihood) filter (where dissonance = 'better')::float8 as better,
        avg(continue_likelihood) filter (where critical_incident and segment = 'emotionally_attached')::float8 as attached_after,
        avg(continue_likelihood) filter (where critical_incident and segment = 'unfulfilled')::float8 as unfulfilled_after
      from responses where org_id = ${orgId} and not excluded`.execute(database().db);
    const raw = rows[0];
    expect(overview.lockedIn.share).toBeCloseTo(Number(raw.locked), 9);
    const byGroup = Object.fromEntries(
      overview.dissonance.map((d: { group: string; continueLikelihood: { mean: number } }) => [
        d.group,
        d.continueLikelihood.mean,
      ]),
    );
    expect(byGroup.worse).toBeCloseTo(Number(raw.worse), 9);
    expect(byGroup.better).toBeCloseTo(Number(raw.better), 9);
    expect(byGroup.better).toBeGreaterThan(byGroup.worse);
    const [attached, , unfulfilled] = overview.segments;
    expect(attached.afterIncident.mean).toBeCloseTo(Number(raw.attached_after), 9);
    expect(unfulfilled.afterIncident.mean).toBeCloseTo(Number(raw.unfulfilled_after), 9);
    expect(attached.afterIncident.mean).toBeGreaterThan(unfulfilled.afterIncident.mean);
  });

  it('weights by raking to known margins: sample margins change nothing, a skewed tier mix moves the NPS', async () => {
    const post = (margins: unknown) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/analytics/weighted',
        headers: { cookie: owner.cookie, 'x-csrf-token': ownerCsrf },
        payload: { margins },
      });
    const tiers = (await get(owner, '/api/v1/analytics/breakdown?by=tier')).json().rows as {
      key: string;
      n: number;
      nps: { score: number };
    }[];
    const sample = Object.fromEntries(tiers.map((t) => [t.key, t.n]));
    const neutralReply = await post({ tier: sample });
    expect(neutralReply.statusCode, neutralReply.body).toBe(200);
    const neutral = neutralReply.json();
    const overall = (await get(owner, '/api/v1/analytics/overview')).json();
    expect(neutral.converged).toBe(true);
    expect(neutral.nps.score).toBeCloseTo(overall.nps.score, 6);
    expect(neutral.effectiveN).toBeCloseTo(neutral.n, 6);
    const best = [...tiers].sort((a, b) => b.nps.score - a.nps.score)[0].key;
    const skewed = (
      await post({ tier: Object.fromEntries(tiers.map((t) => [t.key, t.key === best ? 8 : 1])) })
    ).json();
    expect(skewed.nps.score).toBeGreaterThan(neutral.nps.score);
    expect(skewed.effectiveN).toBeLessThan(skewed.n);
    const missing = await post({ tier: { [best]: 1 } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe('body.margins.tier');
  });
});
