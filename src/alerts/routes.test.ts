import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testActing } from '../../test/actingFixtures.ts';
import { describeEachEngine } from '../../test/engines.ts';
import { signedInAs } from '../../test/requests.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { testApp } from '../../test/testApp.ts';
import { transaction } from '../db/database.ts';
import { openCasesForResponses } from './evaluate.ts';

describeEachEngine('alert rules API', (database) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp(database());
  });
  afterAll(() => app?.close());

  async function setUp(label: string) {
    const org = await seedOrganisation(database(), label);
    const as = await signedInAs(app, {
      owner: org.emails.owner,
      analyst: org.emails.analyst,
      viewer: org.emails.viewer,
      managerX: org.emails.managerX,
    });
    return { org, as };
  }

  it('edits a rule: conditions, name, priority and routing; absent fields stay as they were', async () => {
    const { org, as } = await setUp('ruleedit');
    const created = await as('analyst', 'POST', '/api/v1/alert-rules', {
      name: 'Detractor',
      conditions: [{ type: 'nps_at_most', value: 2 }],
      priority: 'high',
      fallbackQueue: 'key-accounts',
      firstContactHours: 4,
      resolutionDays: 2,
      channels: ['inbox'],
    });
    expect(created.statusCode).toBe(201);
    const ruleId = created.json().ruleId as string;

    // Switching it off changes nothing else (a partial body must not fall back to the defaults).
    const off = await as('analyst', 'PATCH', `/api/v1/alert-rules/${ruleId}`, { active: false });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({
      active: false,
      priority: 'high',
      fallbackQueue: 'key-accounts',
      firstContactHours: 4,
      resolutionDays: 2,
      channels: ['inbox'],
    });

    const edited = await as('analyst', 'PATCH', `/api/v1/alert-rules/${ruleId}`, {
      name: '  Detractor at a key account ',
      conditions: [
        { type: 'nps_at_most', value: 4 },
        { type: 'account_tier', tiers: ['standard'] },
      ],
      priority: 'urgent',
      fallbackQueue: 'cx-team',
      resolutionDays: 3,
      channels: ['inbox', 'email'],
      active: true,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toEqual({
      ruleId,
      name: 'Detractor at a key account',
      surveyId: null,
      touchpointId: null,
      conditions: [
        { type: 'nps_at_most', value: 4 },
        { type: 'account_tier', tiers: ['standard'] },
      ],
      priority: 'urgent',
      fallbackQueue: 'cx-team',
      firstContactHours: 4,
      resolutionDays: 3,
      channels: ['inbox', 'email'],
      active: true,
    });
    const listed = await as('viewer', 'GET', '/api/v1/alert-rules');
    expect(listed.statusCode).toBe(403);
    const rules = (await as('owner', 'GET', '/api/v1/alert-rules')).json().rules;
    expect(rules).toEqual([edited.json()]);

    // The next evaluation uses the new conditions: Y's answer of 3 at a standard account matches now.
    const opened = await transaction(database(), (trx) =>
      openCasesForResponses(trx, testActing(), org.orgId, [org.responseX, org.responseY]),
    );
    expect(opened.map((c) => [c.ruleId, c.responseId])).toEqual([[ruleId, org.responseY]]);

    const audit = await database()
      .db.selectFrom('audit_log')
      .select(['action', 'details'])
      .where('org_id', '=', org.orgId)
      .where('target_type', '=', 'alert_rule')
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'alert_rule.create',
      'alert_rule.update',
      'alert_rule.update',
    ]);
    expect((audit[2].details as { fields: string[] }).fields).toContain('conditions');
  });

  it('names each wrong field of a change, refuses those who may not manage rules and other organisations', async () => {
    const { org, as } = await setUp('rulebad');
    const other = await setUp('ruleother');
    const created = await as('owner', 'POST', '/api/v1/alert-rules', {
      name: 'Tension',
      conditions: [{ type: 'comment_force_tension' }],
    });
    const ruleId = created.json().ruleId as string;

    const bad = await as('owner', 'PATCH', `/api/v1/alert-rules/${ruleId}`, {
      conditions: [
        { type: 'nps_at_most', value: 11 },
        { type: 'force_at_most', force: 'luck', value: 50 },
        { type: 'keyword', words: [] },
      ],
      priority: 'panic',
      firstContactHours: 0,
      colour: 'red',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const fields = (bad.json().errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'body.conditions.0.value',
        'body.conditions.1.force',
        'body.conditions.2.words',
        'body.priority',
        'body.firstContactHours',
        'body.colour',
      ]),
    );

    const empty = await as('owner', 'PATCH', `/api/v1/alert-rules/${ruleId}`, { conditions: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors.map((e: { field: string }) => e.field)).toEqual(['body.conditions']);

    const nothing = await as('owner', 'PATCH', `/api/v1/alert-rules/${ruleId}`, {});
    expect(nothing.statusCode).toBe(400);

    const unknownSurvey = await as('owner', 'PATCH', `/api/v1/alert-rules/${ruleId}`, {
      surveyId: '00000000-0000-4000-8000-000000000001',
    });
    expect(unknownSurvey.statusCode).toBe(400);
    expect(unknownSurvey.json().errors).toEqual([{ field: 'body.surveyId', message: 'Unknown survey' }]);

    const change = { conditions: [{ type: 'nps_at_most', value: 6 }] };
    expect((await as('viewer', 'PATCH', `/api/v1/alert-rules/${ruleId}`, change)).statusCode).toBe(403);
    expect((await as('managerX', 'PATCH', `/api/v1/alert-rules/${ruleId}`, change)).statusCode).toBe(403);
    // Another organisation's owner cannot see it exists.
    expect((await other.as('owner', 'PATCH', `/api/v1/alert-rules/${ruleId}`, change)).statusCode).toBe(404);

    const stored = await database()
      .db.selectFrom('alert_rules')
      .select(['conditions', 'priority'])
      .where('org_id', '=', org.orgId)
      .where('rule_id', '=', ruleId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ conditions: [{ type: 'comment_force_tension' }], priority: 'normal' });
  });
});
