import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { publishRelationshipSurvey, validAnswers } from '../../test/surveyFixtures.ts';
import { signIn, testApp } from '../../test/testApp.ts';
import { newPersonalToken } from '../surveys/surveyLinks.ts';
import { currentSurvey } from '../surveys/versions.ts';
import { ingestResponse } from './ingest.ts';

describeEachEngine('response ingestion', (database) => {
  let app: FastifyInstance;
  let org: Awaited<ReturnType<typeof seedOrganisation>>;
  let survey: Awaited<ReturnType<typeof publishRelationshipSurvey>>;
  let bearer: string;

  beforeAll(async () => {
    app = await testApp(database());
    org = await seedOrganisation(database(), 'ingest');
    const owner = await signIn(app, org.emails.owner);
    survey = await publishRelationshipSurvey(app, owner);
    const token = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken },
      payload: { name: 'integration', role: 'analyst' },
    });
    bearer = `Bearer ${token.json().token}`;
  });
  afterAll(() => app?.close());

  const post = (payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/surveys/${survey.surveyId}/responses`,
      headers: { authorization: bearer, ...headers },
      payload: payload as object,
    });

  const stored = async () => {
    const db = database().db;
    const [responses, comments] = await Promise.all([
      db
        .selectFrom('responses')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('org_id', '=', org.orgId)
        .where('survey_id', '=', survey.surveyId)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('comments')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('org_id', '=', org.orgId)
        .executeTakeFirstOrThrow(),
    ]);
    return { responses: Number(responses.n), comments: Number(comments.n) };
  };

  it('stores a valid response with its measures and its comment, in one go', async () => {
    const answers = validAnswers(survey.definition, 3);
    const response = await post({ answers, accountId: org.accountX, language: 'en' });
    expect(response.statusCode).toBe(201);
    const { responseId } = response.json();
    const row = await database()
      .db.selectFrom('responses')
      .selectAll()
      .where('org_id', '=', org.orgId)
      .where('response_id', '=', responseId)
      .executeTakeFirstOrThrow();
    expect(row.survey_version).toBe(1);
    expect(row.unit_id).toBe(org.teamX1);
    expect(row.nps).toBe(answers['outcome.nps']);
    expect(row.csat).toBe(answers['satisfaction.csat']);
    for (const force of ['force_certainty', 'force_control', 'force_status'] as const) {
      expect(row[force]).toBeGreaterThanOrEqual(0);
      expect(row[force]).toBeLessThanOrEqual(100);
    }
    expect(
      row.segment === null ||
        ['emotionally_attached', 'functionally_satisfied', 'unfulfilled'].includes(row.segment),
    ).toBe(true);
    const comments = await database()
      .db.selectFrom('comments')
      .select('text')
      .where('response_id', '=', responseId)
      .execute();
    expect(typeof answers['feedback.comment']).toBe('string');
    expect(comments.map((c) => c.text)).toEqual([answers['feedback.comment']]);
  });

  it('returns the first result to retries with the same Idempotency-Key, even in parallel', async () => {
    const before = await stored();
    const answers = validAnswers(survey.definition, 4);
    const key = `retry-${Math.random()}`;
    const first = await post({ answers }, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    const retry = await post({ answers }, { 'idempotency-key': key });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().responseId).toBe(first.json().responseId);
    const raceKey = `race-${Math.random()}`;
    const race = await Promise.all(
      Array.from({ length: 12 }, () => post({ answers }, { 'idempotency-key': raceKey })),
    );
    const ids = new Set(race.map((r) => r.json().responseId));
    expect(race.every((r) => r.statusCode === 200 || r.statusCode === 201)).toBe(true);
    expect(race.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(ids.size).toBe(1);
    const after = await stored();
    expect(after.responses).toBe(before.responses + 2);
  });

  it('stores a burst of parallel responses (one batched statement) with every comment and queue entry', async () => {
    const before = await stored();
    const posts = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        post({
          answers: validAnswers(survey.definition, 200 + i),
          accountId: i % 2 ? org.accountX : org.accountY,
        }),
      ),
    );
    expect(posts.map((p) => p.statusCode)).toEqual(new Array(40).fill(201));
    const ids = posts.map((p) => p.json().responseId);
    expect(new Set(ids).size).toBe(40);
    const after = await stored();
    expect(after.responses).toBe(before.responses + 40);
    expect(after.comments).toBe(before.comments + 40);
    const rows = await database()
      .db.selectFrom('responses')
      .select(['response_id', 'unit_id', 'account_id'])
      .where('org_id', '=', org.orgId)
      .where('response_id', 'in', ids)
      .execute();
    for (const row of rows)
      expect(row.unit_id).toBe(row.account_id === org.accountX ? org.teamX1 : org.regionY);
    const queued = await database()
      .db.selectFrom('rollup_queue')
      .select('response_id')
      .where('org_id', '=', org.orgId)
      .where('response_id', 'in', ids)
      .execute();
    expect(queued).toHaveLength(40);
  });

  it('accepts a single-use token exactly once when several submissions race', async () => {
    const { tokenHash } = newPersonalToken(org.orgId);
    const contact = await database()
      .db.insertInto('contacts')
      .values({
        org_id: org.orgId,
        account_id: org.accountX,
        first_name: 'Ada',
        last_name: 'Race',
        email: `race-${Math.random()}@x.test`,
      })
      .returning('contact_id')
      .executeTakeFirstOrThrow();
    await database()
      .db.insertInto('survey_tokens')
      .values({
        org_id: org.orgId,
        token_hash: tokenHash,
        survey_id: survey.surveyId,
        contact_id: contact.contact_id,
        account_id: org.accountX,
      })
      .execute();
    const published = (await currentSurvey(database().db, { orgId: org.orgId, surveyId: survey.surveyId }))!;
    const before = await stored();
    const attempts = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        ingestResponse(database(), {
          survey: published,
          answers: validAnswers(survey.definition, 10 + i),
          hidden: {},
          contactId: contact.contact_id,
          accountId: org.accountX,
          touchpointId: null,
          channel: 'email',
          language: 'en',
          startedAt: null,
          idempotencyKey: null,
          tokenHash,
          resumeHash: null,
          qualityFlags: [],
          excluded: false,
          fingerprint: null,
        }),
      ),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    for (const failed of attempts.filter((a) => a.status === 'rejected')) {
      expect((failed as PromiseRejectedResult).reason.status).toBe(409);
    }
    expect((await stored()).responses).toBe(before.responses + 1);
  });

  it.each([
    [
      'a wrong type',
      (a: Record<string, unknown>) => ({ ...a, 'outcome.nps': 'ten' }),
      'body.answers.outcome.nps',
    ],
    [
      'an out-of-range score',
      (a: Record<string, unknown>) => ({ ...a, 'outcome.nps': 11 }),
      'body.answers.outcome.nps',
    ],
    ['an unknown question', (a: Record<string, unknown>) => ({ ...a, colour: 'red' }), 'body.answers.colour'],
    [
      'an answer hidden by logic',
      (a: Record<string, unknown>) => ({
        ...a,
        'incident.occurred': 'no',
        'incident.response': ['raisedResolved'],
      }),
      'body.answers.incident.response',
    ],
    [
      'oversized text',
      (a: Record<string, unknown>) => ({ ...a, 'feedback.comment': 'x'.repeat(6000) }),
      'body.answers.feedback.comment',
    ],
  ])('refuses %s with 422 naming the answer, storing nothing', async (_label, change, field) => {
    const before = await stored();
    const response = await post({ answers: change(validAnswers(survey.definition, 5)) });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await stored()).toEqual(before);
  });

  it('keeps a flagged response but leaves it out of analysis (straight-liner, gibberish, duplicate)', async () => {
    const answers = validAnswers(survey.definition, 8);
    for (const id of Object.keys(answers))
      if (/^(certainty|control|fairTreatment|belonging|status|enjoyment|attachment)\./.test(id))
        answers[id] = 4;
    answers['feedback.comment'] = 'asdfghjkl qwrtzxcvbnm sdfghjkl';
    const first = await post({ answers, contactId: undefined, accountId: org.accountY });
    expect(first.statusCode).toBe(201);
    const row = await database()
      .db.selectFrom('responses')
      .select(['quality_flags', 'excluded'])
      .where('org_id', '=', org.orgId)
      .where('response_id', '=', first.json().responseId)
      .executeTakeFirstOrThrow();
    expect(row.quality_flags).toEqual(expect.arrayContaining(['straight_liner', 'gibberish']));
    expect(row.excluded).toBe(true);
    const queued = await database()
      .db.selectFrom('rollup_queue')
      .select('response_id')
      .where('org_id', '=', org.orgId)
      .where('response_id', '=', first.json().responseId)
      .execute();
    expect(queued).toEqual([]);
    const again = await post({ answers, accountId: org.accountY });
    const second = await database()
      .db.selectFrom('responses')
      .select('quality_flags')
      .where('org_id', '=', org.orgId)
      .where('response_id', '=', again.json().responseId)
      .executeTakeFirstOrThrow();
    expect(second.quality_flags).toContain('duplicate');
  });

  it('refuses broken encodings, unknown references and a closed survey, storing nothing', async () => {
    const before = await stored();
    const broken = await app.inject({
      method: 'POST',
      url: `/api/v1/surveys/${survey.surveyId}/responses`,
      headers: { authorization: bearer, 'content-type': 'application/json' },
      payload: Buffer.concat([
        Buffer.from('{"answers": {"comment": "caf'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('"}}'),
      ]),
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().errors[0].field).toBe('body');
    const unknown = await post({
      answers: validAnswers(survey.definition, 6),
      contactEmail: 'nobody@nowhere.test',
      touchpointKey: 'nope',
    });
    expect(unknown.statusCode).toBe(422);
    expect(
      unknown
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body.contactEmail', 'body.touchpointKey']);
    const owner = await signIn(app, org.emails.owner);
    await app.inject({
      method: 'POST',
      url: `/api/v1/surveys/${survey.surveyId}/close`,
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken },
    });
    const closed = await post({ answers: validAnswers(survey.definition, 7) });
    expect(closed.statusCode).toBe(409);
    await app.inject({
      method: 'POST',
      url: `/api/v1/surveys/${survey.surveyId}/reopen`,
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken },
    });
    expect(await stored()).toEqual(before);
  });
});
