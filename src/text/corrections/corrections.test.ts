import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/engines.ts';
import { seedOrganisation } from '../../../test/seedOrganisation.ts';
import { signIn, testApp } from '../../../test/testApp.ts';
import { transaction } from '../../db/database.ts';
import { createJobQueue, type PgBoss } from '../../db/jobs.ts';
import { dueOrganisationTrainings } from '../models/organisationModels.ts';
import { startTextPipeline, type TextPipeline } from '../pipeline/textPipeline.ts';

// Comments about one thing the base model has never read, each corrected to the same label.
const ROBOT_COMPLAINTS = [
  'The palletiser robot jams on every third crate.',
  'Palletiser robot jammed twice this morning again.',
  'Our palletiser robot keeps jamming on the crates.',
  'Another palletiser jam, the robot stopped the line.',
  'Robot palletiser jams whenever crates are wet.',
  'The crate palletiser robot jammed all week.',
];

describeEachEngine('comment corrections and the organisation model', (database) => {
  let app: FastifyInstance;
  let jobs: PgBoss;
  let pipeline: TextPipeline;
  let org: Awaited<ReturnType<typeof seedOrganisation>>;
  let other: Awaited<ReturnType<typeof seedOrganisation>>;
  let owner: { cookie: string; csrfToken: string };
  const ids: { x: string[]; y: string; otherOrg: string } = { x: [], y: '', otherOrg: '' };

  beforeAll(async () => {
    app = await testApp(database());
    jobs = createJobQueue(database());
    await jobs.start();
    pipeline = await startTextPipeline({
      database: database(),
      jobs,
      intervalMs: 0,
      training: { threshold: 4, folds: 2 },
    });
    org = await seedOrganisation(database(), 'corrections');
    other = await seedOrganisation(database(), 'corrections-other');
    await transaction(database(), async (trx) => {
      const x = await trx
        .insertInto('comments')
        .values(
          ROBOT_COMPLAINTS.map((text) => ({
            org_id: org.orgId,
            source: 'ticket',
            text,
            account_id: org.accountX,
          })),
        )
        .returning('comment_id')
        .execute();
      ids.x = x.map((r) => r.comment_id);
      const y = await trx
        .insertInto('comments')
        .values({ org_id: org.orgId, source: 'ticket', text: 'Invoices are late.', account_id: org.accountY })
        .returning('comment_id')
        .executeTakeFirstOrThrow();
      ids.y = y.comment_id;
      const o = await trx
        .insertInto('comments')
        .values({ org_id: other.orgId, source: 'ticket', text: ROBOT_COMPLAINTS[0] })
        .returning('comment_id')
        .executeTakeFirstOrThrow();
      ids.otherOrg = o.comment_id;
    });
    await pipeline.sweep();
    owner = await signIn(app, org.emails.owner);
  });
  afterAll(async () => {
    await pipeline?.stop();
    await jobs?.stop({ graceful: false });
    await app?.close();
  });

  const put = (session: { cookie: string; csrfToken: string }, commentId: string, payload: object) =>
    app.inject({
      method: 'PUT',
      url: `/api/v1/comments/${commentId}/labels`,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      payload,
    });

  it('stores a correction that wins over the model, audited, within scope and role', async () => {
    const analysed = await database()
      .db.selectFrom('comment_analyses')
      .select(['force', 'polarity', 'sentiment'])
      .where('org_id', '=', org.orgId)
      .where('comment_id', '=', ids.x[0])
      .executeTakeFirstOrThrow();
    const response = await put(owner, ids.x[0], {
      force: 'control',
      polarity: 'tension',
      sentiment: 'negative',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().labels).toMatchObject({
      force: 'control',
      polarity: 'tension',
      sentiment: 'negative',
      corrected: ['force', 'polarity', 'sentiment'],
    });
    // Only the emotions are corrected: the rest stays the model's.
    const partial = await put(owner, ids.y, { emotions: ['frustrated'] });
    expect(partial.statusCode).toBe(200);
    const model = await database()
      .db.selectFrom('comment_analyses')
      .select(['force', 'sentiment'])
      .where('org_id', '=', org.orgId)
      .where('comment_id', '=', ids.y)
      .executeTakeFirstOrThrow();
    expect(partial.json().labels).toMatchObject({
      force: model.force,
      sentiment: model.sentiment,
      emotions: ['frustrated'],
      corrected: ['emotions'],
    });
    expect(analysed).toBeDefined();

    const audit = await database()
      .db.selectFrom('audit_log')
      .select(['target_id', 'details'])
      .where('org_id', '=', org.orgId)
      .where('action', '=', 'comment.relabel')
      .execute();
    expect(audit.map((a) => a.target_id).sort()).toEqual([ids.x[0], ids.y].sort());

    const bad = await put(owner, ids.x[0], { force: 'control', sentiment: 'furious' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['body.sentiment']),
    );
    // A manager of region Y cannot see (so cannot correct) a comment of team X1's account.
    const managerY = await signIn(app, org.emails.managerY);
    expect((await put(managerY, ids.x[1], { sentiment: 'neutral' })).statusCode).toBe(404);
    expect((await put(managerY, ids.y, { sentiment: 'neutral' })).statusCode).toBe(200);
    const viewer = await signIn(app, org.emails.viewer);
    expect((await put(viewer, ids.x[1], { sentiment: 'neutral' })).statusCode).toBe(403);
    const outsider = await signIn(app, other.emails.owner);
    expect((await put(outsider, ids.x[1], { sentiment: 'neutral' })).statusCode).toBe(404);
  });

  it('is due a retraining after enough corrections or a request, trains, evaluates and re-labels', async () => {
    // Two corrected so far, threshold 4: not due.
    expect(await dueOrganisationTrainings(database(), 4)).not.toContain(org.orgId);
    for (const id of ids.x.slice(1, 4)) {
      expect(
        (await put(owner, id, { force: 'control', polarity: 'tension', sentiment: 'negative' })).statusCode,
      ).toBe(200);
    }
    expect(await dueOrganisationTrainings(database(), 4)).toContain(org.orgId);

    const trained = await pipeline.trainDue();
    expect(trained.map((t) => t.orgId)).toEqual([org.orgId]);
    const current = await app.inject({
      method: 'GET',
      url: '/api/v1/text/models/current',
      headers: { cookie: owner.cookie },
    });
    expect(current.statusCode).toBe(200);
    const body = current.json();
    expect(body).toMatchObject({
      organisationModel: { version: 1, corrections: 5, modelVersion: trained[0].modelVersion },
      pendingCorrections: 0,
      requested: false,
    });
    const evaluation = body.organisationModel.evaluation;
    // Every correction trains: y's (emotions and sentiment only) with the model's Force.
    expect(evaluation.corrections).toBe(5);
    expect(evaluation.crossValidated.force.labels).toHaveLength(12);
    expect(evaluation.heldOut.map((l: { language: string }) => l.language)).toEqual(['en', 'it']);
    expect(evaluation.heldOut[0].force.macroF1).toBeGreaterThan(0.6);

    // The organisation's comments are re-read with its model; the other organisation keeps the base.
    await pipeline.sweep();
    const versions = async (orgId: string) =>
      (
        await database()
          .db.selectFrom('comment_analyses')
          .select('model_version')
          .distinct()
          .where('org_id', '=', orgId)
          .execute()
      ).map((v) => v.model_version);
    expect(await versions(org.orgId)).toEqual([trained[0].modelVersion]);
    expect(await versions(other.orgId)).not.toContain(trained[0].modelVersion);
    // It learnt: the uncorrected robot complaints now read as the corrected label.
    const unseen = await database()
      .db.selectFrom('comment_analyses')
      .select(['force', 'polarity'])
      .where('org_id', '=', org.orgId)
      .where('comment_id', 'in', ids.x.slice(4))
      .execute();
    expect(unseen).toEqual([
      { force: 'control', polarity: 'tension' },
      { force: 'control', polarity: 'tension' },
    ]);

    // Nothing new: not due; a request makes it due, once.
    expect(await dueOrganisationTrainings(database(), 4)).not.toContain(org.orgId);
    const analyst = await signIn(app, org.emails.analyst);
    const asked = await app.inject({
      method: 'POST',
      url: '/api/v1/text/models',
      headers: { cookie: analyst.cookie, 'x-csrf-token': analyst.csrfToken },
    });
    expect(asked.statusCode).toBe(202);
    expect(await dueOrganisationTrainings(database(), 4)).toContain(org.orgId);
    const managerX = await signIn(app, org.emails.managerX);
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/text/models',
      headers: { cookie: managerX.cookie, 'x-csrf-token': managerX.csrfToken },
    });
    expect(refused.statusCode).toBe(403);
  }, 120_000);
});
