import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { useJobQueue } from '../../test/jobQueue.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { startSmtpServer, type TestSmtpServer } from '../../test/smtpServer.ts';
import { publishRelationshipSurvey, validAnswers } from '../../test/surveyFixtures.ts';
import { signIn, testApp } from '../../test/testApp.ts';
import { transaction } from '../db/database.ts';
import { recordEvent } from '../events/recordEvent.ts';
import { createMailer, type Mailer } from '../mail/mailer.ts';
import type { Actor } from '../policies/actor.ts';
import { ingestResponse } from '../responses/ingest.ts';
import { currentSurvey } from '../surveys/versions.ts';
import { INVITATION_SEND_QUEUE } from './planInvitations.ts';
import { type SendContext, sendInvitation } from './sendInvitation.ts';
import { startInvitationWork } from './worker.ts';

const PUBLIC_URL = 'http://rapport.test';

describeEachEngine('events, distribution rules and email invitations', (database) => {
  const jobQueue = useJobQueue(database);
  let smtp: TestSmtpServer;
  let mailer: Mailer;
  let app: FastifyInstance;
  let send: SendContext;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    mailer = createMailer({ url: smtp.url, from: 'Rapport <surveys@rapport.test>' });
    app = await testApp(database(), { mailer });
    send = { database: database(), mailer, publicUrl: PUBLIC_URL };
  });
  afterAll(async () => {
    await app?.close();
    await mailer?.close();
    await smtp?.close();
  });

  /** An organisation with a published survey, contacts and a rule for order.delivered. */
  async function programme(label: string, rule: Record<string, unknown> = {}) {
    const org = await seedOrganisation(database(), label);
    const owner = await signIn(app, org.emails.owner);
    const headers = { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken };
    const survey = await publishRelationshipSurvey(app, owner);
    const people = {
      anna: { first: 'Anna', language: 'it', account: org.accountX, consent: true, optedOut: false },
      bruno: { first: 'Bruno', language: 'en', account: org.accountX, consent: true, optedOut: false },
      carla: { first: 'Carla', language: 'it', account: org.accountY, consent: false, optedOut: false },
      dario: { first: 'Dario', language: 'de', account: org.accountY, consent: true, optedOut: true },
    };
    const contacts = {} as Record<keyof typeof people, { id: string; email: string }>;
    await transaction(database(), async (trx) => {
      for (const [key, p] of Object.entries(people)) {
        const email = `${key}.${label}@customer.test`;
        const row = await trx
          .insertInto('contacts')
          .values({
            org_id: org.orgId,
            account_id: p.account,
            first_name: p.first,
            last_name: 'Rossi',
            email,
            language: p.language,
            consent: p.consent,
            opted_out_at: p.optedOut ? new Date() : null,
            external_id: `crm-${key}`,
          })
          .returning('contact_id')
          .executeTakeFirstOrThrow();
        contacts[key as keyof typeof people] = { id: row.contact_id, email };
      }
    });
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/distribution-rules',
      headers,
      payload: {
        name: 'After delivery',
        eventType: 'order.delivered',
        surveyId: survey.surveyId,
        delayMinutes: 60,
        contactCapDays: 30,
        accountCapPerQuarter: 2,
        quietHours: { start: '20:00', end: '08:00' },
        timezone: 'Europe/Rome',
        reminderAfterDays: 3,
        maxReminders: 1,
        ...rule,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const actor: Actor = {
      orgId: org.orgId,
      kind: 'token',
      userId: null,
      tokenId: null,
      role: 'admin',
      unitId: null,
      unitPath: null,
    };
    const event = (contact: keyof typeof people, at: Date, now = at) =>
      recordEvent(
        database(),
        actor,
        {
          type: 'order.delivered',
          occurredAt: at,
          contactEmail: contacts[contact].email,
          attributes: {},
          idempotencyKey: null,
        },
        now,
      );
    return { org, headers, survey, contacts, event, ruleId: created.json().ruleId as string };
  }

  const invitation = (orgId: string, invitationId: string) =>
    database()
      .db.selectFrom('invitations')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('invitation_id', '=', invitationId)
      .executeTakeFirstOrThrow();

  const sendJobs = async (invitationId: string) => {
    const { rows } = await database().pool.query(
      `select (data->>'reminder')::int as reminder, start_after from pgboss.job where name = $1 and data->>'invitationId' = $2 order by 1`,
      [INVITATION_SEND_QUEUE, invitationId],
    );
    return rows.map((r) => ({
      reminder: r.reminder as number,
      startAfter: new Date(r.start_after).toISOString(),
    }));
  };

  const mailTo = (email: string) => smtp.received.filter((m) => m.to.includes(email));

  it('stores a CRM event once per Idempotency-Key, lists it, and schedules the invitation through pg-boss', async () => {
    const p = await programme('events');
    const token = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: p.headers,
      payload: { name: 'crm', role: 'analyst' },
    });
    const crm = { authorization: `Bearer ${token.json().token}`, 'idempotency-key': 'delivery-778' };
    const payload = {
      type: 'order.delivered',
      time: new Date().toISOString(),
      contactExternalId: 'crm-anna',
      attributes: { orderId: 'SO-778', lines: 3 },
    };
    const first = await app.inject({ method: 'POST', url: '/api/v1/events', headers: crm, payload });
    expect(first.statusCode, first.body).toBe(201);
    const decision = first.json().decisions[0];
    expect(decision).toMatchObject({ ruleId: p.ruleId, invited: true, language: 'it' });
    const again = await app.inject({ method: 'POST', url: '/api/v1/events', headers: crm, payload });
    expect(again.statusCode).toBe(200);
    expect(again.json().eventId).toBe(first.json().eventId);

    const listed = await app.inject({ url: '/api/v1/events?type=order.delivered', headers: p.headers });
    expect(listed.json().events).toHaveLength(1);
    expect(listed.json().events[0]).toMatchObject({
      eventId: first.json().eventId,
      contactId: p.contacts.anna.id,
      accountId: p.org.accountX,
      attributes: { orderId: 'SO-778', lines: 3 },
    });
    const invitations = await app.inject({ url: '/api/v1/invitations', headers: p.headers });
    expect(invitations.json().invitations).toEqual([
      expect.objectContaining({
        invitationId: decision.invitationId,
        status: 'queued',
        email: p.contacts.anna.email,
      }),
    ]);
    expect(await sendJobs(decision.invitationId)).toEqual([{ reminder: 0, startAfter: decision.sendAt }]);

    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: { authorization: crm.authorization },
      payload: { ...payload, contactExternalId: 'nobody', touchpoint: 'no-such-touchpoint' },
    });
    expect(unknown.statusCode).toBe(422);
    expect(
      unknown
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body.contactExternalId', 'body.touchpoint']);
    const events = await database()
      .db.selectFrom('crm_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('org_id', '=', p.org.orgId)
      .executeTakeFirstOrThrow();
    expect(Number(events.n)).toBe(1);
  });

  it('validates rules: survey, time zone, reminders and template placeholders', async () => {
    const p = await programme('rules');
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/distribution-rules',
      headers: p.headers,
      payload: {
        name: 'x',
        eventType: 'ticket.closed',
        surveyId: crypto.randomUUID(),
        timezone: 'Mars/Olympus',
        maxReminders: 2,
        templates: { it: { subject: 'Ciao {{nickname}}' } },
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body.reminderAfterDays', 'body.surveyId', 'body.templates.it.subject', 'body.timezone']);
    const viewer = await signIn(app, p.org.emails.viewer);
    const refused = await app.inject({
      url: '/api/v1/distribution-rules',
      headers: { cookie: viewer.cookie },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('caps invitations per contact and per account per quarter, with a controllable clock', async () => {
    const p = await programme('caps');
    const t0 = new Date('2025-01-06T10:00:00Z'); // a Monday, 11:00 in Rome
    const day = 86_400_000;
    const first = await p.event('anna', t0);
    expect(first.decisions[0]).toMatchObject({ invited: true, sendAt: '2025-01-06T11:00:00.000Z' });
    const tooSoon = await p.event('anna', new Date(t0.getTime() + 10 * day));
    expect(tooSoon.decisions[0]).toMatchObject({ invited: false, reason: 'contact_cap' });
    const colleague = await p.event('bruno', t0);
    expect(colleague.decisions[0]).toMatchObject({ invited: true, language: 'en' });
    // 31 days later Anna may be asked again, but her account has had its two this quarter.
    const accountFull = await p.event('anna', new Date(t0.getTime() + 31 * day));
    expect(accountFull.decisions[0]).toMatchObject({ invited: false, reason: 'account_cap' });
    const nextQuarter = await p.event('anna', new Date('2025-04-07T09:00:00Z'));
    expect(nextQuarter.decisions[0]).toMatchObject({ invited: true });
    const stored = await database()
      .db.selectFrom('crm_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('org_id', '=', p.org.orgId)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(5);
  });

  it('waits for the end of quiet hours in the rule’s time zone, and honours consent and opt-out', async () => {
    const p = await programme('quiet');
    // 20:30 in Rome, one hour's delay → 21:30, quiet until 08:00 Rome = 07:00 UTC.
    const evening = await p.event('anna', new Date('2025-01-06T19:30:00Z'));
    expect(evening.decisions[0]).toMatchObject({ invited: true, sendAt: '2025-01-07T07:00:00.000Z' });
    const row = await invitation(
      p.org.orgId,
      evening.decisions[0].invited ? evening.decisions[0].invitationId : '',
    );
    expect(new Date(row.scheduled_at).toISOString()).toBe('2025-01-07T07:00:00.000Z');
    expect(await sendJobs(row.invitation_id)).toEqual([
      { reminder: 0, startAfter: '2025-01-07T07:00:00.000Z' },
    ]);
    expect((await p.event('carla', new Date())).decisions[0]).toMatchObject({
      invited: false,
      reason: 'no_consent',
    });
    expect((await p.event('dario', new Date())).decisions[0]).toMatchObject({
      invited: false,
      reason: 'opted_out',
    });
  });

  it('sends the personal invitation over SMTP with unsubscribe headers; its link opens the survey', async () => {
    const p = await programme('smtp');
    const now = new Date();
    const { decisions } = await p.event('anna', now);
    const invitationId = decisions[0].invited ? decisions[0].invitationId : '';
    const sentAt = new Date(now.getTime() + 3_600_000);
    expect(await sendInvitation(send, { orgId: p.org.orgId, invitationId, reminder: 0 }, sentAt)).toBe(
      'sent',
    );
    const [mail] = await smtp.waitFor(smtp.received.length).then(() => mailTo(p.contacts.anna.email));
    expect(mail.parsed.subject).toBe('Anna, com’è andata la sua esperienza con noi?');
    expect(mail.from).toBe('surveys@rapport.test');
    expect(mail.parsed.text).toContain('Gentile Anna,');
    expect(mail.parsed.text).toContain(`per conto di Account X smtp`);
    const [surveyLink, unsubscribeLink] = mail.links();
    expect(surveyLink).toMatch(/^http:\/\/rapport\.test\/s\/[A-Za-z0-9_-]{64}$/);
    expect(unsubscribeLink).toMatch(/^http:\/\/rapport\.test\/u\//);
    expect(mail.header('List-Unsubscribe')).toBe(`<${unsubscribeLink}>`);
    expect(mail.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.parsed.html).toContain(`<a href="${surveyLink}">`);

    const page = await app.inject({ url: new URL(surveyLink).pathname });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Il Suo rapporto con noi');
    expect(page.body).toContain('<form');

    const stored = await invitation(p.org.orgId, invitationId);
    expect(stored).toMatchObject({ status: 'sent', message_id: mail.parsed.messageId });
    // The reminder waits three days, as a pg-boss job.
    expect(await sendJobs(invitationId)).toEqual([
      { reminder: 0, startAfter: expect.any(String) },
      { reminder: 1, startAfter: new Date(sentAt.getTime() + 3 * 86_400_000).toISOString() },
    ]);
    // A job that runs twice sends nothing more.
    expect(await sendInvitation(send, { orgId: p.org.orgId, invitationId, reminder: 0 }, sentAt)).toBe(
      'skipped',
    );
    expect(mailTo(p.contacts.anna.email)).toHaveLength(1);
  });

  it('sends once when two runs of the same job race', async () => {
    const p = await programme('race');
    const now = new Date();
    const { decisions } = await p.event('bruno', now);
    const invitationId = decisions[0].invited ? decisions[0].invitationId : '';
    const job = { orgId: p.org.orgId, invitationId, reminder: 0 };
    const at = new Date(now.getTime() + 3_600_000);
    const outcomes = await Promise.all([sendInvitation(send, job, at), sendInvitation(send, job, at)]);
    expect(outcomes.sort()).toEqual(['sent', 'skipped']);
    await smtp.waitFor(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(mailTo(p.contacts.bruno.email)).toHaveLength(1);
  });

  it('tries again later after a transient SMTP failure; a refused mailbox fails the invitation', async () => {
    const p = await programme('retry');
    const now = new Date();
    const anna = (await p.event('anna', now)).decisions[0];
    const bruno = (await p.event('bruno', now)).decisions[0];
    const annaId = anna.invited ? anna.invitationId : '';
    const brunoId = bruno.invited ? bruno.invitationId : '';
    const at = new Date(now.getTime() + 3_600_000);
    // Nothing listens on this port: the connection is refused, which is worth another try.
    const unreachable = createMailer({ url: 'smtp://127.0.0.1:9', from: 'Rapport <surveys@rapport.test>' });
    const job = { orgId: p.org.orgId, invitationId: annaId, reminder: 0 };
    expect(await sendInvitation({ ...send, mailer: unreachable }, job, at)).toBe('retrying');
    await unreachable.close();
    const waiting = await invitation(p.org.orgId, annaId);
    expect(waiting).toMatchObject({ status: 'queued', claimed_until: null, send_attempts: 1 });
    expect(waiting.error).toBeTruthy();
    // Beside the original job (due an hour after the event), a retry due in about a minute.
    const jobs = await sendJobs(annaId);
    expect(jobs).toHaveLength(2);
    const soon = jobs.filter(
      (j) => Math.abs(new Date(j.startAfter).getTime() - Date.now() - 60_000) < 30_000,
    );
    expect(soon).toHaveLength(1);
    // The retry, with the relay back, sends.
    expect(await sendInvitation(send, job, at)).toBe('sent');
    expect(await invitation(p.org.orgId, annaId)).toMatchObject({
      status: 'sent',
      send_attempts: 0,
      error: null,
    });

    const refusing = await startSmtpServer({ refuseRecipients: (address) => address.startsWith('bruno.') });
    const refused = createMailer({ url: refusing.url, from: 'Rapport <surveys@rapport.test>' });
    try {
      const brunoJob = { orgId: p.org.orgId, invitationId: brunoId, reminder: 0 };
      expect(await sendInvitation({ ...send, mailer: refused }, brunoJob, at)).toBe('failed');
      const failed = await invitation(p.org.orgId, brunoId);
      expect(failed.status).toBe('failed');
      expect(failed.error).toMatch(/550|unavailable/i);
      expect(refusing.received).toHaveLength(0);
    } finally {
      await refused.close();
      await refusing.close();
    }
  });

  it('reminds at most the configured number of times, and never after a response', async () => {
    const p = await programme('remind');
    const now = new Date();
    const anna = (await p.event('anna', now)).decisions[0];
    const bruno = (await p.event('bruno', now)).decisions[0];
    if (!anna.invited || !bruno.invited) throw new Error('both should be invited');
    for (const id of [anna.invitationId, bruno.invitationId])
      await sendInvitation(send, { orgId: p.org.orgId, invitationId: id, reminder: 0 }, now);
    const later = new Date(now.getTime() + 3 * 86_400_000);
    expect(
      await sendInvitation(send, { orgId: p.org.orgId, invitationId: anna.invitationId, reminder: 1 }, later),
    ).toBe('sent');
    const toAnna = mailTo(p.contacts.anna.email);
    expect(toAnna.map((m) => m.parsed.subject)).toEqual([
      'Anna, com’è andata la sua esperienza con noi?',
      'Un promemoria, Anna: cinque minuti per dirci com’è andata',
    ]);
    // The reminder carries the same personal link.
    expect(toAnna[1].links()[0]).toBe(toAnna[0].links()[0]);
    expect(await sendJobs(anna.invitationId)).toHaveLength(2);
    expect((await invitation(p.org.orgId, anna.invitationId)).reminders_sent).toBe(1);

    // Bruno answers through his personal link before his reminder is due.
    const published = (await currentSurvey(database().db, {
      orgId: p.org.orgId,
      surveyId: p.survey.surveyId,
    }))!;
    const brunoRow = await invitation(p.org.orgId, bruno.invitationId);
    await ingestResponse(database(), {
      survey: published,
      answers: validAnswers(p.survey.definition, 7),
      hidden: {},
      contactId: p.contacts.bruno.id,
      accountId: p.org.accountX,
      touchpointId: null,
      channel: 'email',
      language: 'en',
      startedAt: null,
      idempotencyKey: null,
      tokenHash: brunoRow.token_hash,
      resumeHash: null,
      qualityFlags: [],
      excluded: false,
      fingerprint: null,
    });
    const listed = await app.inject({ url: `/api/v1/invitations?status=responded`, headers: p.headers });
    expect(listed.json().invitations.map((i: { invitationId: string }) => i.invitationId)).toEqual([
      bruno.invitationId,
    ]);
    const before = mailTo(p.contacts.bruno.email).length;
    expect(
      await sendInvitation(
        send,
        { orgId: p.org.orgId, invitationId: bruno.invitationId, reminder: 1 },
        later,
      ),
    ).toBe('responded');
    expect(mailTo(p.contacts.bruno.email).length).toBe(before);
    expect((await invitation(p.org.orgId, bruno.invitationId)).status).toBe('responded');
  });

  it('unsubscribes in one click: the contact is opted out, queued invitations cancelled, reminders stop', async () => {
    const p = await programme('unsubscribe', { contactCapDays: null, accountCapPerQuarter: null });
    const now = new Date();
    const sent = (await p.event('anna', now)).decisions[0];
    const queued = (await p.event('anna', new Date(now.getTime() + 86_400_000))).decisions[0];
    if (!sent.invited || !queued.invited) throw new Error('both should be invited');
    await sendInvitation(send, { orgId: p.org.orgId, invitationId: sent.invitationId, reminder: 0 }, now);
    const mail = mailTo(p.contacts.anna.email)[0];
    const path = new URL(mail.links()[1]).pathname;

    const tampered = await app.inject({
      method: 'POST',
      url: `${path.slice(0, -2)}xx`,
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(tampered.statusCode).toBe(404);
    // Following the link only asks; a mail scanner's prefetch changes nothing.
    const asked = await app.inject({ url: path });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('<form method="post">');
    expect((await p.event('anna', now)).decisions[0]).not.toMatchObject({ reason: 'opted_out' });

    // The mail client's one-click POST (RFC 8058), as multipart.
    const boundary = 'x-boundary';
    const oneClick = await app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
    });
    expect(oneClick.statusCode).toBe(200);
    expect(oneClick.body).toContain('Iscrizione annullata');
    const contact = await database()
      .db.selectFrom('contacts')
      .select('opted_out_at')
      .where('org_id', '=', p.org.orgId)
      .where('contact_id', '=', p.contacts.anna.id)
      .executeTakeFirstOrThrow();
    expect(contact.opted_out_at).not.toBeNull();
    expect((await invitation(p.org.orgId, queued.invitationId)).status).toBe('cancelled');
    const count = mailTo(p.contacts.anna.email).length;
    expect(
      await sendInvitation(
        send,
        { orgId: p.org.orgId, invitationId: sent.invitationId, reminder: 1 },
        new Date(now.getTime() + 3 * 86_400_000),
      ),
    ).toBe('skipped');
    expect(
      await sendInvitation(send, { orgId: p.org.orgId, invitationId: queued.invitationId, reminder: 0 }),
    ).toBe('skipped');
    expect(mailTo(p.contacts.anna.email).length).toBe(count);
    expect((await p.event('anna', new Date(now.getTime() + 90 * 86_400_000))).decisions[0]).toMatchObject({
      invited: false,
      reason: 'opted_out',
    });
    // A second click is harmless.
    const again = await app.inject({
      method: 'POST',
      url: path,
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(again.statusCode).toBe(200);
  });

  it('suppresses an address on a bounce or a complaint and marks the invitation', async () => {
    const p = await programme('bounce', { contactCapDays: null, accountCapPerQuarter: null });
    const now = new Date();
    const anna = (await p.event('anna', now)).decisions[0];
    const bruno = (await p.event('bruno', now)).decisions[0];
    if (!anna.invited || !bruno.invited) throw new Error('both should be invited');
    await sendInvitation(send, { orgId: p.org.orgId, invitationId: anna.invitationId, reminder: 0 }, now);
    await sendInvitation(send, { orgId: p.org.orgId, invitationId: bruno.invitationId, reminder: 0 }, now);
    const messageId = mailTo(p.contacts.anna.email)[0].parsed.messageId;
    const bounced = await app.inject({
      method: 'POST',
      url: '/api/v1/mail/feedback',
      headers: p.headers,
      payload: {
        kind: 'bounce',
        email: p.contacts.anna.email.toUpperCase(),
        messageId,
        detail: '550 5.1.1 user unknown',
      },
    });
    expect(bounced.statusCode, bounced.body).toBe(200);
    expect(bounced.json()).toEqual({ suppressed: p.contacts.anna.email, invitationId: anna.invitationId });
    const complained = await app.inject({
      method: 'POST',
      url: '/api/v1/mail/feedback',
      headers: p.headers,
      payload: { kind: 'complaint', email: p.contacts.bruno.email },
    });
    expect(complained.json().invitationId).toBe(bruno.invitationId);
    const listed = await app.inject({ url: '/api/v1/invitations', headers: p.headers });
    const status = Object.fromEntries(
      listed
        .json()
        .invitations.map((i: { email: string; status: string; error: string | null }) => [
          i.email,
          [i.status, i.error],
        ]),
    );
    expect(status).toEqual({
      [p.contacts.anna.email]: ['bounced', '550 5.1.1 user unknown'],
      [p.contacts.bruno.email]: ['complained', null],
    });
    // No more invitations, and no reminders, to either address.
    expect((await p.event('anna', now)).decisions[0]).toMatchObject({ invited: false, reason: 'suppressed' });
    expect((await p.event('bruno', now)).decisions[0]).toMatchObject({ invited: false, reason: 'opted_out' });
    expect(
      await sendInvitation(send, { orgId: p.org.orgId, invitationId: anna.invitationId, reminder: 1 }),
    ).toBe('skipped');
    const agent = await signIn(app, p.org.emails.viewer);
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/mail/feedback',
      headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrfToken },
      payload: { kind: 'bounce', email: 'x@y.test' },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('sends a due invitation from its pg-boss job through the worker, at the mailer’s pace', async () => {
    const p = await programme('worker', { delayMinutes: 0, quietHours: null });
    await startInvitationWork(jobQueue(), send, { pollingIntervalSeconds: 0.5 });
    try {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/events',
        headers: p.headers,
        payload: {
          type: 'order.delivered',
          time: new Date().toISOString(),
          contactEmail: p.contacts.bruno.email,
        },
      });
      expect(response.json().decisions[0]).toMatchObject({ invited: true });
      const deadline = Date.now() + 15_000;
      while (mailTo(p.contacts.bruno.email).length === 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await jobQueue().offWork(INVITATION_SEND_QUEUE);
    }
    const [mail] = mailTo(p.contacts.bruno.email);
    expect(mail.parsed.subject).toBe('Bruno, how was your experience with us?');
    const listed = await app.inject({ url: '/api/v1/invitations', headers: p.headers });
    expect(listed.json().invitations[0]).toMatchObject({ status: 'sent', email: p.contacts.bruno.email });
  });
});
