import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { type SurveyDefinition, validateAnswers } from '../surveys/definition/index.ts';
import { TOTAL_LOYALTY_EFFECT } from './causalModel.ts';
import { loadDemo } from './loadDemo.ts';

const UNTIL = new Date('2026-11-01T00:00:00Z');

describeEachEngine('demo programme', (database) => {
  let orgId = '';
  let cases = 0;

  it('creates the B2B programme with the stated shape', async () => {
    const result = await loadDemo(database(), {
      responses: 3000,
      seed: 7,
      password: 'demo password 1',
      until: UNTIL,
    });
    orgId = result.orgId;
    expect(result.responses).toBe(3000);
    cases = result.cases;
    const db = database().db;
    const count = async (
      table: 'org_units' | 'accounts' | 'journeys' | 'touchpoints' | 'surveys' | 'responses',
    ) =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('org_id', '=', orgId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('org_units')).toBe(12);
    expect(await count('accounts')).toBe(200);
    expect(await count('journeys')).toBe(3);
    expect(await count('touchpoints')).toBe(12);
    expect(await count('surveys')).toBe(3);
    expect(await count('responses')).toBe(3000);
    const perAccount = await db
      .selectFrom('contacts')
      .select(['account_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('org_id', '=', orgId)
      .groupBy('account_id')
      .execute();
    expect(perAccount).toHaveLength(200);
    expect(Math.min(...perAccount.map((r) => Number(r.n)))).toBeGreaterThanOrEqual(1);
    expect(Math.max(...perAccount.map((r) => Number(r.n)))).toBeLessThanOrEqual(6);
    const span = await db
      .selectFrom('responses')
      .select((eb) => [eb.fn.min('submitted_at').as('first'), eb.fn.max('submitted_at').as('last')])
      .where('org_id', '=', orgId)
      .executeTakeFirstOrThrow();
    const days =
      (new Date(span.last as Date).getTime() - new Date(span.first as Date).getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(540);
    const relationship = await db
      .selectFrom('surveys')
      .select(['status', 'slug'])
      .where('org_id', '=', orgId)
      .where('slug', '=', 'demo-relationship')
      .executeTakeFirstOrThrow();
    expect(relationship.status).toBe('open');
  });

  it('writes responses whose answers pass the survey validation and whose comments exist in both languages', async () => {
    const rows = await database()
      .db.selectFrom('responses')
      .innerJoin('survey_versions', (join) =>
        join
          .onRef('survey_versions.org_id', '=', 'responses.org_id')
          .onRef('survey_versions.survey_id', '=', 'responses.survey_id'),
      )
      .select(['responses.answers', 'survey_versions.definition'])
      .where('responses.org_id', '=', orgId)
      .limit(300)
      .execute();
    for (const row of rows) {
      expect(
        validateAnswers(row.definition as unknown as SurveyDefinition, row.answers as never, {}),
      ).toEqual([]);
    }
    const languages = await database()
      .db.selectFrom('comments')
      .select('language')
      .distinct()
      .where('org_id', '=', orgId)
      .execute();
    expect(languages.map((l) => l.language).sort()).toEqual(['en', 'it']);
  });

  it('opens cases on its latest responses through its alert rules, each for a response that meets its rule', async () => {
    expect(cases).toBeGreaterThan(0);
    const { rows } = await sql<{
      name: string;
      status: string;
      nps: number | null;
      tier: string | null;
      text: string | null;
      submitted_at: Date;
      owner_user_id: string | null;
      queue: string | null;
    }>`select r.name, c.status, p.nps, a.tier, c.owner_user_id, c.queue, p.submitted_at,
        (select string_agg(m.text, ' ') from comments m where m.org_id = p.org_id and m.response_id = p.response_id) as text
      from cases c
      join alert_rules r on r.org_id = c.org_id and r.rule_id = c.rule_id
      join responses p on p.org_id = c.org_id and p.response_id = c.response_id
      left join accounts a on a.org_id = p.org_id and a.account_id = p.account_id
      where c.org_id = ${orgId}`.execute(database().db);
    expect(rows).toHaveLength(cases);
    const latest = Math.max(...rows.map((row) => new Date(row.submitted_at).getTime()));
    for (const row of rows) {
      expect(row.status).toBe('new');
      // Only the last two weeks: the history before has no cases.
      expect(new Date(row.submitted_at).getTime()).toBeGreaterThan(UNTIL.getTime() - 15 * 86_400_000);
      // Every case has somebody: a manager up the account's unit path, else the queue.
      expect(row.owner_user_id ?? row.queue).toBeTruthy();
      if (row.name === 'Detractor at a key account') {
        expect(row.nps).toBeLessThanOrEqual(6);
        expect(['key', 'strategic']).toContain(row.tier);
      } else {
        expect(row.name).toBe('Strong complaint in a comment');
        expect(row.text).toMatch(
          /exhausting|frustrat|stopped|order number|estenuante|fermata|ordine qualsiasi/i,
        );
      }
    }
    expect(latest).toBeLessThanOrEqual(UNTIL.getTime() + 86_400_000);
    const inbox = await database()
      .db.selectFrom('inbox_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('org_id', '=', orgId)
      .executeTakeFirstOrThrow();
    expect(Number(inbox.n)).toBeGreaterThan(0);
  });

  it('separates the segments as the causal model says: attached > functional > unfulfilled', async () => {
    const { rows } = await sql<{ segment: string; n: number; nps: number; retention: number }>`
      select segment, count(*)::int as n,
        100.0 * avg(case when nps >= 9 then 1 when nps <= 6 then -1 else 0 end) as nps,
        100.0 * avg(case when continue_likelihood >= 9 then 1 else 0 end) as retention
      from responses where org_id = ${orgId} and segment is not null and continue_likelihood is not null
      group by segment`.execute(database().db);
    const by = Object.fromEntries(rows.map((r) => [r.segment, r]));
    expect(by.emotionally_attached.n).toBeGreaterThan(100);
    expect(Number(by.emotionally_attached.nps)).toBeGreaterThan(Number(by.functionally_satisfied.nps) + 20);
    expect(Number(by.functionally_satisfied.nps)).toBeGreaterThan(Number(by.unfulfilled.nps) + 15);
    expect(Number(by.emotionally_attached.retention)).toBeGreaterThan(
      Number(by.functionally_satisfied.retention) + 10,
    );
    expect(Number(by.functionally_satisfied.retention)).toBeGreaterThan(Number(by.unfulfilled.retention) + 5);
  });

  it('states a causal model with a strict Force ordering', () => {
    const effects = Object.values(TOTAL_LOYALTY_EFFECT);
    expect(new Set(effects).size).toBe(6);
  });
});

it('is deterministic: the same seed gives the same programme and the same cases, on either engine', async () => {
  const { freshDatabase, ENGINES } = await import('../../test/engines.ts');
  const fingerprints: string[] = [];
  // PGlite writes in-process; a Postgres server gets the rows from a worker thread over COPY.
  for (const engine of ['pglite', ...ENGINES] as const) {
    const handle = await freshDatabase(engine);
    await loadDemo(handle.database, { responses: 500, seed: 11, password: 'demo password 1', until: UNTIL });
    const { rows } = await handle.database.pool.query(
      `select md5(string_agg(response_id::text || coalesce(nps::text, '') || coalesce(segment, '') || answers::text, ',' order by response_id))
         || (select md5(string_agg(comment_id::text || text, ',' order by comment_id)) from comments)
         || (select md5(string_agg(c.response_id::text || r.name || c.priority, ',' order by c.response_id, r.name))
             from cases c join alert_rules r on r.org_id = c.org_id and r.rule_id = c.rule_id) as f from responses`,
    );
    fingerprints.push(rows[0].f);
    await handle.drop();
  }
  expect(new Set(fingerprints).size).toBe(1);
});
