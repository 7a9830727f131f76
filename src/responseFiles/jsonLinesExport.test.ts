import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { signIn, testApp } from '../../test/testApp.ts';
import { runTransferCommand } from './cli.ts';
import { exportedResponseCount, jsonLinesExport } from './jsonLinesExport.ts';

/** Text that a careless copy would break: backslashes, quotes, a line break, a tab, a control character. */
const AWKWARD = 'C:\\path "quoted"\nnext\tline \u0001 è 🙂 \\\\n';

describeEachEngine('JSON Lines export', (db) => {
  it('writes one object per response in scope, in submission order, answers and hidden fields verbatim', async () => {
    const database = db();
    const org = await seedOrganisation(database, 'jsonl');
    // More responses than one PGlite page, spread over the two regions, some excluded and flagged.
    await sql`
      insert into responses (org_id, survey_id, survey_version, unit_id, account_id, submitted_at, started_at,
        nps, force_certainty, segment, quality_flags, excluded, answers, hidden, channel, language, duration_seconds)
      select ${org.orgId}, ${org.surveyId}, 1,
        case when i % 3 = 0 then ${org.regionY}::uuid else ${org.teamX1}::uuid end,
        case when i % 3 = 0 then ${org.accountY}::uuid else ${org.accountX}::uuid end,
        timestamptz '2025-01-01 00:00:00+00' + (i * interval '1 minute') + interval '123456 microseconds',
        timestamptz '2025-01-01 00:00:00+00' + (i * interval '1 minute') - interval '5 minutes',
        i % 11, (i % 100) + 0.25, 'emotionally_attached',
        case when i % 7 = 0 then array['speeder', 'straightliner'] else array[]::text[] end,
        i % 7 = 0, jsonb_build_object('nps', i % 11, 'comment', ${AWKWARD}::text, 'i', i),
        jsonb_build_object('region', 'r' || i), 'email', 'it', 60 + i
      from generate_series(1, 2345) as i`.execute(database.db);
    const scope = { orgId: org.orgId, unitPath: null };
    const lines = (await text(jsonLinesExport(database, scope, org.surveyId))).split('\n');
    expect(lines.pop()).toBe('');
    const total = await exportedResponseCount(database, scope, org.surveyId);
    expect(total).toBe(2347);
    expect(lines).toHaveLength(total);
    const objects = lines.map((line) => JSON.parse(line));
    expect(new Set(objects.map((o) => o.responseId)).size).toBe(total);
    const times = objects.map((o) => o.submittedAt);
    expect(times).toEqual([...times].sort());
    const seventh = objects.find((o) => o.answers.i === 7);
    expect(seventh).toEqual({
      responseId: seventh.responseId,
      surveyId: org.surveyId,
      surveyVersion: 1,
      startedAt: '2025-01-01T00:02:00.000Z',
      submittedAt: '2025-01-01T00:07:00.123Z',
      channel: 'email',
      language: 'it',
      accountId: org.accountX,
      contactId: null,
      unitId: org.teamX1,
      touchpointId: null,
      measures: {
        nps: 7,
        csat: null,
        ces: null,
        forces: {
          certainty: 7.25,
          control: null,
          fairTreatment: null,
          belonging: null,
          status: null,
          enjoyment: null,
        },
        satisfaction: null,
        attachment: null,
        segment: 'emotionally_attached',
        relationshipStrength: null,
        continueLikelihood: null,
        buyMore: null,
        shareOfSpend: null,
        preferenceRank: null,
        dissonance: null,
        criticalIncident: null,
      },
      answers: { nps: 7, comment: AWKWARD, i: 7 },
      hidden: { region: 'r7' },
      quality: { flags: ['speeder', 'straightliner'], excluded: true, durationSeconds: 67 },
    });

    // A manager of region X sees only the responses of X's subtree.
    const regionX = await database.db
      .selectFrom('org_units')
      .select('path')
      .where('org_id', '=', org.orgId)
      .where('unit_id', '=', org.regionX)
      .executeTakeFirstOrThrow();
    const xScope = { orgId: org.orgId, unitPath: regionX.path };
    const xLines = (await text(jsonLinesExport(database, xScope, org.surveyId))).trim().split('\n');
    expect(xLines).toHaveLength(await exportedResponseCount(database, xScope, org.surveyId));
    expect(xLines).toHaveLength(1 + 2345 - Math.floor(2345 / 3));
    expect(new Set(xLines.map((l) => JSON.parse(l).unitId))).toEqual(new Set([org.teamX1]));
  });

  it('is the jsonl format of the export endpoint, with the total up front, and of `rapport export`', async () => {
    const database = db();
    const org = await seedOrganisation(database, 'jsonl-api');
    const app = await testApp(database);
    const get = async (email: string) => {
      const who = await signIn(app, email);
      return app.inject({
        method: 'GET',
        url: `/api/v1/surveys/${org.surveyId}/responses/export?format=jsonl`,
        headers: { cookie: who.cookie },
      });
    };
    const owner = await get(org.emails.owner);
    expect(owner.statusCode).toBe(200);
    expect(owner.headers['content-type']).toContain('application/jsonl');
    expect(owner.headers['x-total-count']).toBe('2');
    expect(
      owner.body
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).responseId)
        .sort(),
    ).toEqual([org.responseX, org.responseY].sort());
    const manager = await get(org.emails.managerY);
    expect(manager.headers['x-total-count']).toBe('1');
    expect(JSON.parse(manager.body).responseId).toBe(org.responseY);
    await app.close();

    const slug = (
      await database.db
        .selectFrom('surveys')
        .select('slug')
        .where('org_id', '=', org.orgId)
        .executeTakeFirstOrThrow()
    ).slug;
    const orgSlug = (
      await database.db
        .selectFrom('organisations')
        .select('slug')
        .where('org_id', '=', org.orgId)
        .executeTakeFirstOrThrow()
    ).slug;
    const out = join(await mkdtemp(join(tmpdir(), 'rapport-jsonl-')), 'responses.jsonl');
    const progress = Object.assign(new PassThrough(), { isTTY: false });
    let drawn = '';
    progress.on('data', (chunk) => {
      drawn += chunk;
    });
    let stdout = '';
    const status = await runTransferCommand(
      'export',
      ['responses', '--survey', slug, '--org', orgSlug, '--format', 'jsonl', '--out', out],
      database,
      { stdout: (t) => (stdout += t), stderr: () => {}, progress },
    );
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ format: 'jsonl', responses: 2 });
    expect((await readFile(out, 'utf8')).trim().split('\n')).toHaveLength(2);
    expect(drawn).toContain('2/2 responses');
  });
});
