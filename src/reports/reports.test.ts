import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAppBuilt } from '../../app/build.ts';
import { createRule, testActing } from '../../test/actingFixtures.ts';
import { CHROMIUM_PATH, HAVE_CHROMIUM } from '../../test/browser/chromium.ts';
import { describeEachEngine } from '../../test/engines.ts';
import { useJobQueue } from '../../test/jobQueue.ts';
import { pdfText } from '../../test/pdfText.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { startSmtpServer, type TestSmtpServer } from '../../test/smtpServer.ts';
import { signIn, testApp } from '../../test/testApp.ts';
import { openCasesForResponses } from '../alerts/evaluate.ts';
import { rebuildRollups } from '../analytics/rollups.ts';
import { type Database, transaction } from '../db/database.ts';
import { createMailer, type Mailer } from '../mail/mailer.ts';
import { ReportRenderer } from './renderPdf.ts';
import { planDueReports, startReportWork } from './scheduledReports.ts';

const userId = async (app: FastifyInstance, headers: { cookie: string }) =>
  ((await app.inject({ method: 'GET', url: '/api/v1/me', headers })).json() as { userId: string }).userId;

describeEachEngine('reports: table exports and report schedules', (database) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp(database());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('turns a shown table into an XLSX workbook, numbers as numbers and formulas as text', async () => {
    const org = await seedOrganisation(database(), 'xlsx');
    const viewer = await signIn(app, org.emails.viewer);
    const payload = {
      title: 'Drivers: of NPS?',
      columns: ['Account', 'NPS'],
      rows: [
        ['=HYPERLINK("http://evil")', 40],
        ['<b>Acme</b>', null],
      ],
    };
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/exports/table.xlsx', payload })).statusCode,
    ).toBe(401);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/exports/table.xlsx',
      headers: { cookie: viewer.cookie, 'x-csrf-token': viewer.csrfToken },
      payload,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Drivers  of NPS ');
    expect(sheet.getRow(1).values).toEqual([undefined, 'Account', 'NPS']);
    expect(sheet.getCell('A2').value).toBe('=HYPERLINK("http://evil")');
    expect(sheet.getCell('A2').formula).toBeUndefined();
    expect(sheet.getCell('B2').value).toBe(40);
    expect(sheet.getCell('A3').value).toBe('<b>Acme</b>');

    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/exports/table.xlsx',
      headers: { cookie: viewer.cookie, 'x-csrf-token': viewer.csrfToken },
      payload: { columns: [], rows: [[{}]] },
    });
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json() as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(fields.some((f) => f.includes('columns'))).toBe(true);
    expect(fields.some((f) => f.includes('rows'))).toBe(true);
  });

  it('keeps schedules: recipients checked by name, viewers refused, edits and removal audited', async () => {
    const org = await seedOrganisation(database(), 'sched');
    const owner = await signIn(app, org.emails.owner);
    const viewer = await signIn(app, org.emails.viewer);
    const headers = { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken };
    const managerX = await userId(app, await signIn(app, org.emails.managerX));
    const stranger = '00000000-0000-4000-8000-000000000001';

    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/report-schedules',
      headers,
      payload: {
        name: 'Weekly',
        view: 'overview',
        cadence: 'weekly',
        recipientUserIds: [managerX, stranger],
      },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      { field: 'body.recipientUserIds.1', message: 'No such user in the organisation' },
    ]);

    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/report-schedules',
      headers,
      payload: {
        name: 'Weekly <b>board</b>',
        view: 'overview',
        filters: 'period=3m&unitId=abc&evil=1',
        cadence: 'weekly',
        hourUtc: 6,
        recipientUserIds: [managerX, managerX],
      },
    });
    expect(created.statusCode).toBe(201);
    const schedule = created.json();
    expect(schedule).toMatchObject({
      filters: 'period=3m&unitId=abc',
      recipientUserIds: [managerX],
      hourUtc: 6,
    });
    expect(new Date(schedule.nextRunAt).getUTCDay()).toBe(1);
    expect(new Date(schedule.nextRunAt).getTime()).toBeGreaterThan(Date.now());

    const asViewer = await app.inject({
      method: 'GET',
      url: '/api/v1/report-schedules',
      headers: { cookie: viewer.cookie },
    });
    expect(asViewer.statusCode).toBe(403);

    // Schedulers pick recipients from the users list, which viewers may not read.
    const users = await app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { cookie: owner.cookie },
    });
    expect(
      users
        .json()
        .users.map((u: { email: string }) => u.email)
        .sort(),
    ).toEqual(Object.values(org.emails).sort());
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/users', headers: { cookie: viewer.cookie } }))
        .statusCode,
    ).toBe(403);

    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/report-schedules/${schedule.scheduleId}`,
      headers,
      payload: { cadence: 'monthly', enabled: false, view: 'journeys' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      cadence: 'monthly',
      enabled: false,
      view: 'journeys',
      name: 'Weekly <b>board</b>',
    });
    expect(new Date(patched.json().nextRunAt).getUTCDate()).toBe(1);

    // A recipient whose role may not see a view cannot be sent its report: refused when the
    // schedule names them, and when the view changes under them.
    await database()
      .db.updateTable('memberships')
      .set({ role: 'agent', unit_id: null })
      .where('org_id', '=', org.orgId)
      .where('user_id', '=', managerX)
      .execute();
    const forAgent = await app.inject({
      method: 'POST',
      url: '/api/v1/report-schedules',
      headers,
      payload: { name: 'Comments', view: 'comments', cadence: 'weekly', recipientUserIds: [managerX] },
    });
    expect(forAgent.statusCode).toBe(400);
    expect(forAgent.json().errors).toEqual([
      { field: 'body.recipientUserIds.0', message: 'The agent role may not see the comments view' },
    ]);
    const toComments = await app.inject({
      method: 'PATCH',
      url: `/api/v1/report-schedules/${schedule.scheduleId}`,
      headers,
      payload: { view: 'comments' },
    });
    expect(toComments.statusCode).toBe(400);
    expect(toComments.json().errors[0].field).toBe('body.recipientUserIds.0');

    const listed = await app.inject({ method: 'GET', url: '/api/v1/report-schedules', headers });
    expect(listed.json().schedules.map((s: { scheduleId: string }) => s.scheduleId)).toEqual([
      schedule.scheduleId,
    ]);

    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/report-schedules/${schedule.scheduleId}`,
      headers,
    });
    expect(removed.statusCode).toBe(204);
    const again = await app.inject({
      method: 'DELETE',
      url: `/api/v1/report-schedules/${schedule.scheduleId}`,
      headers,
    });
    expect(again.statusCode).toBe(404);
    const audit = await database()
      .db.selectFrom('audit_log')
      .select('action')
      .where('org_id', '=', org.orgId)
      .where('target_type', '=', 'report_schedule')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'report_schedule.changed',
      'report_schedule.created',
      'report_schedule.deleted',
    ]);
  });
});

