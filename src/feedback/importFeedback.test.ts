import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { signIn, testApp } from '../../test/testApp.ts';
import { transaction } from '../db/database.ts';
import { runFeedbackImportCommand } from './importCommand.ts';

describeEachEngine('feedback import', (database) => {
  let app: FastifyInstance;
  let org: Awaited<ReturnType<typeof seedOrganisation>>;
  let headers: Record<string, string>;
  let contactX: string;

  beforeAll(async () => {
    app = await testApp(database());
    org = await seedOrganisation(database(), 'feedback');
    await transaction(database(), async (trx) => {
      await trx
        .updateTable('accounts')
        .set({ domain: 'xco.example', external_id: 'CRM-X' })
        .where('account_id', '=', org.accountX)
        .execute();
      await trx
        .updateTable('accounts')
        .set({ domain: 'yco.example' })
        .where('account_id', '=', org.accountY)
        .execute();
      const contact = await trx
        .insertInto('contacts')
        .values({
          org_id: org.orgId,
          account_id: org.accountY,
          first_name: 'Ann',
          last_name: 'Lee',
          email: 'Ann.Lee@elsewhere.example',
        })
        .returning('contact_id')
        .executeTakeFirstOrThrow();
      contactX = contact.contact_id;
    });
    const owner = await signIn(app, org.emails.owner);
    headers = { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken };
  });
  afterAll(async () => {
    await app?.close();
  });

  const comments = () =>
    database()
      .db.selectFrom('comments')
      .select([
        'source',
        'text',
        'account_id',
        'contact_id',
        'rating',
        'occurred_at',
        'analysed_at',
        'import_key',
      ])
      .where('org_id', '=', org.orgId)
      .where('source', '<>', 'survey')
      .orderBy('text')
      .execute();

  const csv = [
    'source,date,rating,text,author_email,account_external_id,domain,external_id',
    'review,2025-03-01,2,Invoices are wrong every month,ann.lee@elsewhere.example,,,R-1',
    'ticket,2025-03-02,,The portal keeps logging us out,bob@xco.example,,,',
    ',2025-03-03,5,Great engineer on site,,CRM-X,,',
    'social,2025-03-04,,Nobody told us about the price rise,,,www.yco.example,',
    'email,2025-03-05,,Who are you?,someone@unknown.example,,,',
  ].join('\n');

  it('refuses a file with bad lines as problem+json naming each, storing nothing', async () => {
    const bad = `${csv}\nblog,2025-03-06,,Fine,,,,\nreview,yesterday,,,,,,\n`;
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/feedback/imports?source=review',
      headers: { ...headers, 'content-type': 'text/csv' },
      payload: bad,
    });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const fields = response.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['lines.7.source', 'lines.8.date', 'lines.8.text']));
    // An unknown account id is a bad line too, found in the database.
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/feedback/imports',
      headers,
      payload: {
        source: 'review',
        records: [{ date: '2025-01-01', text: 'Hello', account_external_id: 'NOPE' }],
      },
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors).toEqual([
      { field: 'lines.1.accountExternalId', message: expect.stringContaining('NOPE') },
    ]);
    expect(await comments()).toEqual([]);
  });

  it('dry-runs, then imports and matches by contact, account id, e-mail domain and domain; a re-import adds nothing', async () => {
    const post = (url: string) =>
      app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'text/csv' }, payload: csv });
    const dry = await post('/api/v1/feedback/imports?source=review&dryRun=true');
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, received: 5, imported: 5, duplicates: 0 });
    expect(await comments()).toEqual([]);

    const done = await post('/api/v1/feedback/imports?source=review');
    expect(done.statusCode).toBe(201);
    expect(done.json()).toMatchObject({
      dryRun: false,
      format: 'csv',
      received: 5,
      imported: 5,
      matched: { contact: 1, accountExternalId: 1, emailDomain: 1, domain: 1, none: 1 },
    });
    const rows = await comments();
    const byText = (start: string) => rows.find((r) => r.text.startsWith(start))!;
    expect(byText('Invoices')).toMatchObject({
      source: 'review',
      account_id: org.accountY,
      contact_id: contactX,
      rating: 2,
    });
    expect(byText('The portal')).toMatchObject({
      source: 'ticket',
      account_id: org.accountX,
      contact_id: null,
    });
    expect(byText('Great engineer')).toMatchObject({ source: 'review', account_id: org.accountX });
    expect(byText('Nobody told')).toMatchObject({ source: 'social', account_id: org.accountY });
    expect(byText('Who are you')).toMatchObject({ source: 'email', account_id: null });
    expect(new Date(byText('Invoices').occurred_at!).toISOString()).toBe('2025-03-01T00:00:00.000Z');
    // Pending for the text pipeline.
    expect(rows.every((r) => r.analysed_at === null)).toBe(true);

    const again = await post('/api/v1/feedback/imports?source=review');
    expect(again.json()).toMatchObject({ imported: 0, duplicates: 5 });
    expect(await comments()).toHaveLength(5);
    const audit = await database()
      .db.selectFrom('audit_log')
      .select('details')
      .where('org_id', '=', org.orgId)
      .where('action', '=', 'feedback.import')
      .execute();
    expect(audit.map((a) => (a.details as { imported: number }).imported)).toEqual([5, 0]);
  });

  it('matches only accounts in the importer’s scope, and refuses roles that may not import', async () => {
    const viewer = await signIn(app, org.emails.viewer);
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/feedback/imports',
      headers: { cookie: viewer.cookie, 'x-csrf-token': viewer.csrfToken },
      payload: { records: [{ source: 'review', date: '2025-01-01', text: 'x' }] },
    });
    expect(refused.statusCode).toBe(403);
    // A unit-scoped analyst token (region X) cannot attach feedback to Y's account by domain.
    const token = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers,
      payload: { name: 'x-import', role: 'analyst', unitId: org.regionX },
    });
    expect(token.statusCode).toBe(201);
    const scoped = await app.inject({
      method: 'POST',
      url: '/api/v1/feedback/imports',
      headers: { authorization: `Bearer ${token.json().token}` },
      payload: [
        { source: 'review', date: '2025-04-01', text: 'Y writes', author_email: 'z@yco.example' },
        { source: 'review', date: '2025-04-01', text: 'X writes', author_email: 'z@xco.example' },
      ],
    });
    expect(scoped.statusCode).toBe(201);
    expect(scoped.json().lines.map((l: { match: string }) => l.match)).toEqual(['none', 'emailDomain']);
  });

  it('imports from the command line, with --dry-run and --json, and reports bad lines with their number', async () => {
    const other = await seedOrganisation(database(), 'feedback-cli');
    const slug = (
      await database()
        .db.selectFrom('organisations')
        .select('slug')
        .where('org_id', '=', other.orgId)
        .executeTakeFirstOrThrow()
    ).slug;
    const dir = mkdtempSync(join(tmpdir(), 'feedback-'));
    const file = join(dir, 'reviews.jsonl');
    writeFileSync(
      file,
      '{"date":"2025-01-02","text":"Quick delivery"}\n{"date":"2025-01-03","text":"Late again"}\n',
    );
    const run = async (args: string[]) => {
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      let out = '';
      let err = '';
      stdout.on('data', (d) => {
        out += d;
      });
      stderr.on('data', (d) => {
        err += d;
      });
      const code = await runFeedbackImportCommand(database(), args, { stdout, stderr });
      return { code, out, err };
    };
    const count = async () =>
      Number(
        (
          await database()
            .db.selectFrom('comments')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('org_id', '=', other.orgId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const dry = await run([file, '--source', 'review', '--dry-run', '--json', '--org', slug]);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out)).toMatchObject({ ok: true, dryRun: true, imported: 2 });
    expect(await count()).toBe(0);
    const real = await run([file, '--source', 'review', '--org', slug]);
    expect(real.code).toBe(0);
    expect(real.out).toContain('imported 2 of 2');
    expect(await count()).toBe(2);
    expect((await run([file, '--source', 'review', '--org', slug, '--json'])).out).toContain(
      '"duplicates":2',
    );

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'source,date,text\nreview,2025-01-01,Fine\nreview,2025-13-01,Bad month\n');
    const failed = await run([bad, '--org', slug]);
    expect(failed.code).toBe(1);
    expect(failed.err).toContain(`${bad}:3: date`);
    expect(await count()).toBe(2);
    expect((await run([bad])).code).toBe(2); // several organisations: --org is needed
    expect((await run([bad, '--org', slug, '--source', 'blog'])).code).toBe(2);
  });
});
