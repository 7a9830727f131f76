import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { signIn, testApp } from '../../test/testApp.ts';

describeEachEngine('account profile: stakeholders and timeline', (database) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp(database());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lists stakeholders with their last answer and a newest-first timeline, only in scope', async () => {
    const org = await seedOrganisation(database(), 'profile');
    const db = database().db;
    const [decider, user] = await db
      .insertInto('contacts')
      .values([
        {
          org_id: org.orgId,
          account_id: org.accountX,
          first_name: 'Ada',
          last_name: '<img src=x onerror=alert(1)>',
          email: `ada-${org.orgId.slice(0, 6)}@x.test`,
          buying_role: 'decision_maker',
        },
        {
          org_id: org.orgId,
          account_id: org.accountX,
          first_name: 'Bo',
          last_name: 'User',
          email: `bo-${org.orgId.slice(0, 6)}@x.test`,
          buying_role: 'user',
        },
      ] as never)
      .returning('contact_id')
      .execute();
    const response = (id: string, at: string, nps: number, segment: string) => ({
      org_id: org.orgId,
      response_id: id,
      survey_id: org.surveyId,
      survey_version: 1,
      account_id: org.accountX,
      contact_id: decider.contact_id,
      unit_id: org.teamX1,
      nps,
      segment,
      submitted_at: new Date(at),
      answers: '{}',
      hidden: '{}',
    });
    const first = crypto.randomUUID();
    const second = crypto.randomUUID();
    await db
      .insertInto('responses')
      .values([
        response(first, '2026-01-10T10:00:00Z', 9, 'emotionally_attached'),
        response(second, '2026-03-05T10:00:00Z', 4, 'unfulfilled'),
      ] as never)
      .execute();
    await db
      .insertInto('comments')
      .values({
        org_id: org.orgId,
        response_id: second,
        text: 'Billing <script>alert(1)</script> was wrong',
        created_at: new Date('2026-03-05T10:00:01Z'),
      } as never)
      .execute();
    await db
      .insertInto('cases')
      .values({
        org_id: org.orgId,
        rule_id: crypto.randomUUID(),
        response_id: second,
        title: 'Detractor at Account X',
        priority: 'high',
        status: 'new',
        account_id: org.accountX,
        unit_id: org.teamX1,
        owner_reason: 'test',
        channels: ['inbox'],
        escalation_step_hours: 24,
        first_contact_due_at: new Date(),
        resolution_due_at: new Date(),
        created_at: new Date('2026-03-05T10:00:02Z'),
      } as never)
      .execute();

    const managerX = await signIn(app, org.emails.managerX);
    const answer = await app.inject({
      method: 'GET',
      url: `/api/v1/accounts/${org.accountX}/profile`,
      headers: { cookie: managerX.cookie },
    });
    expect(answer.statusCode).toBe(200);
    const profile = answer.json();
    expect(profile.account).toMatchObject({ accountId: org.accountX, name: 'Account X profile' });
    expect(profile.stakeholders).toEqual([
      {
        contactId: decider.contact_id,
        name: 'Ada <img src=x onerror=alert(1)>',
        email: expect.any(String),
        role: 'decision_maker',
        lastAnswerAt: '2026-03-05T10:00:00.000Z',
        lastNps: 4,
        segment: 'unfulfilled',
        responses: 2,
      },
      expect.objectContaining({ contactId: user.contact_id, lastAnswerAt: null, responses: 0 }),
    ]);
    const kinds = profile.timeline.map((e: { kind: string; at: string }) => `${e.kind}@${e.at.slice(0, 10)}`);
    // Newest first: the seeded answer (stored today, no contact), then the case, the comment and
    // the contact's two answers.
    expect(kinds).toHaveLength(5);
    expect(kinds[0]).toMatch(/^response@/);
    expect(kinds.slice(1)).toEqual([
      'case@2026-03-05',
      'comment@2026-03-05',
      'response@2026-03-05',
      'response@2026-01-10',
    ]);
    expect(profile.timeline[2].text).toBe('Billing <script>alert(1)</script> was wrong');

    // Region Y's manager cannot open an account of region X.
    const managerY = await signIn(app, org.emails.managerY);
    const hidden = await app.inject({
      method: 'GET',
      url: `/api/v1/accounts/${org.accountX}/profile`,
      headers: { cookie: managerY.cookie },
    });
    expect(hidden.statusCode).toBe(404);
  });
});
