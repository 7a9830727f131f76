import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/engines.ts';
import { seedOrganisation } from '../../../test/seedOrganisation.ts';
import { signIn, testApp } from '../../../test/testApp.ts';
import { transaction } from '../../db/database.ts';
import { createJobQueue, type PgBoss } from '../../db/jobs.ts';
import { relabelAfterModelChange, startTextPipeline, type TextPipeline } from './textPipeline.ts';

describeEachEngine('text re-labelling', (database) => {
  let app: FastifyInstance;
  let jobs: PgBoss;
  let pipeline: TextPipeline;
  let org: Awaited<ReturnType<typeof seedOrganisation>>;
  let other: Awaited<ReturnType<typeof seedOrganisation>>;

  const addComments = (orgId: string, n: number) =>
    transaction(database(), (trx) =>
      trx
        .insertInto('comments')
        .values(
          Array.from({ length: n }, (_, i) => ({
            org_id: orgId,
            source: 'ticket',
            text: i % 2 ? `Invoice ${i} was wrong again.` : `Delivery ${i} arrived on time, thanks.`,
          })),
        )
        .execute(),
    );

  beforeAll(async () => {
    app = await testApp(database());
    jobs = createJobQueue(database());
    await jobs.start();
    pipeline = await startTextPipeline({ database: database(), jobs, intervalMs: 0, batchSize: 4 });
    org = await seedOrganisation(database(), 'relabel');
    other = await seedOrganisation(database(), 'relabel-other');
    await addComments(org.orgId, 10);
    await addComments(other.orgId, 3);
    await pipeline.sweep();
  });
  afterAll(async () => {
    await pipeline?.stop();
    await jobs?.stop({ graceful: false });
    await app?.close();
  });

  it('starts a run over the API, shows done/total as the sweeps go, and audits it', async () => {
    const owner = await signIn(app, org.emails.owner);
    const headers = { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken };
    const started = await app.inject({
      method: 'POST',
      url: '/api/v1/text/relabel-runs',
      headers,
      payload: {},
    });
    expect(started.statusCode).toBe(202);
    const run = started.json();
    expect(run).toMatchObject({ total: 10, done: 0, finished: false, reason: 'requested' });
    const read = () => app.inject({ method: 'GET', url: `/api/v1/text/relabel-runs/${run.runId}`, headers });

    // One batch of 4 (the other organisation has nothing pending).
    const { analysePendingComments } = await import('./analyseComments.ts');
    const { defaultEngineFor } = await import('./textPipeline.ts');
    await analysePendingComments(database(), jobs, await defaultEngineFor(), 4);
    expect((await read()).json()).toMatchObject({ total: 10, done: 4, finished: false });
    await pipeline.sweep();
    expect((await read()).json()).toMatchObject({ total: 10, done: 10, finished: true });

    // Comments arriving after the run started do not count against it.
    await addComments(org.orgId, 2);
    expect((await read()).json()).toMatchObject({ total: 10, done: 10, finished: true });
    await pipeline.sweep();

    const audit = await database()
      .db.selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('org_id', '=', org.orgId)
      .where('action', '=', 'text.relabel')
      .execute();
    expect(audit).toEqual([{ action: 'text.relabel', target_id: run.runId }]);
  });

  it('keeps runs within the organisation and the starting of runs to those allowed', async () => {
    const owner = await signIn(app, org.emails.owner);
    const started = await app.inject({
      method: 'POST',
      url: '/api/v1/text/relabel-runs',
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken },
      payload: { reason: 'new lexicon' },
    });
    const outsider = await signIn(app, other.emails.owner);
    const foreign = await app.inject({
      method: 'GET',
      url: `/api/v1/text/relabel-runs/${started.json().runId}`,
      headers: { cookie: outsider.cookie },
    });
    expect(foreign.statusCode).toBe(404);
    const viewer = await signIn(app, org.emails.viewer);
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/text/relabel-runs',
      headers: { cookie: viewer.cookie, 'x-csrf-token': viewer.csrfToken },
      payload: {},
    });
    expect(refused.statusCode).toBe(403);
    const bad = await app.inject({
      method: 'GET',
      url: '/api/v1/text/relabel-runs/not-a-uuid',
      headers: { cookie: owner.cookie },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    await pipeline.sweep();
  });

  it('re-labels after a model change, once per model version', async () => {
    await transaction(database(), (trx) =>
      trx
        .updateTable('comment_analyses')
        .set({ model_version: 'builtin:old' })
        .where('org_id', '=', other.orgId)
        .execute(),
    );
    const runs = await relabelAfterModelChange(database(), 'builtin:new');
    const mine = runs.filter((r) => r.orgId === other.orgId);
    expect(mine).toHaveLength(1);
    expect(mine[0].total).toBe(3);
    expect(
      (await relabelAfterModelChange(database(), 'builtin:new')).some((r) => r.orgId === other.orgId),
    ).toBe(false);
    await pipeline.sweep();
    const versions = await database()
      .db.selectFrom('comment_analyses')
      .select('model_version')
      .distinct()
      .where('org_id', '=', other.orgId)
      .execute();
    expect(versions.map((v) => v.model_version)).toEqual([expect.stringMatching(/^builtin:[0-9a-f]{8}:/)]);
  });
});
