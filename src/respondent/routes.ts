import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../http/context.ts';
import { Problem } from '../http/problem.ts';
import { sha256 } from '../identity/secrets.ts';
import { assessQuality } from '../responses/assessQuality.ts';
import { ingestResponse } from '../responses/ingest.ts';
import { findPartial, savePartial } from '../responses/partials.ts';
import { localize } from '../surveys/definition/index.ts';
import { readPersonalToken, verifyHidden } from '../surveys/surveyLinks.ts';
import { currentSurvey, type PublishedSurvey } from '../surveys/versions.ts';
import { ACTION_FIELD, HONEYPOT_FIELD, SAVE_PARTIAL_HEADER } from './formFieldNames.ts';
import { pageIssues } from './pageIssues.ts';
import { pageNavigation, pagePath } from './pageNavigation.ts';
import { parseFormAnswers } from './parseFormAnswers.ts';
import type { FormValues } from './parseQuestionForm.ts';
import { renderSurveyPage } from './renderSurveyPage.ts';
import { respondentLanguage } from './respondentLanguage.ts';
import { renderStatusPage } from './statusPages.ts';
import type { StatusKind } from './uiText.ts';

/** Everything a respondent's request is about, resolved from a personal token or an open link. */
interface Visit {
  survey: PublishedSurvey;
  basePath: string;
  resumeHash: string | null;
  /** Set when an open-link visitor needs a new resume cookie. */
  newResumeSecret: string | null;
  tokenHash: string | null;
  contactId: string | null;
  accountId: string | null;
  touchpointId: string | null;
  hidden: Record<string, string>;
  preferredLanguage: string | null;
  piping: { contact?: Record<string, string>; account?: Record<string, string> };
}

const RESUME_COOKIE = 'rapport_resume';
const RESERVED_QUERY = new Set(['lang', 'page', 'sig']);

type Outcome = { visit: Visit } | { status: StatusKind; code: number; language: string };

function acceptLanguage(request: FastifyRequest): string {
  return (
    String(request.headers['accept-language'] ?? 'en')
      .split(',')[0]
      .trim() || 'en'
  );
}

function statusPage(
  reply: FastifyReply,
  code: number,
  kind: StatusKind,
  language: string,
  title?: string,
  message?: string,
) {
  const nonce = newNonce();
  return sendHtml(
    reply,
    code,
    renderStatusPage(kind, language, title, { nonce, ...(message ? { message } : {}) }),
    nonce,
  );
}

/** A fresh nonce per page: only the page's own inline style and script may run. */
function newNonce(): string {
  return randomBytes(16).toString('base64');
}

