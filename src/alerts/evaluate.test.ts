import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRule, testActing } from '../../test/actingFixtures.ts';
import { describeEachEngine } from '../../test/engines.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { publishRelationshipSurvey, validAnswers } from '../../test/surveyFixtures.ts';
import { signIn, testApp } from '../../test/testApp.ts';
import { transaction } from '../db/database.ts';
import { sweepAlertQueue } from './alertSweeper.ts';
import { storedCommentAnalyses } from './commentAnalyses.ts';
import { openCasesForResponses } from './evaluate.ts';
import { reevaluateAnalysedComments } from './textReevaluation.ts';

describeEachEngine('alert evaluation', (database) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await testApp(database());
  });
  afterAll(() => app?.close());

  async function setUp(label: string) {
    const org = await seedOrganisation(database(), label);
    const owner = await signIn(app, org.emails.owner);
    const survey = await publishRelationshipSurvey(app, owner);
    const token = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken },
      payload: { name: 'integration', role: 'analyst' },
    });
    const bearer = `Bearer ${token.json().token}`;
    let seed = 0;
    const ingest = async (nps: number, extra: Record<string, unknown> = {}, comment?: string) => {
      const answers: Record<string, unknown> = {
        ...validAnswers(survey.definition, ++seed),
        'outcome.nps': nps,
      };
      if (comment !== undefined) answers['feedback.comment'] = comment;
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/surveys/${survey.surveyId}/responses`,
        headers: { authorization: bearer },
        payload: { answers, language: 'en', ...extra },
      });
      if (response.statusCode !== 201) throw new Error(response.body);
      return response.json().responseId as string;
    };
    const managerX = await database()
      .db.selectFrom('users')
      .select('user_id')
      .where('org_id', '=', org.orgId)
      .where('email', '=', org.emails.managerX)
      .executeTakeFirstOrThrow();
    return { org, survey, ingest, managerX: managerX.user_id };
  }

  const casesOf = (orgId: string) =>
    database().db.selectFrom('cases').selectAll().where('org_id', '=', orgId).orderBy('created_at').execute();
  const queued = async (orgId: string) =>
    Number(
      (
        await database()
          .db.selectFrom('alert_queue')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('org_id', '=', orgId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('queues nothing for an organisation without rules', async () => {
    const { org, ingest } = await setUp('norules');
    await ingest(2, { accountId: org.accountX });
    expect(await queued(org.orgId)).toBe(0);
  });

  it('opens a case for each matching response, owned by the account owner, else the unit manager, else the queue', async () => {
    const { org, ingest, managerX } = await setUp('owners');
    const ruleId = await createRule(database(), org.orgId, {
      conditions: [{ type: 'nps_at_most', value: 6 }],
    });
    const analyst = await database()
      .db.selectFrom('users')
      .select('user_id')
      .where('org_id', '=', org.orgId)
      .where('email', '=', org.emails.analyst)
      .executeTakeFirstOrThrow();
    await database()
      .db.updateTable('accounts')
      .set({ owner_user_id: analyst.user_id })
      .where('org_id', '=', org.orgId)
      .where('account_id', '=', org.accountY)
      .execute();
    const viaManager = await ingest(3, { accountId: org.accountX });
    const viaOwner = await ingest(1, { accountId: org.accountY });
    const viaQueue = await ingest(6);
    await ingest(9, { accountId: org.accountX });
    expect(await queued(org.orgId)).toBe(4);
    const acting = testActing();
    const swept = await sweepAlertQueue(database(), acting);
    expect(swept.claimed).toBeGreaterThanOrEqual(4);
    expect(await queued(org.orgId)).toBe(0);
    const cases = await casesOf(org.orgId);
    expect(cases).toHaveLength(3);
    const byResponse = new Map(cases.map((c) => [c.response_id, c]));
    expect(byResponse.get(viaManager)).toMatchObject({
      rule_id: ruleId,
      owner_user_id: managerX,
      owner_reason: 'unit_manager',
      unit_id: org.teamX1,
      status: 'new',
    });
    expect(byResponse.get(viaOwner)).toMatchObject({
      owner_user_id: analyst.user_id,
      owner_reason: 'account_owner',
    });
    expect(byResponse.get(viaQueue)).toMatchObject({
      owner_user_id: null,
      queue: 'cx-team',
      owner_reason: 'fallback_queue',
    });
    // SLA from the rule (4 h, 2 days) on the acting clock; the first escalation is at first contact.
    const c = byResponse.get(viaManager)!;
    expect(c.first_contact_due_at.toISOString()).toBe('2025-06-02T12:00:00.000Z');
    expect(c.resolution_due_at.toISOString()).toBe('2025-06-04T08:00:00.000Z');
    expect(c.next_escalation_at?.toISOString()).toBe('2025-06-02T12:00:00.000Z');
    // The owner is told in the inbox.
    const inbox = await database()
      .db.selectFrom('inbox_events')
      .selectAll()
      .where('org_id', '=', org.orgId)
      .where('case_id', '=', c.case_id)
      .execute();
    expect(inbox.map((e) => [e.user_id, e.kind])).toEqual([[managerX, 'case.created']]);
  });

  it('opens exactly one case per rule and response with concurrent workers and retries', async () => {
    const { org, ingest } = await setUp('exactlyonce');
    await createRule(database(), org.orgId, {
      name: 'Low NPS',
      conditions: [{ type: 'nps_at_most', value: 6 }],
    });
    await createRule(database(), org.orgId, {
      name: 'Key account',
      conditions: [{ type: 'account_tier', tiers: ['key'] }],
    });
    const ids: string[] = [];
    for (let i = 0; i < 30; i++)
      ids.push(await ingest(i % 11, { accountId: i % 2 ? org.accountX : org.accountY }));
    const expected = ids.filter((_, i) => i % 11 <= 6).length + ids.filter((_, i) => i % 2 === 1).length;
    const acting = testActing();
    // Four sweepers race, while a retried evaluation of the same responses runs twice beside them.
    const results = await Promise.all([
      sweepAlertQueue(database(), acting, 7),
      sweepAlertQueue(database(), acting, 7),
      sweepAlertQueue(database(), acting, 7),
      sweepAlertQueue(database(), acting, 7),
      transaction(database(), (trx) => openCasesForResponses(trx, acting, org.orgId, ids)),
      transaction(database(), (trx) => openCasesForResponses(trx, acting, org.orgId, ids)),
    ]);
    while ((await sweepAlertQueue(database(), acting, 7)).claimed > 0) {}
    const cases = await casesOf(org.orgId);
    expect(cases).toHaveLength(expected);
    expect(new Set(cases.map((c) => `${c.rule_id}|${c.response_id}`)).size).toBe(expected);
    const openedTotal = results.reduce((n, r) => n + (Array.isArray(r) ? r.length : r.opened.length), 0);
    expect(openedTotal).toBeLessThanOrEqual(expected);
    // A later retry of everything opens nothing more.
    expect(
      await transaction(database(), (trx) => openCasesForResponses(trx, acting, org.orgId, ids)),
    ).toEqual([]);
    const created = await database()
      .db.selectFrom('inbox_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('org_id', '=', org.orgId)
      .where('kind', '=', 'case.created')
      .executeTakeFirstOrThrow();
    expect(Number(created.n)).toBe(cases.filter((c) => c.owner_user_id).length);
  });

  it('a failed sweep leaves its responses queued for the next one', async () => {
    const { org, ingest } = await setUp('restart');
    await createRule(database(), org.orgId, { conditions: [{ type: 'nps_at_most', value: 6 }] });
    await ingest(2, { accountId: org.accountX });
    const failing = testActing({
      commentAnalyses: async () => {
        throw new Error('worker died');
      },
    });
    await expect(sweepAlertQueue(database(), failing)).rejects.toThrow('worker died');
    expect(await queued(org.orgId)).toBe(1);
    expect(await casesOf(org.orgId)).toHaveLength(0);
    await sweepAlertQueue(database(), testActing());
    expect(await casesOf(org.orgId)).toHaveLength(1);
  });

  it('keyword rules match the raw comment; Force-tension rules match once the text analysis arrives', async () => {
    const { org, ingest } = await setUp('text');
    const keywordRule = await createRule(database(), org.orgId, {
      name: 'Churn words',
      conditions: [{ type: 'keyword', words: ['cancel'] }],
    });
    const tensionRule = await createRule(database(), org.orgId, {
      name: 'Unfair',
      conditions: [{ type: 'comment_force_tension', force: 'fairTreatment' }],
    });
    const responseId = await ingest(8, { accountId: org.accountX }, 'Hidden fees again; we will CANCEL.');
    await ingest(8, { accountId: org.accountX }, 'All fine.');
    await sweepAlertQueue(database(), testActing());
    expect((await casesOf(org.orgId)).map((c) => [c.rule_id, c.response_id])).toEqual([
      [keywordRule, responseId],
    ]);
    const { rows } = await sql<{ comment_id: string }>`select comment_id from comments
      where org_id = ${org.orgId} and response_id = ${responseId}`.execute(database().db);
    const analysed = testActing({
      commentAnalyses: async (_trx, _org, responseIds) =>
        new Map(
          responseIds
            .filter((id) => id === responseId)
            .map((id) => [
              id,
              [{ force: 'fairTreatment', polarity: 'tension', topics: ['pricing'], sentiment: -0.9 }],
            ]),
        ),
    });
    const event = { orgId: org.orgId, commentIds: rows.map((r) => r.comment_id) };
    const opened = await reevaluateAnalysedComments(database(), analysed, event);
    expect(opened.map((c) => c.ruleId)).toEqual([tensionRule]);
    expect(await reevaluateAnalysedComments(database(), analysed, event)).toEqual([]);
    expect(await casesOf(org.orgId)).toHaveLength(2);
  });

  it('an analysis arriving later re-checks only the rules that read it, so history stored unqueued opens no detractor case', async () => {
    const { org, ingest } = await setUp('history');
    // Stored while the organisation had no rule: never queued, as the demo's or an import's history.
    const responseId = await ingest(2, { accountId: org.accountX }, 'Hidden fees on every invoice.');
    const detractorRule = await createRule(database(), org.orgId, {
      name: 'Detractor',
      conditions: [{ type: 'nps_at_most', value: 6 }],
    });
    const tensionRule = await createRule(database(), org.orgId, {
      name: 'Unfair',
      conditions: [{ type: 'comment_force_tension', force: 'fairTreatment' }],
    });
    const { rows } = await sql<{ comment_id: string }>`select comment_id from comments
      where org_id = ${org.orgId} and response_id = ${responseId}`.execute(database().db);
    const analysed = testActing({
      commentAnalyses: async (_trx, _org, responseIds) =>
        new Map(
          responseIds.map((id) => [
            id,
            [{ force: 'fairTreatment', polarity: 'tension', topics: [], sentiment: -0.8 }],
          ]),
        ),
    });
    const opened = await reevaluateAnalysedComments(database(), analysed, {
      orgId: org.orgId,
      commentIds: rows.map((r) => r.comment_id),
    });
    expect(opened.map((c) => c.ruleId)).toEqual([tensionRule]);
    expect((await casesOf(org.orgId)).map((c) => c.rule_id)).not.toContain(detractorRule);
  });

  it('reads the text pipeline’s stored analyses: a topic rule opens its case when comments-analysed arrives', async () => {
    const { org, ingest } = await setUp('stored');
    const ruleId = await createRule(database(), org.orgId, {
      name: 'Billing pain',
      conditions: [
        { type: 'comment_topic', topics: ['billing'] },
        { type: 'comment_force_tension', force: 'fairTreatment' },
      ],
    });
    const responseId = await ingest(
      7,
      { accountId: org.accountX },
      'The invoice had fees nobody told us about.',
    );
    const acting = testActing({ commentAnalyses: storedCommentAnalyses });
    await sweepAlertQueue(database(), acting);
    expect(await casesOf(org.orgId)).toHaveLength(0);
    const comment = await database()
      .db.selectFrom('comments')
      .select('comment_id')
      .where('org_id', '=', org.orgId)
      .where('response_id', '=', responseId)
      .executeTakeFirstOrThrow();
    await database()
      .db.insertInto('comment_analyses')
      .values({
        org_id: org.orgId,
        comment_id: comment.comment_id,
        language: 'en',
        sentiment: 'negative',
        sentiment_score: -0.7,
        sentences: '[]',
        force: 'fairTreatment',
        polarity: 'tension',
        confidence: 0.8,
        secondary: '[]',
        emotions: '[]',
        topics: ['billing', 'pricing'],
        spans: '[]',
        model_version: 'test',
      } as never)
      .execute();
    const opened = await reevaluateAnalysedComments(database(), acting, {
      orgId: org.orgId,
      commentIds: [comment.comment_id],
    });
    expect(opened.map((c) => [c.ruleId, c.responseId])).toEqual([[ruleId, responseId]]);
  });
});