/**
 * A journey with one touchpoint, answered 12 times in region X and 12 times in region Y, each
 * region with a tension comment there that names it, and a detractor case on each region's account:
 * what the Journeys, Comments and Cases reports show differs by the reader's scope.
 */
async function seedScopedEvidence(database: Database, org: Awaited<ReturnType<typeof seedOrganisation>>) {
  const db = database.db;
  const journey = await db
    .insertInto('journeys')
    .values({
      org_id: org.orgId,
      key: 'delivery',
      name: JSON.stringify({ en: 'Delivery journey', it: 'Consegne' }),
    })
    .returning('journey_id')
    .executeTakeFirstOrThrow();
  const stage = await db
    .insertInto('journey_stages')
    .values({
      org_id: org.orgId,
      journey_id: journey.journey_id,
      key: 'arrival',
      name: JSON.stringify({ en: 'Arrival', it: 'Arrivo' }),
    })
    .returning('stage_id')
    .executeTakeFirstOrThrow();
  const touchpoint = await db
    .insertInto('touchpoints')
    .values({
      org_id: org.orgId,
      stage_id: stage.stage_id,
      key: 'unloading',
      name: JSON.stringify({ en: 'Unloading at the dock', it: 'Scarico in banchina' }),
      channel: 'field',
      owning_department: 'logistics',
      target_forces: ['certainty', 'control'],
      ideal: JSON.stringify({ forces: { certainty: 90, control: 90 } }),
    })
    .returning('touchpoint_id')
    .executeTakeFirstOrThrow();
  const regions = [
    { name: 'X', unitId: org.teamX1, accountId: org.accountX },
    { name: 'Y', unitId: org.regionY, accountId: org.accountY },
  ];
  for (const region of regions) {
    const responses = await db
      .insertInto('responses')
      .values(
        Array.from({ length: 12 }, (_, i) => ({
          org_id: org.orgId,
          survey_id: org.surveyId,
          survey_version: 1,
          account_id: region.accountId,
          unit_id: region.unitId,
          touchpoint_id: touchpoint.touchpoint_id,
          nps: 4,
          force_certainty: 35 + i,
          force_control: 40 + i,
          answers: '{}',
          hidden: '{}',
          submitted_at: new Date(),
        })),
      )
      .returning('response_id')
      .execute();
    const comment = await db
      .insertInto('comments')
      .values({
        org_id: org.orgId,
        response_id: responses[0].response_id,
        text: `Pallets left in the rain at region ${region.name} dock`,
        language: 'en',
        account_id: region.accountId,
        created_at: new Date(),
        analysed_at: new Date(),
      })
      .returning('comment_id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('comment_analyses')
      .values({
        org_id: org.orgId,
        comment_id: comment.comment_id,
        language: 'en',
        sentiment: 'negative',
        sentiment_score: -0.8,
        sentences: '[]',
        force: 'certainty',
        polarity: 'tension',
        confidence: 0.9,
        secondary: '[]',
        emotions: '[]',
        topics: [],
        spans: '[]',
        model_version: 'test',
      } as never)
      .execute();
  }
  await rebuildRollups(database, org.orgId);
  await createRule(database, org.orgId, { name: 'Unhappy', conditions: [{ type: 'nps_at_most', value: 9 }] });
  await transaction(database, (trx) =>
    openCasesForResponses(trx, testActing(), org.orgId, [org.responseX, org.responseY]),
  );
}

describe.skipIf(!HAVE_CHROMIUM)('PDF reports drawn in Chromium', () => {
  describeEachEngine("PDF reports and scheduled mail, each in its reader's scope", (database) => {
    const jobQueue = useJobQueue(database);
    let smtp: TestSmtpServer;
    let mailer: Mailer;
    let app: FastifyInstance;
    let base: string;
    let renderer: ReportRenderer;

    beforeAll(async () => {
      await ensureAppBuilt();
      smtp = await startSmtpServer();
      mailer = createMailer({ url: smtp.url, from: 'Rapport <reports@rapport.test>' });
      app = await testApp(database(), { mailer, jobs: jobQueue() });
      await app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      renderer = new ReportRenderer(CHROMIUM_PATH);
      await startReportWork(
        jobQueue(),
        { database: database(), mailer, renderer, appUrl: base },
        { pollingIntervalSeconds: 0.5 },
      );
    }, 180_000);
    afterAll(async () => {
      await renderer?.close();
      await app?.close();
      await mailer?.close();
      await smtp?.close();
    });

    it("downloads a dashboard as a PDF of the caller's own scope, in their language", async () => {
      const org = await seedOrganisation(database(), 'pdf');
      const managerX = await signIn(app, org.emails.managerX);
      const response = await fetch(`${base}/api/v1/reports/accounts.pdf?period=12m&lang=it`, {
        headers: { cookie: managerX.cookie },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      const pdf = new Uint8Array(await response.arrayBuffer());
      expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
      const { text } = await pdfText(pdf);
      expect(text).toContain('Account X pdf');
      expect(text).not.toContain('Account Y pdf');
      expect(text).toContain('Clienti');
      // The two-minute session it was drawn under is gone.
      const sessions = await database()
        .db.selectFrom('sessions')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('org_id', '=', org.orgId)
        .executeTakeFirstOrThrow();
      expect(Number(sessions.n)).toBe(1);

      const unknown = await fetch(`${base}/api/v1/reports/settings.pdf`, {
        headers: { cookie: managerX.cookie },
      });
      expect(unknown.status).toBe(400);
    }, 60_000);

    it("draws Journeys, Comments and Cases as PDFs of the caller's own scope", async () => {
      const org = await seedOrganisation(database(), 'views');
      await seedScopedEvidence(database(), org);
      const owner = await signIn(app, org.emails.owner);
      const managerX = await signIn(app, org.emails.managerX);
      const report = async (who: { cookie: string }, file: string) => {
        const response = await fetch(`${base}/api/v1/reports/${file}`, { headers: { cookie: who.cookie } });
        expect(response.status, file).toBe(200);
        expect(response.headers.get('content-type')).toBe('application/pdf');
        const { text, pages } = await pdfText(new Uint8Array(await response.arrayBuffer()));
        expect(pages).toBeGreaterThanOrEqual(1);
        return text.replace(/\s+/g, ' ');
      };

      const journeysAll = await report(owner, 'journeys.pdf?period=3m');
      expect(journeysAll).toContain('Unloading at the dock');
      expect(journeysAll).toContain('n = 24');
      expect(journeysAll).toContain('region X dock');
      expect(journeysAll).toContain('region Y dock');
      const journeysX = await report(managerX, 'journeys.pdf?period=3m');
      expect(journeysX).toContain('Expected');
      expect(journeysX).toContain('n = 12');
      expect(journeysX).not.toContain('n = 24');
      expect(journeysX).toContain('region X dock');
      expect(journeysX).not.toContain('region Y dock');

      const commentsX = await report(managerX, 'comments.pdf?period=3m&polarity=tension&lang=it');
      expect(commentsX).toContain('Commenti');
      expect(commentsX).toContain('region X dock');
      expect(commentsX).not.toContain('region Y dock');

      const casesAll = await report(owner, 'cases.pdf?tab=team');
      expect(casesAll).toContain('Unhappy: Account X views');
      expect(casesAll).toContain('Unhappy: Account Y views');
      const casesX = await report(managerX, 'cases.pdf?tab=team');
      expect(casesX).toContain('Unhappy: Account X views');
      expect(casesX).not.toContain('Unhappy: Account Y views');
      // Drawn, not operated: the view's controls are left out of the print.
      expect(casesX).not.toContain('Mark all read');

      // An agent works cases but reads no dashboard: refused before anything is drawn.
      const headers = {
        cookie: owner.cookie,
        'x-csrf-token': owner.csrfToken,
        'content-type': 'application/json',
      };
      const added = await fetch(`${base}/api/v1/users`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          email: 'agent@views.test',
          name: 'Agent',
          password: 'correct horse battery staple',
          role: 'agent',
        }),
      });
      expect(added.status).toBe(201);
      const agent = await signIn(app, 'agent@views.test');
      expect(
        (await fetch(`${base}/api/v1/reports/journeys.pdf`, { headers: { cookie: agent.cookie } })).status,
      ).toBe(403);
      const sessions = await database()
        .db.selectFrom('sessions')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('org_id', '=', org.orgId)
        .executeTakeFirstOrThrow();
      // Only the three sign-ins remain: every report's two-minute session is gone.
      expect(Number(sessions.n)).toBe(3);
    }, 180_000);

    it("mails a due schedule once to every recipient, each PDF drawn in that recipient's scope", async () => {
      const org = await seedOrganisation(database(), 'mailrep');
      const owner = await signIn(app, org.emails.owner);
      const headers = { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken };
      const ids = {
        owner: await userId(app, owner),
        managerX: await userId(app, await signIn(app, org.emails.managerX)),
        managerY: await userId(app, await signIn(app, org.emails.managerY)),
      };
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/report-schedules',
        headers,
        payload: {
          name: 'Accounts weekly',
          view: 'accounts',
          filters: 'period=12m',
          cadence: 'daily',
          hourUtc: 5,
          recipientUserIds: [ids.owner, ids.managerX, ids.managerY],
        },
      });
      expect(created.statusCode).toBe(201);
      const scheduleId = created.json().scheduleId as string;
      const due = new Date(Date.now() - 60_000);
      await database()
        .db.updateTable('report_schedules')
        .set({ next_run_at: due })
        .where('org_id', '=', org.orgId)
        .execute();

      const before = smtp.received.length;
      expect(await planDueReports(database())).toBe(3);
      // Planned already: the next tick finds nothing due.
      expect(await planDueReports(database())).toBe(0);
      const stored = await database()
        .db.selectFrom('report_schedules')
        .select(['next_run_at', 'last_run_at'])
        .where('org_id', '=', org.orgId)
        .executeTakeFirstOrThrow();
      expect(new Date(stored.last_run_at!).getTime()).toBe(due.getTime());
      expect(new Date(stored.next_run_at).getTime()).toBeGreaterThan(Date.now());

      const mails = (await smtp.waitFor(before + 3, 90_000)).slice(before);
      const byRecipient = new Map(mails.map((mail) => [mail.to[0], mail]));
      const textOf = async (email: string) => {
        const mail = byRecipient.get(email);
        expect(mail, email).toBeDefined();
        const attachment = mail!.parsed.attachments[0];
        expect(attachment.contentType).toBe('application/pdf');
        expect(mail!.parsed.subject).toContain('Accounts weekly');
        return (await pdfText(new Uint8Array(attachment.content))).text;
      };
      const ownerText = await textOf(org.emails.owner);
      expect(ownerText).toContain('Account X mailrep');
      expect(ownerText).toContain('Account Y mailrep');
      const xText = await textOf(org.emails.managerX);
      expect(xText).toContain('Account X mailrep');
      expect(xText).not.toContain('Account Y mailrep');
      const yText = await textOf(org.emails.managerY);
      expect(yText).toContain('Account Y mailrep');
      expect(yText).not.toContain('Account X mailrep');

      await expect
        .poll(async () => {
          const deliveries = await app.inject({
            method: 'GET',
            url: `/api/v1/report-schedules/${scheduleId}/deliveries`,
            headers,
          });
          return deliveries.json().deliveries.map((d: { status: string }) => d.status);
        })
        .toEqual(['sent', 'sent', 'sent']);

      // "Send now" plans a fresh run for everyone; a removed member is skipped, not mailed.
      await database()
        .db.deleteFrom('memberships')
        .where('org_id', '=', org.orgId)
        .where('user_id', '=', ids.managerY)
        .execute();
      const sent = await app.inject({
        method: 'POST',
        url: `/api/v1/report-schedules/${scheduleId}/send`,
        headers,
      });
      expect(sent.statusCode).toBe(202);
      expect(sent.json().recipients).toBe(3);
      const more = (await smtp.waitFor(before + 5, 90_000)).slice(before + 3);
      expect(more.map((m) => m.to[0]).sort()).toEqual([org.emails.managerX, org.emails.owner].sort());
      await expect
        .poll(async () => {
          const rows = await database()
            .db.selectFrom('report_deliveries')
            .select(['user_id', 'status'])
            .where('org_id', '=', org.orgId)
            .where('run_at', '=', new Date(sent.json().runAt))
            .execute();
          return rows.find((r) => r.user_id === ids.managerY)?.status;
        })
        .toBe('skipped');
      expect(smtp.received.length).toBe(before + 5);

      // A recipient whose role changed to one that may not see the view is skipped at sending.
      await database()
        .db.updateTable('memberships')
        .set({ role: 'agent', unit_id: null })
        .where('org_id', '=', org.orgId)
        .where('user_id', '=', ids.managerX)
        .execute();
      const third = await app.inject({
        method: 'POST',
        url: `/api/v1/report-schedules/${scheduleId}/send`,
        headers,
      });
      expect(third.statusCode).toBe(202);
      const last = (await smtp.waitFor(before + 6, 90_000)).slice(before + 5);
      expect(last.map((m) => m.to[0])).toEqual([org.emails.owner]);
      await expect
        .poll(async () => {
          const row = await database()
            .db.selectFrom('report_deliveries')
            .select(['status', 'error'])
            .where('org_id', '=', org.orgId)
            .where('run_at', '=', new Date(third.json().runAt))
            .where('user_id', '=', ids.managerX)
            .executeTakeFirst();
          return row && `${row.status}: ${row.error}`;
        })
        .toBe('skipped: The agent role may not see the accounts view.');
    }, 240_000);
  });
});
