import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { signIn, testApp } from '../../test/testApp.ts';
import { loadDemo } from '../demo/loadDemo.ts';

const PASSWORD = 'demo password 1';

describeEachEngine('CSAT and effort in the trend; the response rate of personal invitations', (database) => {
  let app: FastifyInstance;
  let orgId: string;
  let owner: { cookie: string };
  let manager: { cookie: string };

  beforeAll(async () => {
    ({ orgId } = await loadDemo(database(), {
      responses: 1500,
      seed: 11,
      password: PASSWORD,
      until: new Date('2026-11-01T00:00:00Z'),
    }));
    app = await testApp(database());
    owner = await signIn(app, 'owner@demo.rapport.dev', PASSWORD);
    manager = await signIn(app, 'manager.south@demo.rapport.dev', PASSWORD);
  }, 120_000);
  afterAll(() => app?.close());

  const get = (who: { cookie: string }, url: string) =>
    app.inject({ method: 'GET', url, headers: { cookie: who.cookie } }).then((r) => {
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    });

  it('gives each month’s CSAT and effort as the raw responses say', async () => {
    const trend = await get(owner, '/api/v1/analytics/trend?grouping=month&minBase=2');
    const { rows } = await sql<{
      month: string;
      csat_n: number;
      top2: number;
      ces: number | null;
      ces_n: number;
    }>`
      select to_char(submitted_at at time zone 'UTC', 'YYYY-MM') as month,
        count(satisfaction)::int as csat_n, count(*) filter (where satisfaction >= 75)::int as top2,
        avg(ces)::float8 as ces, count(ces)::int as ces_n
      from responses where org_id = ${orgId} and status = 'complete' and not excluded
      group by 1 order by 1`.execute(database().db);
    expect(trend.points.map((p: { period: string }) => p.period)).toEqual(rows.map((r) => r.month));
    for (const [i, row] of rows.entries()) {
      const point = trend.points[i];
      expect(point.csat.n).toBe(row.csat_n);
      if (row.csat_n >= 2) expect(point.csat.share).toBeCloseTo(row.top2 / row.csat_n, 9);
      else expect(point.csat.suppressed).toBe(true);
      expect(point.ces.n).toBe(row.ces_n);
      if (row.ces_n >= 2) expect(point.ces.mean).toBeCloseTo(row.ces!, 9);
      else expect(point.ces.suppressed).toBe(true);
    }
  });

  it('suppresses a month’s CSAT and effort under the minimum base', async () => {
    const trend = await get(owner, '/api/v1/analytics/trend?grouping=day&minBase=1000');
    expect(trend.points.length).toBeGreaterThan(0);
    for (const point of trend.points) {
      expect(point.csat).toEqual({ suppressed: true, n: point.csat.n });
      expect(point.ces.suppressed).toBe(true);
    }
  });

  it('counts invitations sent and answered in the period and in scope', async () => {
    const db = database().db;
    const survey = await db
      .selectFrom('surveys')
      .select('survey_id')
      .where('org_id', '=', orgId)
      .executeTakeFirstOrThrow();
    const southPath = (
      await db
        .selectFrom('org_units')
        .select('path')
        .where('org_id', '=', orgId)
        .where('name', '=', 'Southern Europe')
        .executeTakeFirstOrThrow()
    ).path;
    const contacts = await sql<{ contact_id: string; account_id: string; south: boolean }>`
      select c.contact_id, c.account_id, u.path like ${`${southPath}%`} as south
      from contacts c join accounts a on a.org_id = c.org_id and a.account_id = c.account_id
      join org_units u on u.org_id = a.org_id and u.unit_id = a.unit_id
      where c.org_id = ${orgId} order by c.contact_id limit 40`.execute(db);
    const inPeriod = new Date('2026-06-10T12:00:00Z');
    const before = new Date('2025-01-10T12:00:00Z');
    // Every third link answered; the last five were issued outside the period.
    const rows = contacts.rows.map((contact, i) => ({
      org_id: orgId,
      token_hash: randomBytes(32).toString('hex'),
      survey_id: survey.survey_id,
      contact_id: contact.contact_id,
      account_id: contact.account_id,
      hidden: '{}',
      language: 'en',
      created_at: i >= 35 ? before : inPeriod,
      used_at: i % 3 === 0 ? inPeriod : null,
      response_id: i % 3 === 0 ? randomUUID() : null,
    }));
    await db.insertInto('survey_tokens').values(rows).execute();
    const period = 'from=2026-06-01&to=2026-07-01';
    const expected = (only: (i: number) => boolean) => {
      const chosen = rows.map((_, i) => i).filter((i) => i < 35 && only(i));
      const answered = chosen.filter((i) => i % 3 === 0).length;
      return { sent: chosen.length, answered, rate: chosen.length ? answered / chosen.length : null };
    };
    expect((await get(owner, `/api/v1/analytics/overview?${period}`)).responseRate).toEqual(
      expected(() => true),
    );
    expect((await get(manager, `/api/v1/analytics/overview?${period}`)).responseRate).toEqual(
      expected((i) => contacts.rows[i].south),
    );
    expect(
      (await get(owner, '/api/v1/analytics/overview?from=2020-01-01&to=2020-02-01')).responseRate,
    ).toEqual({
      sent: 0,
      answered: 0,
      rate: null,
    });
  });
});
