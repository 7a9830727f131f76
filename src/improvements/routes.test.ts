import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRule, testActing } from '../../test/actingFixtures.ts';
import { describeEachEngine } from '../../test/engines.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { signIn, testApp } from '../../test/testApp.ts';
import { openCasesForResponses } from '../alerts/evaluate.ts';
import { enqueueForRollups } from '../analytics/rollups.ts';
import { transaction } from '../db/database.ts';

describeEachEngine('improvement actions', (database) => {
  let app: FastifyInstance;
  let org: Awaited<ReturnType<typeof seedOrganisation>>;
  let caseX: string;
  let caseY: string;

  beforeAll(async () => {
    app = await testApp(database());
    org = await seedOrganisation(database(), 'improve');
    await createRule(database(), org.orgId, { conditions: [{ type: 'nps_at_most', value: 10 }] });
    const opened = await transaction(database(), (trx) =>
      openCasesForResponses(trx, testActing(), org.orgId, [org.responseX, org.responseY]),
    );
    caseX = opened.find((c) => c.responseId === org.responseX)!.caseId;
    caseY = opened.find((c) => c.responseId === org.responseY)!.caseId;
    await database()
      .db.updateTable('cases')
      .set({ root_cause: 'force:certainty' })
      .where('org_id', '=', org.orgId)
      .execute();
    // Certainty in team X1: around 40 in the 30 days before 1 March, around 70 in the 30 days after.
    await transaction(database(), async (trx) => {
      for (let i = 0; i < 80; i++) {
        const after = i % 2 === 1;
        const responseId = crypto.randomUUID();
        const submitted = new Date(
          Date.parse('2025-03-01T12:00:00Z') + (after ? 1 : -1) * (1 + (i % 25)) * 86_400_000,
        );
        await trx
          .insertInto('responses')
          .values({
            org_id: org.orgId,
            response_id: responseId,
            survey_id: org.surveyId,
            survey_version: 1,
            account_id: org.accountX,
            unit_id: org.teamX1,
            submitted_at: submitted,
            force_certainty: (after ? 70 : 40) + ((i % 7) - 3) * 5,
            nps: after ? 9 : 5,
            answers: '{}',
            hidden: '{}',
          })
          .execute();
        await enqueueForRollups(trx, org.orgId, responseId);
      }
    });
  });
  afterAll(() => app?.close());

  const headersOf = async (email: string) => {
    const session = await signIn(app, email);
    return { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
  };

  it('links an action to root causes and cases, and measures its effect with significance', async () => {
    const headers = await headersOf(org.emails.managerX);
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/improvements',
      headers,
      payload: { title: 'Proactive delivery updates', forceKey: 'certainty', caseIds: [caseY] },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('body.caseIds');
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/improvements',
      headers,
      payload: {
        title: 'Proactive delivery updates',
        forceKey: 'certainty',
        department: 'Logistics',
        unitId: org.teamX1,
        dueDate: '2025-04-30',
        status: 'in_progress',
        startedOn: '2025-03-01',
        rootCauses: ['force:certainty'],
        caseIds: [caseX],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const action = created.json();
    expect(action).toMatchObject({ measure: 'certainty', caseIds: [caseX], rootCauses: ['force:certainty'] });

    const effect = await app.inject({
      method: 'GET',
      url: `/api/v1/improvements/${action.actionId}/effect?days=30`,
      headers,
    });
    expect(effect.statusCode, effect.body).toBe(200);
    const body = effect.json();
    expect(body.before).toMatchObject({ from: '2025-01-30', to: '2025-03-01', n: 40 });
    expect(body.after).toMatchObject({ from: '2025-03-01', to: '2025-03-31', n: 40 });
    // The same means computed straight from the rows written above.
    const mean = (odd: boolean) => {
      const values = Array.from({ length: 80 }, (_, i) => i).filter((i) => (i % 2 === 1) === odd);
      return values.reduce((sum, i) => sum + (odd ? 70 : 40) + ((i % 7) - 3) * 5, 0) / values.length;
    };
    expect(body.before.value).toBeCloseTo(mean(false), 6);
    expect(body.after.value).toBeCloseTo(mean(true), 6);
    expect(body.difference).toBeCloseTo(mean(true) - mean(false), 6);
    expect(body.significant).toBe(true);
    expect(body.pValue).toBeLessThan(0.001);

    // Region Y's manager does not see team X1's action; the analyst sees the recurring cause.
    const other = await app.inject({
      method: 'GET',
      url: `/api/v1/improvements/${action.actionId}`,
      headers: await headersOf(org.emails.managerY),
    });
    expect(other.statusCode).toBe(404);
    const causes = await app.inject({
      method: 'GET',
      url: '/api/v1/improvements/recurring-causes',
      headers: await headersOf(org.emails.analyst),
    });
    expect(causes.json().causes).toEqual([{ rootCause: 'force:certainty', cases: 2, open: 2, actions: 1 }]);
    const audit = await database()
      .db.selectFrom('audit_log')
      .select('action')
      .where('org_id', '=', org.orgId)
      .where('target_id', '=', action.actionId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['improvement.create']);
  });
});
