import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { publishRelationshipSurvey, validAnswers } from '../../test/surveyFixtures.ts';
import { signIn, testApp } from '../../test/testApp.ts';
import { encodeFormAnswers } from './encodeFormAnswers.ts';
import { answerField } from './formFieldNames.ts';

type Form = Record<string, string | string[]>;

function formBody(form: Form): string {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form))
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  return body.toString();
}

describeEachEngine('respondent pages', (database) => {
  let app: FastifyInstance;
  let org: Awaited<ReturnType<typeof seedOrganisation>>;
  let survey: Awaited<ReturnType<typeof publishRelationshipSurvey>>;
  let owner: { cookie: string; csrfToken: string };

  beforeAll(async () => {
    app = await testApp(database());
    org = await seedOrganisation(database(), 'respondent');
    owner = await signIn(app, org.emails.owner);
    survey = await publishRelationshipSurvey(app, owner);
  });
  afterAll(() => app?.close());

  /** Answers every page through plain form posts, as a browser without JavaScript would. */
  async function answerAll(path: string, cookie: string | undefined, seed: number) {
    const answers = validAnswers(survey.definition, seed);
    let url = path;
    let cookieHeader = cookie;
    for (let step = 0; step < 10; step++) {
      const page = await app.inject({
        method: 'GET',
        url,
        headers: cookieHeader ? { cookie: cookieHeader } : {},
      });
      expect(page.statusCode).toBe(200);
      const action = /<form[^>]*action="([^"]+)"/.exec(page.body)![1].replaceAll('&amp;', '&');
      const pageIndex = Number(new URL(action, 'http://x').searchParams.get('page'));
      const fields = encodeFormAnswers(survey.definition, pageIndex, answers) as Form;
      const isLast = page.body.includes('value="submit"');
      const posted = await app.inject({
        method: 'POST',
        url: action,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(cookieHeader ? { cookie: cookieHeader } : {}),
        },
        payload: formBody({ ...fields, action: isLast ? 'submit' : 'next' }),
      });
      const set = posted.cookies.find((c) => c.name.startsWith('rapport_resume'));
      if (set?.value) cookieHeader = `${set.name}=${set.value}`;
      if (isLast) return { final: posted, answers };
      expect(posted.statusCode, posted.body.slice(0, 500)).toBe(303);
      url = posted.headers.location as string;
    }
    throw new Error('the survey did not end');
  }

  const completeResponses = async () =>
    Number(
      (
        await database()
          .db.selectFrom('responses')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('org_id', '=', org.orgId)
          .where('survey_id', '=', survey.surveyId)
          .where('status', '=', 'complete')
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('takes an open-link respondent through every page and stores one complete response', async () => {
    const before = await completeResponses();
    const { final } = await answerAll(`/s/open/${survey.slug}`, undefined, 21);
    expect(final.statusCode).toBe(200);
    expect(final.body).toMatch(/<h1>[^<]+<\/h1>/);
    expect(await completeResponses()).toBe(before + 1);
  });

  it('accepts a personal link once, then says it was already answered', async () => {
    const contact = await database()
      .db.insertInto('contacts')
      .values({
        org_id: org.orgId,
        account_id: org.accountX,
        first_name: '<b>Eve</b>',
        last_name: 'Link',
        email: `eve-${Math.random()}@x.test`,
        language: 'it',
      })
      .returning('contact_id')
      .executeTakeFirstOrThrow();
    const link = await app.inject({
      method: 'POST',
      url: `/api/v1/surveys/${survey.surveyId}/links`,
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken },
      payload: { contactId: contact.contact_id },
    });
    expect(link.statusCode).toBe(201);
    const path = new URL(link.json().url).pathname;
    const first = await app.inject({ method: 'GET', url: path });
    expect(first.body).toContain('<html lang="it"');
    expect(first.body).not.toContain('<b>Eve</b>');
    const { final } = await answerAll(path, undefined, 22);
    expect(final.statusCode).toBe(200);
    const again = await app.inject({ method: 'GET', url: path });
    expect(again.statusCode).toBe(410);
    const stored = await database()
      .db.selectFrom('responses')
      .select(['contact_id', 'account_id', 'unit_id', 'status'])
      .where('org_id', '=', org.orgId)
      .where('contact_id', '=', contact.contact_id)
      .execute();
    expect(stored).toEqual([
      { contact_id: contact.contact_id, account_id: org.accountX, unit_id: org.teamX1, status: 'complete' },
    ]);
  });

  it('shows an error summary for an out-of-range answer, and stores nothing', async () => {
    const before = await completeResponses();
    const page = await app.inject({ method: 'GET', url: `/s/open/${survey.slug}?lang=en` });
    const action = /<form[^>]*action="([^"]+)"/.exec(page.body)![1].replaceAll('&amp;', '&');
    const posted = await app.inject({
      method: 'POST',
      url: action,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody({ [answerField('certainty.f1')]: '9', action: 'next' }),
    });
    expect(posted.statusCode).toBe(422);
    expect(posted.body).toContain('role="alert"');
    expect(posted.body).toMatch(/href="#q-[^"]+"/);
    expect(posted.body).toContain('aria-invalid="true"');
    expect(await completeResponses()).toBe(before);
  });

  it('refuses forged hidden fields and says when a survey is closed', async () => {
    const forged = await app.inject({
      method: 'GET',
      url: `/s/open/${survey.slug}?account=${org.accountY}&sig=forged`,
    });
    expect(forged.statusCode).toBe(400);
    const signed = await app.inject({
      method: 'POST',
      url: `/api/v1/surveys/${survey.surveyId}/links`,
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken },
      payload: { hidden: { account: org.accountY } },
    });
    const signedPath = new URL(signed.json().url);
    expect(
      (await app.inject({ method: 'GET', url: `${signedPath.pathname}${signedPath.search}` })).statusCode,
    ).toBe(200);
    await app.inject({
      method: 'POST',
      url: `/api/v1/surveys/${survey.surveyId}/close`,
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken },
    });
    const closed = await app.inject({ method: 'GET', url: `/s/open/${survey.slug}` });
    expect(closed.statusCode).toBe(410);
    await app.inject({
      method: 'POST',
      url: `/api/v1/surveys/${survey.surveyId}/reopen`,
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken },
    });
    expect((await app.inject({ method: 'GET', url: '/s/open/no-such-survey' })).statusCode).toBe(404);
  });
});
