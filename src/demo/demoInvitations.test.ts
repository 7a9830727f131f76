import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { signIn, testApp } from '../../test/testApp.ts';
import { DEMO_INVITATIONS } from './demoInvitations.ts';
import { loadDemo } from './loadDemo.ts';

const UNTIL = new Date('2026-11-01T00:00:00Z');
const PASSWORD = 'demo password 1';

describeEachEngine('demo invitations', (database) => {
  let app: FastifyInstance;
  let orgId = '';
  let surveyId = '';

  beforeAll(async () => {
    ({ orgId } = await loadDemo(database(), { responses: 1500, seed: 11, password: PASSWORD, until: UNTIL }));
    surveyId = (
      await database()
        .db.selectFrom('surveys')
        .select('survey_id')
        .where('org_id', '=', orgId)
        .where('slug', '=', 'demo-relationship')
        .executeTakeFirstOrThrow()
    ).survey_id;
    app = await testApp(database());
  }, 180_000);
  afterAll(() => app?.close());

  const summary = async (email: string) => {
    const { cookie } = await signIn(app, email, PASSWORD);
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/surveys/${surveyId}/invitations/summary`,
      headers: { cookie },
    });
    expect(response.statusCode).toBe(200);
    return response.json() as { total: number; counts: Record<string, number>; lastSentAt: string | null };
  };

  it('shows the relationship survey’s invitations by status, none of them waiting to be mailed', async () => {
    const all = await summary('owner@demo.rapport.dev');
    expect(all.counts).toEqual({
      queued: 0,
      sent: DEMO_INVITATIONS.unanswered,
      responded: DEMO_INVITATIONS.responded,
      bounced: DEMO_INVITATIONS.bounced,
      complained: DEMO_INVITATIONS.complained,
      failed: 0,
      cancelled: DEMO_INVITATIONS.cancelled,
    });
    expect(new Date(all.lastSentAt!).getTime()).toBeLessThan(UNTIL.getTime());
    // A regional manager counts only their region's accounts.
    const region = await summary('manager.north@demo.rapport.dev');
    expect(region.total).toBeLessThan(all.total);
  });

  it('ties each answered invitation to that contact’s own response, and suppresses the addresses feedback named', async () => {
    const db = database().db;
    const answered = await db
      .selectFrom('invitations as i')
      .innerJoin('survey_tokens as t', (j) =>
        j.onRef('t.org_id', '=', 'i.org_id').onRef('t.token_hash', '=', 'i.token_hash'),
      )
      .innerJoin('responses as r', (j) =>
        j.onRef('r.org_id', '=', 't.org_id').onRef('r.response_id', '=', 't.response_id'),
      )
      .select(['i.contact_id', 'r.contact_id as responder', 'i.sent_at', 'i.responded_at', 'r.submitted_at'])
      .where('i.org_id', '=', orgId)
      .where('i.status', '=', 'responded')
      .execute();
    expect(answered).toHaveLength(DEMO_INVITATIONS.responded);
    for (const row of answered) {
      expect(row.responder).toBe(row.contact_id);
      expect(new Date(row.sent_at!).getTime()).toBeLessThan(new Date(row.submitted_at).getTime());
      expect(new Date(row.responded_at!).getTime()).toBe(new Date(row.submitted_at).getTime());
    }
    // Planned in the demo's past, like everything else it holds (the overview's response rate reads these dates).
    const latest = await db
      .selectFrom('survey_tokens')
      .select((eb) => eb.fn.max('created_at').as('at'))
      .where('org_id', '=', orgId)
      .executeTakeFirstOrThrow();
    expect(new Date(latest.at as Date).getTime()).toBeLessThan(UNTIL.getTime());
    const suppressed = await db
      .selectFrom('email_suppressions')
      .select('reason')
      .where('org_id', '=', orgId)
      .orderBy('reason')
      .execute();
    expect(suppressed.map((row) => row.reason)).toEqual(['bounce', 'bounce', 'complaint', 'unsubscribe']);
    const optedOut = await db
      .selectFrom('contacts')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('org_id', '=', orgId)
      .where('opted_out_at', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(Number(optedOut.n)).toBe(DEMO_INVITATIONS.complained + DEMO_INVITATIONS.cancelled);
  });
});
