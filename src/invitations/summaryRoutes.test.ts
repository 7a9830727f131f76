import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { signIn, testApp } from '../../test/testApp.ts';
import { transaction } from '../db/database.ts';

describeEachEngine('a survey’s invitations counted by status', (database) => {
  let app: FastifyInstance;
  let org: Awaited<ReturnType<typeof seedOrganisation>>;
  const url = () => `/api/v1/surveys/${org.surveyId}/invitations/summary`;

  beforeAll(async () => {
    app = await testApp(database());
    org = await seedOrganisation(database(), 'invsummary');
    await transaction(database(), async (trx) => {
      const contact = async (accountId: string, name: string) =>
        (
          await trx
            .insertInto('contacts')
            .values({
              org_id: org.orgId,
              account_id: accountId,
              first_name: name,
              last_name: 'Bianchi',
              email: `${name}@summary.test`,
            })
            .returning('contact_id')
            .executeTakeFirstOrThrow()
        ).contact_id;
      const inX = await contact(org.accountX, 'xena');
      const inY = await contact(org.accountY, 'yuri');
      // X: queued, sent, and sent-then-answered (its token used); Y: bounced and failed.
      const plan = [
        { contactId: inX, accountId: org.accountX, status: 'queued', used: false },
        { contactId: inX, accountId: org.accountX, status: 'sent', used: false },
        { contactId: inX, accountId: org.accountX, status: 'sent', used: true },
        { contactId: inY, accountId: org.accountY, status: 'bounced', used: false },
        { contactId: inY, accountId: org.accountY, status: 'failed', used: false },
      ] as const;
      for (const row of plan) {
        const tokenHash = randomBytes(32).toString('hex');
        await trx
          .insertInto('survey_tokens')
          .values({
            org_id: org.orgId,
            token_hash: tokenHash,
            survey_id: org.surveyId,
            contact_id: row.contactId,
            account_id: row.accountId,
            touchpoint_id: null,
            language: 'en',
            expires_at: null,
            used_at: row.used ? new Date() : null,
          })
          .execute();
        await trx
          .insertInto('invitations')
          .values({
            org_id: org.orgId,
            rule_id: null,
            event_id: null,
            survey_id: org.surveyId,
            contact_id: row.contactId,
            account_id: row.accountId,
            email: 'someone@summary.test',
            language: 'en',
            token_hash: tokenHash,
            status: row.status,
            scheduled_at: new Date('2025-03-01T09:00:00Z'),
            sent_at: row.status === 'queued' ? null : new Date('2025-03-01T09:05:00Z'),
          })
          .execute();
      }
    });
  });
  afterAll(() => app?.close());

  const as = async (email: string) => {
    const session = await signIn(app, email);
    return app.inject({ method: 'GET', url: url(), headers: { cookie: session.cookie } });
  };

  it('counts every status for an organisation-wide reader, answered invitations as responded', async () => {
    const response = await as(org.emails.owner);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      total: 5,
      counts: { queued: 1, sent: 1, bounced: 1, complained: 0, responded: 1, failed: 1, cancelled: 0 },
      lastSentAt: '2025-03-01T09:05:00.000Z',
    });
  });

  it('counts only the invitations of accounts in a manager’s subtree', async () => {
    const response = await as(org.emails.managerX);
    expect(response.statusCode).toBe(200);
    expect(response.json().total).toBe(3);
    expect(response.json().counts).toMatchObject({ queued: 1, sent: 1, responded: 1, bounced: 0, failed: 0 });
    const other = await as(org.emails.managerY);
    expect(other.json().counts).toMatchObject({ bounced: 1, failed: 1, queued: 0 });
  });

  it('refuses a role without invitations:read and answers 404 for a survey of no one’s', async () => {
    expect((await as(org.emails.viewer)).statusCode).toBe(403);
    const owner = await signIn(app, org.emails.owner);
    const unknown = await app.inject({
      method: 'GET',
      url: '/api/v1/surveys/00000000-0000-4000-8000-000000000000/invitations/summary',
      headers: { cookie: owner.cookie },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
  });
});
