import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { signIn, testApp } from '../../test/testApp.ts';
import { transaction } from '../db/database.ts';
import { createJobQueue, type PgBoss } from '../db/jobs.ts';
import { startTextPipeline, type TextPipeline } from '../text/pipeline/textPipeline.ts';

describeEachEngine('comments listing', (database) => {
  let app: FastifyInstance;
  let jobs: PgBoss;
  let pipeline: TextPipeline;
  let org: Awaited<ReturnType<typeof seedOrganisation>>;
  let owner: { cookie: string; csrfToken: string };
  const texts = {
    x: 'The invoices from you are wrong every single month.',
    xSurvey: 'Our account manager always keeps us informed, thank you.',
    y: 'Deliveries arrive late and nobody tells us why.',
    none: 'Le fatture sono sempre sbagliate.',
  };
  let ids: Record<keyof typeof texts, string>;

  beforeAll(async () => {
    app = await testApp(database());
    jobs = createJobQueue(database());
    await jobs.start();
    pipeline = await startTextPipeline({ database: database(), jobs, intervalMs: 0 });
    org = await seedOrganisation(database(), 'comments');
    const other = await seedOrganisation(database(), 'comments-other');
    await transaction(database(), async (trx) => {
      const insert = (values: object) =>
        trx
          .insertInto('comments')
          .values(values as never)
          .returning('comment_id')
          .executeTakeFirstOrThrow();
      ids = {
        x: (
          await insert({
            org_id: org.orgId,
            source: 'review',
            text: texts.x,
            account_id: org.accountX,
            occurred_at: '2025-02-01',
            rating: 1,
          })
        ).comment_id,
        xSurvey: (
          await insert({
            org_id: org.orgId,
            source: 'survey',
            text: texts.xSurvey,
            response_id: org.responseX,
            occurred_at: '2025-03-01',
          })
        ).comment_id,
        y: (
          await insert({
            org_id: org.orgId,
            source: 'ticket',
            text: texts.y,
            account_id: org.accountY,
            occurred_at: '2025-04-01',
          })
        ).comment_id,
        none: (
          await insert({ org_id: org.orgId, source: 'social', text: texts.none, occurred_at: '2025-05-01' })
        ).comment_id,
      };
      await trx
        .insertInto('comments')
        .values({ org_id: other.orgId, source: 'review', text: texts.x })
        .execute();
      await trx
        .updateTable('responses')
        .set({ segment: 'emotionally_attached' })
        .where('response_id', '=', org.responseX)
        .execute();
    });
    await pipeline.sweep();
    owner = await signIn(app, org.emails.owner);
  });
  afterAll(async () => {
    await pipeline?.stop();
    await jobs?.stop({ graceful: false });
    await app?.close();
  });

  const list = async (session: { cookie: string }, query = '') => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/comments${query}`,
      headers: { cookie: session.cookie },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as {
      comments: {
        commentId: string;
        labels: Record<string, unknown>;
        analysis: { spans: unknown[] } | null;
      }[];
      nextCursor: string | null;
    };
  };
  const idsOf = (page: { comments: { commentId: string }[] }) => page.comments.map((c) => c.commentId);

  it('lists the organisation’s comments newest first, with labels and spans, never another organisation’s', async () => {
    const page = await list(owner);
    expect(idsOf(page)).toEqual([ids.none, ids.y, ids.xSurvey, ids.x]);
    const invoice = page.comments.find((c) => c.commentId === ids.x)!;
    expect(invoice.labels).toMatchObject({ sentiment: 'negative', topics: ['billing'], corrected: [] });
    expect(invoice.analysis!.spans.length).toBeGreaterThan(0);
  });

  it('shows a manager only the comments of their subtree; comments with no unit only to the organisation', async () => {
    const managerX = await signIn(app, org.emails.managerX);
    const managerY = await signIn(app, org.emails.managerY);
    expect(idsOf(await list(managerX)).sort()).toEqual([ids.x, ids.xSurvey].sort());
    expect(idsOf(await list(managerY))).toEqual([ids.y]);
    // Even when asking for X's account or text by name.
    expect(idsOf(await list(managerY, `?accountId=${org.accountX}`))).toEqual([]);
    expect(idsOf(await list(managerY, '?q=invoices'))).toEqual([]);
  });

  it('filters by unit subtree (the response’s unit, else the account’s) and by response, within scope', async () => {
    expect(idsOf(await list(owner, `?unitId=${org.regionX}`)).sort()).toEqual([ids.x, ids.xSurvey].sort());
    expect(idsOf(await list(owner, `?unitId=${org.regionY}`))).toEqual([ids.y]);
    expect(idsOf(await list(owner, `?responseId=${org.responseX}`))).toEqual([ids.xSurvey]);
    const managerY = await signIn(app, org.emails.managerY);
    const refused = await app.inject({
      method: 'GET',
      url: `/api/v1/comments?unitId=${org.regionX}`,
      headers: { cookie: managerY.cookie },
    });
    expect(refused.statusCode).toBe(404);
  });

  it('filters by label (a correction wins), source, language, segment, text and period', async () => {
    expect(idsOf(await list(owner, '?topic=billing')).sort()).toEqual([ids.x, ids.none].sort());
    expect(idsOf(await list(owner, '?source=ticket'))).toEqual([ids.y]);
    expect(idsOf(await list(owner, '?language=it'))).toEqual([ids.none]);
    expect(idsOf(await list(owner, '?segment=emotionally_attached'))).toEqual([ids.xSurvey]);
    expect(idsOf(await list(owner, '?q=DELIVERIES%20arrive'))).toEqual([ids.y]);
    expect(idsOf(await list(owner, '?q=100%25'))).toEqual([]);
    expect(idsOf(await list(owner, '?from=2025-03-01&to=2025-05-01'))).toEqual([ids.y, ids.xSurvey]);

    const corrected = await app.inject({
      method: 'PUT',
      url: `/api/v1/comments/${ids.xSurvey}/labels`,
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken },
      payload: {
        force: 'status',
        polarity: 'fulfilled',
        sentiment: 'mixed',
        emotions: ['valued'],
        topics: ['people'],
      },
    });
    expect(corrected.statusCode).toBe(200);
    expect(idsOf(await list(owner, '?sentiment=mixed'))).toEqual([ids.xSurvey]);
    expect(idsOf(await list(owner, '?force=status&polarity=fulfilled'))).toEqual([ids.xSurvey]);
    expect(idsOf(await list(owner, '?emotion=valued'))).toEqual([ids.xSurvey]);
    expect(idsOf(await list(owner, '?topic=people'))).toEqual([ids.xSurvey]);
    const negative = idsOf(await list(owner, '?sentiment=negative'));
    expect(negative).toContain(ids.x);
    expect(negative).not.toContain(ids.xSurvey);
  });

  it('pages by cursor without repeats or gaps, and refuses a bad cursor or filter', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(owner, `?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...idsOf(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([ids.none, ids.y, ids.xSurvey, ids.x]);
    const bad = await app.inject({
      method: 'GET',
      url: '/api/v1/comments?cursor=nope&polarity=sad',
      headers: { cookie: owner.cookie },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain('querystring.polarity');
    const forged = await app.inject({
      method: 'GET',
      url: '/api/v1/comments?cursor=bm9wZQ',
      headers: { cookie: owner.cookie },
    });
    expect(forged.statusCode).toBe(400);
  });
});
