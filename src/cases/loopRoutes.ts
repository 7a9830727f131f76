import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { AppContext } from '../http/context.ts';
import { actingOf } from './actingOf.ts';
import { checkbackPage, verifyCheckback } from './checkback.ts';
import { recordCheckbackAnswer } from './checkbackAnswer.ts';

function sendPage(reply: FastifyReply, code: number, body: string, nonce: string) {
  return reply
    .code(code)
    .header('cache-control', 'no-store')
    .header(
      'content-security-policy',
      `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    )
    .type('text/html; charset=utf-8')
    .send(body);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The customer's check-back pages, reached from the email without signing in: GET shows the
 * question, POST records the answer. The signature in the link is the only credential.
 */
export const loopRoutes: FastifyPluginAsync<AppContext> = async (app, context) => {
  const { db } = context.database;
  const acting = actingOf(context);

  async function verified(orgId: string, caseId: string, sig: unknown) {
    if (!UUID.test(orgId) || !UUID.test(caseId) || typeof sig !== 'string') return null;
    const row = await db
      .selectFrom('cases')
      .innerJoin('organisations', 'organisations.org_id', 'cases.org_id')
      .leftJoin('contacts', (join) =>
        join
          .onRef('contacts.org_id', '=', 'cases.org_id')
          .onRef('contacts.contact_id', '=', 'cases.contact_id'),
      )
      .select(['organisations.signing_key', 'contacts.language'])
      .where('cases.org_id', '=', orgId)
      .where('cases.case_id', '=', caseId)
      .executeTakeFirst();
    if (!row || !verifyCheckback(row.signing_key, orgId, caseId, sig)) return null;
    return { language: row.language ?? 'en' };
  }

  app.get<{ Params: { orgId: string; caseId: string }; Querystring: { sig?: string } }>(
    '/loop/:orgId/:caseId',
    { config: { public: true }, schema: { hide: true } },
    async (request, reply) => {
      const nonce = randomBytes(16).toString('base64');
      const { orgId, caseId } = request.params;
      const found = await verified(orgId, caseId, request.query.sig);
      if (!found)
        return sendPage(
          reply,
          404,
          checkbackPage({ language: 'en', action: '', sig: '', nonce, invalid: true }),
          nonce,
        );
      return sendPage(
        reply,
        200,
        checkbackPage({
          language: found.language,
          action: `/loop/${orgId}/${caseId}`,
          sig: String(request.query.sig),
          nonce,
        }),
        nonce,
      );
    },
  );

  app.post<{ Params: { orgId: string; caseId: string }; Body: { sig?: string; answer?: string } }>(
    '/loop/:orgId/:caseId',
    { config: { public: true, skipCsrf: true }, schema: { hide: true } },
    async (request, reply) => {
      const nonce = randomBytes(16).toString('base64');
      const { orgId, caseId } = request.params;
      const found = await verified(orgId, caseId, request.body?.sig);
      const answer = request.body?.answer;
      if (!found || (answer !== 'yes' && answer !== 'no')) {
        return sendPage(
          reply,
          400,
          checkbackPage({ language: 'en', action: '', sig: '', nonce, invalid: true }),
          nonce,
        );
      }
      await recordCheckbackAnswer(context.database, acting, orgId, caseId, answer);
      return sendPage(
        reply,
        200,
        checkbackPage({ language: found.language, action: '', sig: '', nonce, answered: answer }),
        nonce,
      );
    },
  );
};
