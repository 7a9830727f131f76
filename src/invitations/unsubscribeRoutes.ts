import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { transaction } from '../db/database.ts';
import type { AppContext } from '../http/context.ts';
import { respondentDocument } from '../respondent/respondentDocument.ts';
import { html } from '../web/html.ts';
import { optOut } from './suppression.ts';
import { readUnsubscribeToken } from './unsubscribeToken.ts';

const TEXT = {
  en: {
    askTitle: 'Unsubscribe from surveys',
    ask: 'Stop receiving survey invitations at this address?',
    button: 'Unsubscribe',
    doneTitle: 'You are unsubscribed',
    done: 'We will not send you survey invitations any more.',
    badTitle: 'This link does not work',
    bad: 'The unsubscribe link is not valid.',
  },
  it: {
    askTitle: 'Annulla l’iscrizione ai questionari',
    ask: 'Non ricevere più inviti ai questionari a questo indirizzo?',
    button: 'Annulla l’iscrizione',
    doneTitle: 'Iscrizione annullata',
    done: 'Non le invieremo più inviti ai questionari.',
    badTitle: 'Questo link non funziona',
    bad: 'Il link per annullare l’iscrizione non è valido.',
  },
};

function page(
  reply: FastifyReply,
  code: number,
  language: string,
  title: string,
  main: ReturnType<typeof html>,
) {
  const nonce = randomBytes(16).toString('base64');
  return reply
    .code(code)
    .header('cache-control', 'no-store')
    .header(
      'content-security-policy',
      `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    )
    .type('text/html; charset=utf-8')
    .send(respondentDocument({ language, title, main, nonce }));
}

/**
 * The unsubscribe link of every invitation, public (the signed token is the credential). GET shows
 * a one-button confirmation, so a mail scanner that prefetches links unsubscribes nobody; POST opts
 * out, both from that button and from a mail client's RFC 8058 one-click request
 * (`List-Unsubscribe=One-Click` in the body).
 */
export const unsubscribeRoutes: FastifyPluginAsync<AppContext> = async (app, context) => {
  const resolve = async (token: string) => {
    const read = readUnsubscribeToken(token);
    if (!read) return null;
    const row = await context.database.db
      .selectFrom('invitations as i')
      .innerJoin('organisations as o', 'o.org_id', 'i.org_id')
      .select(['i.org_id', 'i.contact_id', 'i.email', 'i.language', 'o.signing_key'])
      .where('i.org_id', '=', read.orgId)
      .where('i.invitation_id', '=', read.invitationId)
      .executeTakeFirst();
    if (!row || !read.verify(row.signing_key)) return null;
    return row;
  };
  // Some mail clients send the one-click request as multipart; its content does not matter here.
  app.addContentTypeParser('multipart/form-data', (_request, payload, done) => {
    payload.resume();
    payload.on('end', () => done(null, {}));
    payload.on('error', (error) => done(error, undefined));
  });
  const textOf = (language: string) => TEXT[language as 'en' | 'it'] ?? TEXT.en;
  const options = { schema: { hide: true }, config: { skipCsrf: true } };

  app.get<{ Params: { token: string } }>('/u/:token', options, async (request, reply) => {
    const row = await resolve(request.params.token);
    if (!row)
      return page(
        reply,
        404,
        'en',
        TEXT.en.badTitle,
        html`<h1>${TEXT.en.badTitle}</h1><p>${TEXT.en.bad}</p>`,
      );
    const text = textOf(row.language);
    return page(
      reply,
      200,
      row.language,
      text.askTitle,
      html`<h1>${text.askTitle}</h1><p>${text.ask}</p><form method="post"><button type="submit" name="List-Unsubscribe" value="One-Click">${text.button}</button></form>`,
    );
  });

  app.post<{ Params: { token: string } }>('/u/:token', options, async (request, reply) => {
    const row = await resolve(request.params.token);
    if (!row)
      return page(
        reply,
        404,
        'en',
        TEXT.en.badTitle,
        html`<h1>${TEXT.en.badTitle}</h1><p>${TEXT.en.bad}</p>`,
      );
    await transaction(context.database, (trx) =>
      optOut(trx, row.org_id, row.contact_id, row.email, new Date()),
    );
    const text = textOf(row.language);
    return page(
      reply,
      200,
      row.language,
      text.doneTitle,
      html`<h1>${text.doneTitle}</h1><p>${text.done}</p>`,
    );
  });
};
