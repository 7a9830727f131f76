import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/engines.ts';
import { seedOrganisation } from '../../../test/seedOrganisation.ts';
import { publishRelationshipSurvey, validAnswers } from '../../../test/surveyFixtures.ts';
import { signIn, testApp } from '../../../test/testApp.ts';
import { transaction } from '../../db/database.ts';
import { createJobQueue, type PgBoss } from '../../db/jobs.ts';
import { COMMENTS_ANALYSED_QUEUE, type CommentsAnalysedJob } from './analyseComments.ts';
import { defaultEngineFor, startTextPipeline, type TextPipeline } from './textPipeline.ts';

describeEachEngine('text pipeline', (database) => {
  let app: FastifyInstance;
  let jobs: PgBoss;
  let pipeline: TextPipeline;
  let org: Awaited<ReturnType<typeof seedOrganisation>>;
  const announced: CommentsAnalysedJob[] = [];

  beforeAll(async () => {
    app = await testApp(database());
    jobs = createJobQueue(database());
    await jobs.start();
    // Timer off: the test sweeps when it wants to, so it sees each step.
    pipeline = await startTextPipeline({ database: database(), jobs, intervalMs: 0, batchSize: 7 });
    await jobs.work<CommentsAnalysedJob>(
      COMMENTS_ANALYSED_QUEUE,
      { pollingIntervalSeconds: 0.5, batchSize: 50 },
      async (batch) => {
        for (const job of batch) announced.push(job.data);
      },
    );
    org = await seedOrganisation(database(), 'textpipe');
  });
  afterAll(async () => {
    await pipeline?.stop();
    await jobs?.stop({ graceful: false });
    await app?.close();
  });

  const pendingIn = async (orgId: string) =>
    Number(
      (
        await database()
          .db.selectFrom('comments')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('org_id', '=', orgId)
          .where('analysed_at', 'is', null)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('analyses every comment stored by ingestion, in batches, and announces each batch', async () => {
    const owner = await signIn(app, org.emails.owner);
    const survey = await publishRelationshipSurvey(app, owner);
    const token = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken },
      payload: { name: 'pipeline', role: 'analyst' },
    });
    const posts = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        app.inject({
          method: 'POST',
          url: `/api/v1/surveys/${survey.surveyId}/responses`,
          headers: { authorization: `Bearer ${token.json().token}` },
          payload: { answers: validAnswers(survey.definition, 500 + i), accountId: org.accountX },
        }),
      ),
    );
    expect(posts.map((p) => p.statusCode)).toEqual(new Array(12).fill(201));
    // Imported-style comments with known text, beside the survey ones.
    await transaction(database(), async (trx) => {
      await trx
        .insertInto('comments')
        .values([
          {
            org_id: org.orgId,
            source: 'review',
            text: 'Invoices are always wrong and nobody answers our calls.',
          },
          { org_id: org.orgId, source: 'review', text: 'Le consegne arrivano sempre puntuali, grazie!' },
          { org_id: org.orgId, source: 'review', text: 'Die Lieferung kam zwei Tage zu spät.' },
        ])
        .execute();
    });
    expect(await pendingIn(org.orgId)).toBe(15);

    // Batches of 7: 15 comments are three transactions.
    expect(await pipeline.sweep()).toBeGreaterThanOrEqual(15);
    expect(await pendingIn(org.orgId)).toBe(0);
    expect(await pipeline.sweep()).toBe(0);

    const rows = await database()
      .db.selectFrom('comment_analyses as a')
      .innerJoin('comments as c', (j) =>
        j.onRef('c.org_id', '=', 'a.org_id').onRef('c.comment_id', '=', 'a.comment_id'),
      )
      .select([
        'c.comment_id',
        'c.text',
        'a.language',
        'a.sentiment',
        'a.sentiment_score',
        'a.force',
        'a.polarity',
        'a.confidence',
        'a.sentences',
        'a.spans',
        'a.emotions',
        'a.topics',
        'a.secondary',
        'a.model_version',
      ])
      .where('a.org_id', '=', org.orgId)
      .execute();
    expect(rows).toHaveLength(15);
    const byText = (text: string) => rows.find((r) => r.text === text)!;
    const complaint = byText('Invoices are always wrong and nobody answers our calls.');
    expect(complaint).toMatchObject({ language: 'en', sentiment: 'negative', polarity: 'tension' });
    expect(complaint.force).not.toBeNull();
    expect(complaint.confidence).toBeGreaterThan(0);
    expect(complaint.sentiment_score).toBeLessThan(0);
    expect((complaint.sentences as unknown[]).length).toBe(1);
    expect((complaint.spans as { start: number; end: number }[]).length).toBeGreaterThan(0);
    expect(complaint.model_version).toMatch(/^builtin:[0-9a-f]{8}:[0-9a-f]{8}$/);
    expect(byText('Le consegne arrivano sempre puntuali, grazie!').language).toBe('it');
    expect(byText('Die Lieferung kam zwei Tage zu spät.')).toMatchObject({
      language: 'other',
      force: null,
      sentiment: 'neutral',
    });
    // What is stored is what the engine reads.
    const { engine } = await (await defaultEngineFor())(org.orgId);
    for (const row of rows) {
      const analysis = engine.analyze(row.text);
      expect(row).toMatchObject({
        language: analysis.language,
        sentiment: analysis.sentiment.label,
        force: analysis.force,
        polarity: analysis.polarity,
        sentences: analysis.sentences,
        spans: analysis.spans,
        emotions: analysis.emotions,
        topics: analysis.topics,
        secondary: analysis.secondary,
      });
      expect(row.sentiment_score).toBeCloseTo(analysis.sentiment.score, 4);
      expect(row.confidence).toBeCloseTo(analysis.confidence, 4);
    }

    // The consumers' queue hears of every analysed comment, exactly once, with the agreed payload.
    const deadline = Date.now() + 10_000;
    const heard = () => announced.filter((a) => a.orgId === org.orgId).flatMap((a) => a.commentIds);
    while (heard().length < 15 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(heard().sort()).toEqual(rows.map((r) => r.comment_id).sort());
    for (const job of announced) expect(Object.keys(job).sort()).toEqual(['commentIds', 'orgId']);
  });

  it('re-analyses a comment set back to pending, replacing its row', async () => {
    const [one] = await database()
      .db.selectFrom('comments')
      .select('comment_id')
      .where('org_id', '=', org.orgId)
      .limit(1)
      .execute();
    await transaction(database(), (trx) =>
      trx
        .updateTable('comments')
        .set({ analysed_at: null })
        .where('org_id', '=', org.orgId)
        .where('comment_id', '=', one.comment_id)
        .execute(),
    );
    expect(await pendingIn(org.orgId)).toBe(1);
    await pipeline.sweep();
    expect(await pendingIn(org.orgId)).toBe(0);
    const count = await database()
      .db.selectFrom('comment_analyses')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('org_id', '=', org.orgId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(15);
  });

  it('a failing batch stores nothing and leaves its comments pending', async () => {
    const other = await seedOrganisation(database(), 'textpipe-fail');
    await transaction(database(), (trx) =>
      trx
        .insertInto('comments')
        .values({ org_id: other.orgId, source: 'ticket', text: 'Late again.' })
        .execute(),
    );
    const failing = await startTextPipeline({
      database: database(),
      jobs,
      intervalMs: 0,
      engineFor: () => {
        throw new Error('engine down');
      },
    });
    await expect(failing.sweep()).rejects.toThrow('engine down');
    await failing.stop();
    expect(await pendingIn(other.orgId)).toBe(1);
    await pipeline.sweep();
    expect(await pendingIn(other.orgId)).toBe(0);
  });
});
