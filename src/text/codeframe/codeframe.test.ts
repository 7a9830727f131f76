import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/engines.ts';
import { seedOrganisation } from '../../../test/seedOrganisation.ts';
import { signIn, testApp } from '../../../test/testApp.ts';
import { transaction } from '../../db/database.ts';
import { createJobQueue, type PgBoss } from '../../db/jobs.ts';
import { startTextPipeline, type TextPipeline } from '../pipeline/textPipeline.ts';

describeEachEngine('organisation codeframe', (database) => {
  let app: FastifyInstance;
  let jobs: PgBoss;
  let pipeline: TextPipeline;
  let org: Awaited<ReturnType<typeof seedOrganisation>>;
  let other: Awaited<ReturnType<typeof seedOrganisation>>;
  let headers: Record<string, string>;
  const TEXT = 'The invoice was wrong and the palletiser robot jammed again.';

  beforeAll(async () => {
    app = await testApp(database());
    jobs = createJobQueue(database());
    await jobs.start();
    pipeline = await startTextPipeline({ database: database(), jobs, intervalMs: 0 });
    org = await seedOrganisation(database(), 'codeframe');
    other = await seedOrganisation(database(), 'codeframe-other');
    await transaction(database(), (trx) =>
      trx
        .insertInto('comments')
        .values([
          { org_id: org.orgId, source: 'ticket', text: TEXT },
          {
            org_id: org.orgId,
            source: 'ticket',
            text: 'The conveyor belt stopped twice during the night shift.',
          },
          { org_id: other.orgId, source: 'ticket', text: TEXT },
        ])
        .execute(),
    );
    const owner = await signIn(app, org.emails.owner);
    headers = { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken };
  });
  afterAll(async () => {
    await pipeline?.stop();
    await jobs?.stop({ graceful: false });
    await app?.close();
  });

  const topicsOf = async (orgId: string) =>
    (
      await database()
        .db.selectFrom('comment_analyses as a')
        .innerJoin('comments as c', (j) =>
          j.onRef('c.org_id', '=', 'a.org_id').onRef('c.comment_id', '=', 'a.comment_id'),
        )
        .select(['c.text', 'a.topics'])
        .where('a.org_id', '=', orgId)
        .orderBy('c.text')
        .execute()
    ).map((r) => [r.text.slice(0, 12), r.topics]);

  it('refuses malformed rules naming the field and the position, and topics without rule or examples', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/text/topics',
      headers,
      payload: { key: 'robots', rule: '(robot* OR palletiser' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors).toEqual([
      { field: 'body.rule', message: expect.stringMatching(/at character \d+/) },
    ]);
    const empty = await app.inject({
      method: 'POST',
      url: '/api/v1/text/topics',
      headers,
      payload: { key: 'nothing' },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].field).toBe('body.rule');
    expect((await app.inject({ method: 'GET', url: '/api/v1/text/topics', headers })).json()).toEqual({
      topics: [],
    });
  });

  it('uses the built-in codeframe until the organisation has topics, then only its own, and re-labels', async () => {
    await pipeline.sweep();
    expect(await topicsOf(org.orgId)).toEqual([
      ['The conveyor', []],
      ['The invoice ', ['billing']],
    ]);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/text/topics',
      headers,
      payload: { key: 'robots', rule: '(robot* OR palletiser) AND NOT thanks' },
    });
    expect(created.statusCode).toBe(201);
    const byExample = await app.inject({
      method: 'POST',
      url: '/api/v1/text/topics',
      headers,
      payload: {
        key: 'lineStops',
        examples: [
          { text: 'The conveyor belt stopped during the shift.', language: 'en' },
          { text: 'Conveyor stopped again on the night shift.', language: 'en' },
        ],
        threshold: 0.3,
      },
    });
    expect(byExample.statusCode).toBe(201);
    const duplicate = await app.inject({
      method: 'POST',
      url: '/api/v1/text/topics',
      headers,
      payload: { key: 'robots', rule: 'x' },
    });
    expect(duplicate.statusCode).toBe(409);
    await pipeline.sweep();
    expect(await topicsOf(org.orgId)).toEqual([
      ['The conveyor', ['lineStops']],
      ['The invoice ', ['robots']],
    ]);
    // Another organisation keeps the built-in codeframe.
    expect(await topicsOf(other.orgId)).toEqual([['The invoice ', ['billing']]]);

    // Editing and removing re-label too.
    const id = created.json().topicId;
    const edited = await app.inject({
      method: 'PUT',
      url: `/api/v1/text/topics/${id}`,
      headers,
      payload: { key: 'robots', rule: 'robot* AND NOT jammed' },
    });
    expect(edited.statusCode).toBe(200);
    await pipeline.sweep();
    expect((await topicsOf(org.orgId))[1]).toEqual(['The invoice ', []]);
    for (const topicId of [id, byExample.json().topicId]) {
      const removed = await app.inject({ method: 'DELETE', url: `/api/v1/text/topics/${topicId}`, headers });
      expect(removed.statusCode).toBe(204);
    }
    await pipeline.sweep();
    expect((await topicsOf(org.orgId))[1]).toEqual(['The invoice ', ['billing']]);
    const actions = await database()
      .db.selectFrom('audit_log')
      .select('action')
      .where('org_id', '=', org.orgId)
      .where('action', 'like', 'text.topic.%')
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual([
      'text.topic.create',
      'text.topic.create',
      'text.topic.delete',
      'text.topic.delete',
      'text.topic.update',
    ]);
  });

  it('lets readers list topics but only managers of text change them', async () => {
    const managerX = await signIn(app, org.emails.managerX);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/text/topics', headers: { cookie: managerX.cookie } }))
        .statusCode,
    ).toBe(200);
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/text/topics',
      headers: { cookie: managerX.cookie, 'x-csrf-token': managerX.csrfToken },
      payload: { key: 'x', rule: 'x' },
    });
    expect(refused.statusCode).toBe(403);
  });
});