function sendHtml(reply: FastifyReply, code: number, body: string, nonce: string) {
  return reply
    .code(code)
    .header('cache-control', 'no-store')
    .header(
      'content-security-policy',
      `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    )
    .type('text/html; charset=utf-8')
    .send(body);
}

/**
 * The respondent's pages: `/s/:token` for a personal single-use link and `/s/open/:slug` for an open
 * link (hidden fields from the query string, signed). Server-rendered, page by page, with plain form
 * posts; progress is saved per page and resumed from the same link.
 */
export const respondentRoutes: FastifyPluginAsync<AppContext> = async (app, context) => {
  const { db } = context.database;

  async function resolveToken(request: FastifyRequest<{ Params: { token: string } }>): Promise<Outcome> {
    const language = acceptLanguage(request);
    const parsed = readPersonalToken(request.params.token);
    if (!parsed) return { status: 'notFound', code: 404, language };
    const token = await db
      .selectFrom('survey_tokens')
      .leftJoin('contacts', (j) =>
        j
          .onRef('contacts.org_id', '=', 'survey_tokens.org_id')
          .onRef('contacts.contact_id', '=', 'survey_tokens.contact_id'),
      )
      .leftJoin('accounts', (j) =>
        j
          .onRef('accounts.org_id', '=', 'survey_tokens.org_id')
          .onRef('accounts.account_id', '=', 'survey_tokens.account_id'),
      )
      .select([
        'survey_tokens.survey_id',
        'survey_tokens.contact_id',
        'survey_tokens.account_id',
        'survey_tokens.touchpoint_id',
        'survey_tokens.hidden',
        'survey_tokens.language',
        'survey_tokens.expires_at',
        'survey_tokens.used_at',
        'contacts.first_name',
        'contacts.last_name',
        'accounts.name as account_name',
      ])
      .where('survey_tokens.org_id', '=', parsed.orgId)
      .where('survey_tokens.token_hash', '=', parsed.tokenHash)
      .executeTakeFirst();
    if (!token) return { status: 'notFound', code: 404, language };
    const preferred = token.language ?? language;
    if (token.used_at) return { status: 'alreadyAnswered', code: 410, language: preferred };
    if (token.expires_at && new Date(token.expires_at) < new Date())
      return { status: 'expired', code: 410, language: preferred };
    const survey = await currentSurvey(db, { orgId: parsed.orgId, surveyId: token.survey_id });
    if (!survey) return { status: 'notFound', code: 404, language: preferred };
    if (survey.status !== 'open') return { status: 'closed', code: 410, language: preferred };
    return {
      visit: {
        survey,
        basePath: `/s/${request.params.token}`,
        resumeHash: parsed.tokenHash,
        newResumeSecret: null,
        tokenHash: parsed.tokenHash,
        contactId: token.contact_id,
        accountId: token.account_id,
        touchpointId: token.touchpoint_id,
        hidden: token.hidden as Record<string, string>,
        preferredLanguage: token.language,
        piping: {
          contact: { firstName: token.first_name ?? '', lastName: token.last_name ?? '' },
          account: { name: token.account_name ?? '' },
        },
      },
    };
  }

  async function resolveOpen(
    request: FastifyRequest<{ Params: { slug: string }; Querystring: Record<string, string> }>,
  ): Promise<Outcome> {
    const language = String(request.query.lang ?? acceptLanguage(request));
    const survey = await currentSurvey(db, { slug: request.params.slug });
    if (!survey) return { status: 'notFound', code: 404, language };
    if (survey.status !== 'open') return { status: 'closed', code: 410, language };
    const hidden: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.query))
      if (!RESERVED_QUERY.has(name)) hidden[name] = String(value);
    if (Object.keys(hidden).length) {
      const organisation = await db
        .selectFrom('organisations')
        .select('signing_key')
        .where('org_id', '=', survey.orgId)
        .executeTakeFirstOrThrow();
      // Hidden fields name the account or touchpoint: without a valid signature they could be forged.
      if (
        !request.query.sig ||
        !verifyHidden(organisation.signing_key, survey.slug, hidden, String(request.query.sig))
      ) {
        return { status: 'notFound', code: 400, language };
      }
    }
    const cookie = request.cookies[`${RESUME_COOKIE}_${survey.surveyId.slice(0, 8)}`];
    const secret = cookie && /^[A-Za-z0-9_-]{32,64}$/.test(cookie) ? cookie : null;
    const query = new URLSearchParams(hidden);
    if (request.query.sig) query.set('sig', String(request.query.sig));
    const accountRef = hidden.account;
    const account = accountRef
      ? await db
          .selectFrom('accounts')
          .select(['account_id', 'name'])
          .where('org_id', '=', survey.orgId)
          .where((eb) =>
            eb.or([eb('external_id', '=', accountRef), eb(eb.cast('account_id', 'text'), '=', accountRef)]),
          )
          .executeTakeFirst()
      : undefined;
    const touchpointRef = hidden.touchpoint;
    const touchpoint = touchpointRef
      ? await db
          .selectFrom('touchpoints')
          .select('touchpoint_id')
          .where('org_id', '=', survey.orgId)
          .where('key', '=', touchpointRef)
          .executeTakeFirst()
      : undefined;
    return {
      visit: {
        survey,
        basePath: `/s/open/${encodeURIComponent(survey.slug)}${query.size ? `?${query}` : ''}`,
        resumeHash: secret ? sha256(secret) : null,
        newResumeSecret: secret ? null : randomBytes(32).toString('base64url'),
        tokenHash: null,
        contactId: null,
        accountId: account?.account_id ?? null,
        touchpointId: touchpoint?.touchpoint_id ?? null,
        hidden,
        preferredLanguage: null,
        piping: { account: { name: account?.name ?? '' } },
      },
    };
  }

  function withParams(basePath: string, params: Record<string, string>): string {
    const [path, query = ''] = basePath.split('?');
    const search = new URLSearchParams(query);
    for (const [key, value] of Object.entries(params)) search.set(key, value);
    return `${path}?${search}`;
  }

  function languageOf(
    visit: Visit,
    request: FastifyRequest<{ Querystring: Record<string, string> }>,
  ): string {
    const requested = request.query.lang ?? visit.preferredLanguage ?? acceptLanguage(request);
    return respondentLanguage(visit.survey.definition, String(requested));
  }

  function showPage(
    reply: FastifyReply,
    visit: Visit,
    language: string,
    pageIndex: number,
    answers: Record<string, unknown>,
    errors: { questionId: string; message: string }[],
    code = 200,
  ) {
    const { definition } = visit.survey;
    const navigation = pageNavigation(definition, pageIndex, answers, visit.hidden);
    const nonce = newNonce();
    const body = renderSurveyPage({
      definition,
      pageIndex,
      language,
      answers,
      hidden: visit.hidden,
      piping: { ...visit.piping, hidden: visit.hidden },
      errors,
      formAction: withParams(visit.basePath, { page: String(pageIndex), lang: language }),
      formFields: {},
      languages: definition.languages.map((code) => ({
        code,
        href: withParams(visit.basePath, { page: String(pageIndex), lang: code }),
      })),
      progress: { page: navigation.page, pages: navigation.pages },
      seed: Number.parseInt(sha256(visit.resumeHash ?? visit.basePath).slice(0, 8), 16),
      isLastPage: navigation.next === null,
      canGoBack: navigation.previous !== null,
      nonce,
    });
    return sendHtml(reply, code, body, nonce);
  }

  async function get(
    request: FastifyRequest<{ Querystring: Record<string, string> }>,
    reply: FastifyReply,
    outcome: Outcome,
  ) {
    if ('status' in outcome) return statusPage(reply, outcome.code, outcome.status, outcome.language);
    const { visit } = outcome;
    const language = languageOf(visit, request);
    const partial = visit.resumeHash
      ? await findPartial(context.database, visit.survey.orgId, visit.resumeHash)
      : null;
    const answers = partial?.answers ?? {};
    const path = pagePath(visit.survey.definition, answers, visit.hidden);
    const requested = Number(request.query.page);
    // Resuming without a page: the first page on the path with nothing answered yet.
    const firstOpen = path.find((index) =>
      visit.survey.definition.pages[index].blocks.every((block) =>
        block.questions.every((q) => !(q.id in answers)),
      ),
    );
    const pageIndex =
      Number.isInteger(requested) && path.includes(requested) ? requested : (firstOpen ?? path[0] ?? 0);
    return showPage(reply, visit, language, pageIndex, answers, []);
  }

  async function post(
    request: FastifyRequest<{ Querystring: Record<string, string>; Body: FormValues }>,
    reply: FastifyReply,
    outcome: Outcome,
  ) {
    if ('status' in outcome) return statusPage(reply, outcome.code, outcome.status, outcome.language);
    const { visit } = outcome;
    const { survey } = visit;
    const language = languageOf(visit, request);
    const form = (request.body ?? {}) as FormValues;
    let resumeHash = visit.resumeHash;
    if (visit.newResumeSecret) {
      resumeHash = sha256(visit.newResumeSecret);
      reply.setCookie(`${RESUME_COOKIE}_${survey.surveyId.slice(0, 8)}`, visit.newResumeSecret, {
        path: '/s/',
        httpOnly: true,
        sameSite: 'lax',
        secure: context.config.secureCookies,
        maxAge: 30 * 86_400,
      });
    }
    const partial = resumeHash ? await findPartial(context.database, survey.orgId, resumeHash) : null;
    const before = partial?.answers ?? {};
    const path = pagePath(survey.definition, before, visit.hidden);
    const requested = Number(request.query.page);
    const pageIndex =
      Number.isInteger(requested) && requested >= 0 && requested < survey.definition.pages.length
        ? requested
        : (path[0] ?? 0);
    const parsed = parseFormAnswers(survey.definition, pageIndex, form, visit.hidden, before, language);
    const action = String(form[ACTION_FIELD] ?? 'next');
    const save = () =>
      savePartial(context.database, survey, {
        resumeHash: resumeHash!,
        answers: parsed.answers as Record<string, unknown>,
        hidden: visit.hidden,
        contactId: visit.contactId,
        accountId: visit.accountId,
        touchpointId: visit.touchpointId,
        language,
        channel: visit.tokenHash ? 'email' : 'web',
      });
    const navigation = pageNavigation(survey.definition, pageIndex, parsed.answers, visit.hidden);
    if (request.headers[SAVE_PARTIAL_HEADER]) {
      await save();
      return reply.code(204).send();
    }
    if (action === 'back') {
      await save();
      return reply.redirect(
        withParams(visit.basePath, { page: String(navigation.previous ?? pageIndex), lang: language }),
        303,
      );
    }
    const issues = [
      ...parsed.issues,
      ...pageIssues(survey.definition, pageIndex, parsed.answers, visit.hidden, language),
    ];
    if (issues.length)
      return showPage(
        reply,
        visit,
        language,
        pageIndex,
        parsed.answers as Record<string, unknown>,
        issues,
        422,
      );
    if (navigation.next !== null) {
      await save();
      return reply.redirect(
        withParams(visit.basePath, { page: String(navigation.next), lang: language }),
        303,
      );
    }
    const quality = await assessQuality(context.database, survey, {
      answers: parsed.answers as Record<string, unknown>,
      contactId: visit.contactId,
      startedAt: partial?.startedAt ?? null,
      honeypot: typeof form[HONEYPOT_FIELD] === 'string' ? (form[HONEYPOT_FIELD] as string) : null,
      ipAddress: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
      language,
    });
    try {
      await ingestResponse(context.database, {
        survey,
        answers: parsed.answers as Record<string, unknown>,
        hidden: visit.hidden,
        contactId: visit.contactId,
        accountId: visit.accountId,
        touchpointId: visit.touchpointId,
        channel: visit.tokenHash ? 'email' : 'web',
        language,
        startedAt: partial?.startedAt ?? null,
        idempotencyKey: resumeHash ? `page:${resumeHash}` : null,
        tokenHash: visit.tokenHash,
        resumeHash,
        qualityFlags: quality.flags,
        excluded: quality.excluded,
        fingerprint: quality.fingerprint,
      });
    } catch (error) {
      if (error instanceof Problem && error.status === 409)
        return statusPage(reply, 410, 'alreadyAnswered', language);
      if (error instanceof Problem && error.status === 422) {
        const errors = error.errors.map((e) => ({
          questionId: e.field.replace(/^body\.answers\./, '').split('.')[0],
          message: e.message,
        }));
        return showPage(
          reply,
          visit,
          language,
          pageIndex,
          parsed.answers as Record<string, unknown>,
          errors,
          422,
        );
      }
      throw error;
    }
    if (visit.newResumeSecret === null && !visit.tokenHash)
      reply.clearCookie(`${RESUME_COOKIE}_${survey.surveyId.slice(0, 8)}`, { path: '/s/' });
    const thanks = survey.definition.thankYou
      ? localize(survey.definition.thankYou, language, survey.definition.defaultLanguage)
      : undefined;
    return statusPage(
      reply,
      200,
      'thankYou',
      language,
      localize(survey.definition.title, language, survey.definition.defaultLanguage),
      thanks,
    );
  }

  // Respondents are not signed in: the token or the open link is their credential, so no CSRF token.
  const options = { schema: { hide: true }, config: { skipCsrf: true } };
  app.get<{ Params: { slug: string }; Querystring: Record<string, string> }>(
    '/s/open/:slug',
    options,
    async (request, reply) => get(request, reply, await resolveOpen(request)),
  );
  app.post<{ Params: { slug: string }; Querystring: Record<string, string>; Body: FormValues }>(
    '/s/open/:slug',
    options,
    async (request, reply) => post(request, reply, await resolveOpen(request)),
  );
  app.get<{ Params: { token: string }; Querystring: Record<string, string> }>(
    '/s/:token',
    options,
    async (request, reply) => get(request, reply, await resolveToken(request)),
  );
  app.post<{ Params: { token: string }; Querystring: Record<string, string>; Body: FormValues }>(
    '/s/:token',
    options,
    async (request, reply) => post(request, reply, await resolveToken(request)),
  );
};
