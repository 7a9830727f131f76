import fc from 'fast-check';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { transaction } from '../db/database.ts';
import { sumCells } from './cellQuery.ts';
import { enqueueForRollups, foldRollups, rebuildRollups } from './rollups.ts';

const score = fc.option(fc.integer({ min: 0, max: 100 }), { nil: null });
const responseArbitrary = fc.record({
  nps: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
  certainty: score,
  control: score,
  status: score,
  satisfaction: fc.option(fc.constantFrom(0, 25, 50, 75, 100), { nil: null }),
  attachment: score,
  day: fc.integer({ min: 0, max: 40 }),
  inX: fc.boolean(),
  segment: fc.constantFrom('emotionally_attached', 'functionally_satisfied', 'unfulfilled', null),
  excluded: fc.boolean(),
  queued: fc.boolean(),
});

describeEachEngine('rollups', (database) => {
  it('give the same figures as the raw responses, for any data, period and subtree (property)', async () => {
    const org = await seedOrganisation(database(), 'rollups');
    const db = database().db;
    await fc.assert(
      fc.asyncProperty(
        fc.array(responseArbitrary, { minLength: 0, maxLength: 40 }),
        fc.integer({ min: 0, max: 40 }),
        async (rows, cut) => {
          await sql`delete from rollup_queue where org_id = ${org.orgId}`.execute(db);
          await sql`delete from comments where org_id = ${org.orgId}`.execute(db);
          await sql`delete from responses where org_id = ${org.orgId}`.execute(db);
          const queued: string[] = [];
          for (const row of rows) {
            const inserted = await db
              .insertInto('responses')
              .values({
                org_id: org.orgId,
                survey_id: org.surveyId,
                survey_version: 1,
                unit_id: row.inX ? org.teamX1 : org.regionY,
                submitted_at: new Date(Date.UTC(2026, 0, 1 + row.day, 12)),
                nps: row.nps,
                force_certainty: row.certainty,
                force_control: row.control,
                force_status: row.status,
                satisfaction: row.satisfaction,
                attachment: row.attachment,
                segment: row.segment,
                excluded: row.excluded,
                answers: '{}',
                hidden: '{}',
              })
              .returning('response_id')
              .executeTakeFirstOrThrow();
            if (row.queued && !row.excluded) queued.push(inserted.response_id);
          }
          // Part of the data arrives through the queue (as ingestion does), the rest by a rebuild.
          await sql`update responses set excluded = true where org_id = ${org.orgId} and response_id = any(${queued}::uuid[])`.execute(
            db,
          );
          await rebuildRollups(database(), org.orgId);
          await sql`update responses set excluded = false where org_id = ${org.orgId} and response_id = any(${queued}::uuid[])`.execute(
            db,
          );
          await transaction(database(), async (trx) => {
            for (const id of queued.slice(0, Math.ceil(queued.length / 2)))
              await enqueueForRollups(trx, org.orgId, id);
          });
          await foldRollups(database());
          await transaction(database(), async (trx) => {
            for (const id of queued.slice(Math.ceil(queued.length / 2)))
              await enqueueForRollups(trx, org.orgId, id);
          });
          const from = `2026-01-${String(1 + Math.min(cut, 30)).padStart(2, '0')}`;
          for (const unitPath of [null, `/${org.regionX}/`]) {
            const [viaRollups] = await sumCells(database(), { orgId: org.orgId, unitPath, from }, 'none');
            const { rows: raw } = await sql<Record<string, number>>`
            select count(*)::float8 as n,
              count(nps)::float8 as nps_n, coalesce(sum(nps), 0)::float8 as nps_sum, coalesce(sum(nps * nps), 0)::float8 as nps_sumsq,
              count(*) filter (where nps >= 9)::float8 as promoters, count(*) filter (where nps <= 6)::float8 as detractors,
              count(force_certainty)::float8 as certainty_n, coalesce(sum(force_certainty), 0)::float8 as certainty_sum,
              coalesce(sum(force_status * force_status), 0)::float8 as status_sumsq,
              count(*) filter (where satisfaction >= 75)::float8 as csat_top2
            from responses r
            where org_id = ${org.orgId} and not excluded and submitted_at >= ${from}::date
              and (${unitPath}::text is null or unit_id in (select unit_id from org_units where org_id = ${org.orgId} and path like ${`${unitPath ?? ''}%`}))`.execute(
              db,
            );
            const expected = raw[0];
            const got = viaRollups?.sums ?? { n: 0 };
            for (const key of Object.keys(expected))
              expect(got[key] ?? 0, key).toBeCloseTo(Number(expected[key]), 6);
          }
        },
      ),
      { numRuns: 15 },
    );
  });
});
