import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { DatabaseMisuseError, transaction } from './database.ts';
import { createJobQueue, jobsIn, type PgBoss } from './jobs.ts';
import { pendingMigrations } from './migrate.ts';

describeEachEngine('storage', (database, engine) => {
  let boss: PgBoss;
  const processed: string[] = [];

  beforeAll(async () => {
    boss = createJobQueue(database());
    await boss.start();
    await boss.createQueue('storage-test');
    await boss.work('storage-test', { pollingIntervalSeconds: 0.5, batchSize: 10 }, async (jobs) => {
      for (const job of jobs) processed.push((job.data as { orgId: string }).orgId);
    });
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false });
  });

  it('has run every migration', async () => {
    expect(await pendingMigrations(database())).toEqual([]);
  });

  it('refuses the pool inside a transaction instead of deadlocking or escaping it', async () => {
    await expect(
      transaction(database(), async () => {
        await database().db.selectFrom('organisations').select('org_id').execute();
      }),
    ).rejects.toBeInstanceOf(DatabaseMisuseError);
    // The pool is usable again afterwards.
    expect(await database().pool.query('select 1 as one')).toMatchObject({ rows: [{ one: 1 }] });
  });

  it(`keeps concurrent transactions, plain queries and jobs apart (${engine})`, async () => {
    const committed: string[] = [];
    const rolledBack: string[] = [];
    const work = Array.from({ length: 40 }, async (_, i) => {
      const orgId = randomUUID();
      const fail = i % 4 === 3;
      try {
        await transaction(database(), async (trx) => {
          await trx
            .insertInto('organisations')
            .values({ org_id: orgId, name: `c${i}`, slug: `c${i}`, signing_key: 'k' })
            .execute();
          await boss.send('storage-test', { orgId }, { db: jobsIn(trx) });
          await sleep(i % 3);
          // Within the transaction its own uncommitted row is visible, and exactly once.
          const mine = await trx
            .selectFrom('organisations')
            .select('org_id')
            .where('org_id', '=', orgId)
            .execute();
          expect(mine).toHaveLength(1);
          await trx
            .insertInto('org_units')
            .values({ org_id: orgId, name: 'root', path: '/x/', parent_id: null })
            .execute();
          if (fail) throw new Error('roll back');
        });
        committed.push(orgId);
      } catch (error) {
        if ((error as Error).message !== 'roll back') throw error;
        rolledBack.push(orgId);
      }
    });
    // Plain reads and job traffic run at the same time from other async contexts.
    const readers = Array.from({ length: 20 }, async () => {
      const { rows } = await database().pool.query('select count(*)::int as n from organisations');
      expect(rows[0].n).toBeGreaterThanOrEqual(0);
    });
    await Promise.all([...work, ...readers]);
    expect(committed).toHaveLength(30);
    expect(rolledBack).toHaveLength(10);

    const ids = [...committed, ...rolledBack];
    const orgs = await database()
      .db.selectFrom('organisations')
      .select('org_id')
      .where('org_id', 'in', ids)
      .execute();
    expect(orgs.map((o) => o.org_id).sort()).toEqual([...committed].sort());
    const units = await database()
      .db.selectFrom('org_units')
      .select('org_id')
      .where('org_id', 'in', ids)
      .execute();
    expect(units.map((u) => u.org_id).sort()).toEqual([...committed].sort());

    // Every committed job runs exactly once; no job from a rolled-back transaction ever runs.
    for (let waited = 0; waited < 20_000 && committed.some((id) => !processed.includes(id)); waited += 200)
      await sleep(200);
    expect([...processed].filter((id) => ids.includes(id)).sort()).toEqual([...committed].sort());
  });
});
