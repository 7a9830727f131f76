import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { seedOrganisation, TEST_PASSWORD } from '../../test/seedOrganisation.ts';
import { publishRelationshipSurvey } from '../../test/surveyFixtures.ts';
import { signIn, testApp } from '../../test/testApp.ts';
import { createUser } from '../identity/users.ts';

type Session = { cookie: string; csrfToken: string };

describeEachEngine('personal links for a chosen contact', (database) => {
  let app: FastifyInstance;
  let org: Awaited<ReturnType<typeof seedOrganisation>>;
  let survey: Awaited<ReturnType<typeof publishRelationshipSurvey>>;
  const sessions: Record<string, Session> = {};
  const contacts: Record<string, string> = {};

  beforeAll(async () => {
    app = await testApp(database());
    org = await seedOrganisation(database(), 'links');
    // An analyst who designs surveys for region X only.
    const analystX = `analyst-x-${org.orgId.slice(0, 8)}@links.test`;
    await createUser(database().db, {
      orgId: org.orgId,
      email: analystX,
      name: 'Analyst X',
      password: TEST_PASSWORD,
      role: 'analyst',
      unitId: org.regionX,
    });
    const add = async (accountId: string, first: string, optedOut = false) =>
      (
        await database()
          .db.insertInto('contacts')
          .values({
            org_id: org.orgId,
            account_id: accountId,
            first_name: first,
            last_name: 'Link',
            email: `${first.toLowerCase()}-${org.orgId.slice(0, 8)}@links.test`,
            language: 'it',
            opted_out_at: optedOut ? new Date() : null,
          })
          .returning('contact_id')
          .executeTakeFirstOrThrow()
      ).contact_id;
    contacts.x = await add(org.accountX, 'Xena');
    contacts.y = await add(org.accountY, 'Yuri');
    contacts.gone = await add(org.accountX, 'Gina', true);
    sessions.owner = await signIn(app, org.emails.owner);
    sessions.analystX = await signIn(app, analystX);
    sessions.managerX = await signIn(app, org.emails.managerX);
    survey = await publishRelationshipSurvey(app, sessions.owner);
  });
  afterAll(() => app?.close());

  const link = (who: string, contactId: string) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/surveys/${survey.surveyId}/links`,
      headers: { cookie: sessions[who].cookie, 'x-csrf-token': sessions[who].csrfToken },
      payload: { contactId },
    });

  it('makes a single-use link for a contact in scope, in the contact’s language, and audits it', async () => {
    const made = await link('analystX', contacts.x);
    expect(made.statusCode).toBe(201);
    const { url, kind, expiresAt } = made.json();
    expect(kind).toBe('personal');
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    const page = await app.inject({ method: 'GET', url: new URL(url).pathname });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="it"');
    const token = await database()
      .db.selectFrom('survey_tokens')
      .select(['contact_id', 'account_id', 'used_at'])
      .where('org_id', '=', org.orgId)
      .where('contact_id', '=', contacts.x)
      .executeTakeFirstOrThrow();
    expect(token).toEqual({ contact_id: contacts.x, account_id: org.accountX, used_at: null });
    const audit = await database()
      .db.selectFrom('audit_log')
      .select('action')
      .where('org_id', '=', org.orgId)
      .where('action', '=', 'survey.link')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  it('treats a contact outside the actor’s subtree as unknown, and refuses one who opted out', async () => {
    const outside = await link('analystX', contacts.y);
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors).toEqual([{ field: 'body.contactId', message: 'Unknown contact' }]);
    // The organisation-wide owner reaches the same contact.
    expect((await link('owner', contacts.y)).statusCode).toBe(201);
    const optedOut = await link('owner', contacts.gone);
    expect(optedOut.statusCode).toBe(422);
    expect(optedOut.json().errors).toEqual([{ field: 'body.contactId', message: 'The contact opted out' }]);
  });

  it('is not for roles that do not manage surveys', async () => {
    const refused = await link('managerX', contacts.x);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
  });
});
