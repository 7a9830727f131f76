import { beforeAll, expect, it } from 'vitest';
import { createRule, testActing } from '../../test/actingFixtures.ts';
import { describeEachEngine } from '../../test/engines.ts';
import { seedOrganisation, TEST_PASSWORD } from '../../test/seedOrganisation.ts';
import { openCasesForResponses } from '../alerts/evaluate.ts';
import { transaction } from '../db/database.ts';
import { createJobQueue, type PgBoss } from '../db/jobs.ts';
import { createUser } from '../identity/users.ts';
import { ESCALATION_QUEUE, escalateOverdueCases, scheduleEscalation } from './escalate.ts';

const HOUR = 3_600_000;

describeEachEngine('escalation', (database) => {
  let org: Awaited<ReturnType<typeof seedOrganisation>>;
  let agent: string;
  let teamLead: string;
  let managerX: string;

  beforeAll(async () => {
    org = await seedOrganisation(database(), 'escalation');
    const tag = org.orgId.slice(0, 8);
    [agent, teamLead] = await transaction(database(), async (trx) => [
      await createUser(trx, {
        orgId: org.orgId,
        email: `agent-${tag}@e.test`,
        name: 'A',
        password: TEST_PASSWORD,
        role: 'agent',
        unitId: org.teamX1,
      }),
      await createUser(trx, {
        orgId: org.orgId,
        email: `lead-${tag}@e.test`,
        name: 'L',
        password: TEST_PASSWORD,
        role: 'manager',
        unitId: org.teamX1,
      }),
    ]);
    managerX = (
      await database()
        .db.selectFrom('users')
        .select('user_id')
        .where('org_id', '=', org.orgId)
        .where('email', '=', org.emails.managerX)
        .executeTakeFirstOrThrow()
    ).user_id;
    await database()
      .db.updateTable('accounts')
      .set({ owner_user_id: agent })
      .where('org_id', '=', org.orgId)
      .where('account_id', '=', org.accountX)
      .execute();
  });

  it('escalates an overdue case up the hierarchy, one manager per step, on a controllable clock', async () => {
    const acting = testActing();
    const t0 = acting.clock.at.getTime();
    await createRule(database(), org.orgId, {
      conditions: [{ type: 'account_tier', tiers: ['key'] }],
      firstContactHours: 4,
    });
    const [opened] = await transaction(database(), (trx) =>
      openCasesForResponses(trx, acting, org.orgId, [org.responseX]),
    );
    expect(opened.ownerUserId).toBe(agent);

    acting.clock.at = new Date(t0 + 3 * HOUR);
    expect(await escalateOverdueCases(database(), acting)).toEqual([]);

    acting.clock.at = new Date(t0 + 4 * HOUR + 60_000);
    expect(await escalateOverdueCases(database(), acting)).toEqual([
      { caseId: opened.caseId, level: 1, toUserId: teamLead },
    ]);
    // Nothing more until another step (4 h) has passed.
    acting.clock.at = new Date(t0 + 6 * HOUR);
    expect(await escalateOverdueCases(database(), acting)).toEqual([]);
    acting.clock.at = new Date(t0 + 8 * HOUR + 120_000);
    expect(await escalateOverdueCases(database(), acting)).toEqual([
      { caseId: opened.caseId, level: 2, toUserId: managerX },
    ]);
    acting.clock.at = new Date(t0 + 13 * HOUR);
    expect(await escalateOverdueCases(database(), acting)).toEqual([
      { caseId: opened.caseId, level: 3, toUserId: null },
    ]);

    const row = await database()
      .db.selectFrom('cases')
      .selectAll()
      .where('org_id', '=', org.orgId)
      .where('case_id', '=', opened.caseId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ escalation_level: 3, escalated_to_user_id: managerX, owner_user_id: agent });
    const watchers = await database()
      .db.selectFrom('case_watchers')
      .select('user_id')
      .where('org_id', '=', org.orgId)
      .where('case_id', '=', opened.caseId)
      .execute();
    expect(watchers.map((w) => w.user_id).sort()).toEqual([teamLead, managerX].sort());
    const told = await database()
      .db.selectFrom('inbox_events')
      .select(['user_id'])
      .where('org_id', '=', org.orgId)
      .where('case_id', '=', opened.caseId)
      .where('kind', '=', 'case.escalated')
      .execute();
    expect(
      told
        .map((t) => t.user_id)
        .filter((id) => id !== agent)
        .sort(),
    ).toEqual([teamLead, managerX].sort());
  });

  it('a resolved case does not escalate', async () => {
    const acting = testActing();
    const ruleId = await createRule(database(), org.orgId, {
      name: 'Any',
      conditions: [{ type: 'nps_at_most', value: 10 }],
    });
    const opened = await transaction(database(), (trx) =>
      openCasesForResponses(trx, acting, org.orgId, [org.responseY]),
    );
    const mine = opened.find((c) => c.ruleId === ruleId)!;
    await database()
      .db.updateTable('cases')
      .set({ status: 'resolved', next_escalation_at: null })
      .where('org_id', '=', org.orgId)
      .where('case_id', '=', mine.caseId)
      .execute();
    acting.clock.at = new Date(acting.clock.at.getTime() + 100 * HOUR);
    const escalated = await escalateOverdueCases(database(), acting);
    expect(escalated.map((e) => e.caseId)).not.toContain(mine.caseId);
  });

  it('the escalation schedule is stored in the database and outlives the process that made it', async () => {
    let boss: PgBoss | undefined = createJobQueue(database());
    await boss.start();
    await scheduleEscalation(boss, database(), testActing());
    await boss.stop({ graceful: false });
    boss = createJobQueue(database());
    await boss.start();
    const schedules = await boss.getSchedules(ESCALATION_QUEUE);
    expect(schedules.map((s) => s.cron)).toEqual(['* * * * *']);
    await boss.stop({ graceful: false });
  });
});
