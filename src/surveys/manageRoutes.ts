import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import { transaction } from '../db/database.ts';
import { requireActor } from '../http/authentication.ts';
import type { AppContext } from '../http/context.ts';
import { badRequest, conflict, notFound, Problem } from '../http/problem.ts';
import type { Actor } from '../policies/actor.ts';
import { contactsInScope } from '../policies/scope.ts';
import { ACTION_FIELD } from '../respondent/formFieldNames.ts';
import { renderSurveyPage } from '../respondent/renderSurveyPage.ts';
import { cleaningRulesSchema } from '../responses/quality/index.ts';
import {
  formatIssuePath,
  type LocalizedText,
  mapSurveyTexts,
  parseSurveyDefinition,
  type SurveyDefinition,
} from './definition/index.ts';
import {
  createSurveyBody,
  draftBody,
  issueList,
  linkBody,
  settingsBody,
  translationBody,
} from './manageSchema.ts';
import { surveySummary } from './routes.ts';
import { newPersonalToken, openLink } from './surveyLinks.ts';
import { forgetSurvey } from './versions.ts';

/** A translation still to do does not block saving a draft; it blocks publishing. */
const isMissingTranslation = (message: string) =>
  /^Missing "[a-z]{2}(-[A-Z]{2})?" translation$/.test(message);

const idParams = z.strictObject({ surveyId: z.string().uuid() });

function definitionProblems(input: unknown, prefix: string) {
  const parsed = parseSurveyDefinition(input);
  return parsed.ok
    ? { definition: parsed.definition, issues: [] }
    : {
        definition: null,
        issues: parsed.issues.map((i) => ({
          path: `${prefix}.${i.path}`.replace(/\.$/, ''),
          message: i.message,
        })),
      };
}

/** Survey design: create, edit the draft, translate, publish immutable versions, close, links. */
export const surveyManageRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.database;

  const loadSurvey = async (actor: Actor, surveyId: string) => {
    const survey = await db
      .selectFrom('surveys')
      .selectAll()
      .where('org_id', '=', actor.orgId)
      .where('survey_id', '=', surveyId)
      .executeTakeFirst();
    if (!survey) throw notFound('survey');
    return survey;
  };

  /** The draft as a definition; drafts are checked for shape when saved, so this guards old rows only. */
  const draftOf = (survey: { draft: unknown }): SurveyDefinition => {
    const draft = survey.draft as SurveyDefinition | null;
    if (!draft || !Array.isArray(draft.pages) || !Array.isArray(draft.languages)) {
      throw conflict('This survey has no draft to work on.', [
        { field: 'draft', message: 'Missing or malformed' },
      ]);
    }
    return draft;
  };

  app.post(
    '/surveys',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Create a survey with a draft definition',
        body: createSurveyBody,
        response: { 201: z.object({ surveyId: z.string(), slug: z.string() }) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'surveys:manage');
      const body = request.body;
      const { issues } = definitionProblems(body.definition, 'body.definition');
      if (issues.length) {
        throw new Problem(
          422,
          'Invalid survey definition',
          'The definition has problems.',
          issues.map((i) => ({ field: i.path, message: i.message })),
        );
      }
      let touchpointId: string | null = null;
      if (body.touchpointKey) {
        const touchpoint = await db
          .selectFrom('touchpoints')
          .select('touchpoint_id')
          .where('org_id', '=', actor.orgId)
          .where('key', '=', body.touchpointKey)
          .executeTakeFirst();
        if (!touchpoint)
          throw badRequest('Unknown touchpoint.', [
            { field: 'body.touchpointKey', message: 'Unknown touchpoint' },
          ]);
        touchpointId = touchpoint.touchpoint_id;
      }
      const slug =
        body.slug ??
        `${
          body.name
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-')
            .replace(/^-|-$/g, '')
            .slice(0, 40) || 'survey'
        }-${randomBytes(4).toString('hex')}`;
      const taken = await db
        .selectFrom('surveys')
        .select('survey_id')
        .where('slug', '=', slug)
        .executeTakeFirst();
      if (taken) throw conflict('That slug is taken.', [{ field: 'body.slug', message: 'Already in use' }]);
      const created = await transaction(context.database, async (trx) => {
        const row = await trx
          .insertInto('surveys')
          .values({
            org_id: actor.orgId,
            slug,
            name: body.name,
            kind: body.kind,
            touchpoint_id: touchpointId,
            status: 'draft',
            draft: JSON.stringify(body.definition),
            current_version: null,
          })
          .returning('survey_id')
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, 'survey.create', { type: 'survey', id: row.survey_id }, { slug });
        return row;
      });
      return reply.code(201).send({ surveyId: created.survey_id, slug });
    },
  );

  app.put(
    '/surveys/:surveyId/draft',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Replace the draft (a live survey keeps answering its published version until you publish)',
        params: idParams,
        body: draftBody,
        response: { 200: z.object({ issues: issueList }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'surveys:manage');
      await loadSurvey(actor, request.params.surveyId);
      const parsed = parseSurveyDefinition(request.body.definition);
      // A draft may be incomplete (say, a translation under way) but must have the format's shape.
      if (!parsed.ok && parsed.issues.some((i) => !isMissingTranslation(i.message))) {
        throw new Problem(
          422,
          'Invalid survey definition',
          'The draft has problems.',
          parsed.issues.map((i) => ({ field: `body.definition.${i.path}`, message: i.message })),
        );
      }
      await transaction(context.database, async (trx) => {
        await trx
          .updateTable('surveys')
          .set({ draft: JSON.stringify(request.body.definition) })
          .where('org_id', '=', actor.orgId)
          .where('survey_id', '=', request.params.surveyId)
          .execute();
        await recordAudit(trx, actor, 'survey.edit_draft', { type: 'survey', id: request.params.surveyId });
      });
      return { issues: parsed.ok ? [] : parsed.issues.map((i) => ({ path: i.path, message: i.message })) };
    },
  );

  app.get(
    '/surveys/:surveyId/draft',
    {
      schema: {
        tags: ['surveys'],
        summary: 'The draft being edited, with what still stops it from being published',
        params: idParams,
        response: {
          200: z.object({
            survey: surveySummary.omit({ responses: true }),
            definition: z.record(z.string(), z.unknown()),
            issues: issueList,
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'surveys:read');
      const survey = await loadSurvey(actor, request.params.surveyId);
      const draft = draftOf(survey);
      const parsed = parseSurveyDefinition(draft);
      return {
        survey: {
          surveyId: survey.survey_id,
          slug: survey.slug,
          name: survey.name,
          kind: survey.kind,
          status: survey.status,
          currentVersion: survey.current_version,
        },
        definition: draft as unknown as Record<string, unknown>,
        issues: parsed.ok ? [] : parsed.issues.map((i) => ({ path: i.path, message: i.message })),
      };
    },
  );

  app.get(
    '/surveys/:surveyId/translations/:language',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Every text of the draft with its default-language source and the translation so far',
        params: z.strictObject({ surveyId: z.string().uuid(), language: z.string().regex(/^[a-z]{2}$/) }),
        response: {
          200: z.object({
            texts: z.array(
              z.object({ path: z.string(), source: z.string(), translation: z.string().nullable() }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'surveys:read');
      const draft = draftOf(await loadSurvey(actor, request.params.surveyId));
      const texts: { path: string; source: string; translation: string | null }[] = [];
      mapSurveyTexts(draft, (text: LocalizedText, path) => {
        texts.push({
          path: formatIssuePath(path),
          source: text[draft.defaultLanguage] ?? '',
          translation: text[request.params.language] ?? null,
        });
        return text;
      });
      return { texts };
    },
  );

  app.put(
    '/surveys/:surveyId/translations/:language',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Set translated texts in the draft; adds the language to the survey',
        params: z.strictObject({ surveyId: z.string().uuid(), language: z.string().regex(/^[a-z]{2}$/) }),
        body: translationBody,
        response: { 200: z.object({ applied: z.number(), issues: issueList }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'surveys:manage');
      const survey = await loadSurvey(actor, request.params.surveyId);
      const { language } = request.params;
      const draft = draftOf(survey);
      const wanted = new Map(Object.entries(request.body.texts));
      let applied = 0;
      const updated = mapSurveyTexts(draft, (text, path) => {
        const translation = wanted.get(formatIssuePath(path));
        if (translation === undefined) return text;
        wanted.delete(formatIssuePath(path));
        applied++;
        return { ...text, [language]: translation };
      });
      if (wanted.size) {
        throw badRequest(
          'Some paths name no text of this survey.',
          [...wanted.keys()].map((path) => ({ field: `body.texts.${path}`, message: 'No such text' })),
        );
      }
      const languages = updated.languages.includes(language)
        ? updated.languages
        : [...updated.languages, language];
      const next = { ...updated, languages };
      const parsed = parseSurveyDefinition(next);
      await transaction(context.database, async (trx) => {
        await trx
          .updateTable('surveys')
          .set({ draft: JSON.stringify(next) })
          .where('org_id', '=', actor.orgId)
          .where('survey_id', '=', survey.survey_id)
          .execute();
        await recordAudit(
          trx,
          actor,
          'survey.translate',
          { type: 'survey', id: survey.survey_id },
          { language, applied },
        );
      });
      return {
        applied,
        issues: parsed.ok ? [] : parsed.issues.map((i) => ({ path: i.path, message: i.message })),
      };
    },
  );

  app.post(
    '/surveys/:surveyId/publish',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Publish the draft as a new immutable version and open the survey',
        params: idParams,
        response: { 200: z.object({ version: z.number() }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'surveys:manage');
      const survey = await loadSurvey(actor, request.params.surveyId);
      const parsed = parseSurveyDefinition(survey.draft);
      if (!parsed.ok) {
        throw new Problem(
          422,
          'Draft not ready',
          'Fix the draft before publishing.',
          parsed.issues.map((i) => ({ field: `draft.${i.path}`, message: i.message })),
        );
      }
      const version = await transaction(context.database, async (trx) => {
        // Lock the survey row: two publishes at once must not both take the same version number.
        const locked = await trx
          .selectFrom('surveys')
          .select('current_version')
          .where('org_id', '=', actor.orgId)
          .where('survey_id', '=', survey.survey_id)
          .forUpdate()
          .executeTakeFirstOrThrow();
        const next = (locked.current_version ?? 0) + 1;
        await trx
          .insertInto('survey_versions')
          .values({
            org_id: actor.orgId,
            survey_id: survey.survey_id,
            version: next,
            definition: JSON.stringify(parsed.definition),
          })
          .execute();
        await trx
          .updateTable('surveys')
          .set({ current_version: next, status: 'open' })
          .where('org_id', '=', actor.orgId)
          .where('survey_id', '=', survey.survey_id)
          .execute();
        await recordAudit(
          trx,
          actor,
          'survey.publish',
          { type: 'survey', id: survey.survey_id },
          { version: next },
        );
        return next;
      });
      forgetSurvey(actor.orgId, survey.survey_id);
      return { version };
    },
  );

  for (const [action, status] of [
    ['close', 'closed'],
    ['reopen', 'open'],
  ] as const) {
    app.post(
      `/surveys/:surveyId/${action}`,
      {
        schema: {
          tags: ['surveys'],
          summary: action === 'close' ? 'Stop accepting responses' : 'Accept responses again',
          params: idParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request, 'surveys:manage');
        const survey = await loadSurvey(actor, request.params.surveyId);
        if (survey.current_version === null) throw conflict('Publish the survey first.');
        await transaction(context.database, async (trx) => {
          await trx
            .updateTable('surveys')
            .set({ status })
            .where('org_id', '=', actor.orgId)
            .where('survey_id', '=', survey.survey_id)
            .execute();
          await recordAudit(trx, actor, `survey.${action}`, { type: 'survey', id: survey.survey_id });
        });
        forgetSurvey(actor.orgId, survey.survey_id);
        return reply.code(204).send(null);
      },
    );
  }

  app.get(
    '/surveys/:surveyId/versions',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Published versions, newest first',
        params: idParams,
        response: {
          200: z.object({ versions: z.array(z.object({ version: z.number(), publishedAt: z.string() })) }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'surveys:read');
      await loadSurvey(actor, request.params.surveyId);
      const rows = await db
        .selectFrom('survey_versions')
        .select(['version', 'published_at'])
        .where('org_id', '=', actor.orgId)
        .where('survey_id', '=', request.params.surveyId)
        .orderBy('version', 'desc')
        .execute();
      return {
        versions: rows.map((r) => ({
          version: r.version,
          publishedAt: new Date(r.published_at).toISOString(),
        })),
      };
    },
  );

  app.post(
    '/surveys/:surveyId/links',
    {
      schema: {
        tags: ['surveys'],
        summary:
          'A link to the survey: a personal single-use link for a contact, or an open link with signed hidden fields',
        params: idParams,
        body: linkBody,
        response: {
          201: z.object({
            url: z.string(),
            kind: z.enum(['personal', 'open']),
            expiresAt: z.string().nullable(),
          }),
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'surveys:manage');
      const survey = await loadSurvey(actor, request.params.surveyId);
      const body = request.body;
      const organisation = await db
        .selectFrom('organisations')
        .select('signing_key')
        .where('org_id', '=', actor.orgId)
        .executeTakeFirstOrThrow();
      if (!body.contactId) {
        const url = openLink(context.config.publicUrl, organisation.signing_key, survey.slug, body.hidden);
        return reply.code(201).send({ url, kind: 'open' as const, expiresAt: null });
      }
      // A contact outside the actor's scope is as unknown as one that does not exist.
      const contact = await contactsInScope(db.selectFrom('contacts'), actor, 'contacts')
        .select(['contact_id', 'account_id', 'language', 'opted_out_at'])
        .where('contact_id', '=', body.contactId)
        .executeTakeFirst();
      if (!contact)
        throw badRequest('Unknown contact.', [{ field: 'body.contactId', message: 'Unknown contact' }]);
      if (contact.opted_out_at !== null)
        throw new Problem(422, 'Contact opted out', 'This contact opted out of surveys.', [
          { field: 'body.contactId', message: 'The contact opted out' },
        ]);
      const { token, tokenHash } = newPersonalToken(actor.orgId);
      const expiresAt = new Date(Date.now() + body.expiresInDays * 86_400_000);
      await transaction(context.database, async (trx) => {
        await trx
          .insertInto('survey_tokens')
          .values({
            org_id: actor.orgId,
            token_hash: tokenHash,
            survey_id: survey.survey_id,
            contact_id: contact.contact_id,
            account_id: contact.account_id,
            touchpoint_id: survey.touchpoint_id,
            hidden: JSON.stringify(body.hidden),
            language: body.language ?? contact.language,
            expires_at: expiresAt,
          })
          .execute();
        await recordAudit(
          trx,
          actor,
          'survey.link',
          { type: 'survey', id: survey.survey_id },
          { contactId: contact.contact_id },
        );
      });
      const url = new URL(`/s/${token}`, context.config.publicUrl).toString();
      return reply.code(201).send({ url, kind: 'personal' as const, expiresAt: expiresAt.toISOString() });
    },
  );

  app.put(
    '/surveys/:surveyId/settings',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Set the survey’s cleaning rules and the origins its feedback widget may post from',
        params: idParams,
        body: settingsBody,
        response: { 200: z.object({ settings: z.record(z.string(), z.unknown()) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'surveys:manage');
      const survey = await loadSurvey(actor, request.params.surveyId);
      const settings = { ...(survey.settings as Record<string, unknown>) };
      if (request.body.cleaningRules !== undefined) {
        const parsed = cleaningRulesSchema.safeParse(request.body.cleaningRules);
        if (!parsed.success) {
          throw badRequest(
            'The cleaning rules are not valid.',
            parsed.error.issues.map((i) => ({
              field: ['body', 'cleaningRules', ...i.path].join('.'),
              message: i.message,
            })),
          );
        }
        settings.cleaningRules = request.body.cleaningRules;
      }
      if (request.body.widgetOrigins !== undefined) {
        settings.widgetOrigins = request.body.widgetOrigins.map((origin) => new URL(origin).origin);
      }
      await transaction(context.database, async (trx) => {
        await trx
          .updateTable('surveys')
          .set({ settings: JSON.stringify(settings) })
          .where('org_id', '=', actor.orgId)
          .where('survey_id', '=', survey.survey_id)
          .execute();
        await recordAudit(trx, actor, 'survey.settings', { type: 'survey', id: survey.survey_id }, settings);
      });
      forgetSurvey(actor.orgId, survey.survey_id);
      return { settings };
    },
  );

  app.get(
    '/surveys/:surveyId/preview',
    {
      schema: {
        tags: ['surveys'],
        summary: 'The draft as a respondent would see it (HTML), page by page and in each language',
        params: idParams,
        querystring: z.strictObject({
          lang: z
            .string()
            .regex(/^[a-z]{2}$/)
            .optional()
            .describe('Language to preview'),
          page: z.coerce.number().int().min(0).max(200).default(0).describe('Page index, from 0'),
        }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'surveys:read');
      const draft = draftOf(await loadSurvey(actor, request.params.surveyId));
      const page = Math.min(request.query.page, draft.pages.length - 1);
      const language = request.query.lang ?? draft.defaultLanguage;
      const self = `/api/v1/surveys/${request.params.surveyId}/preview`;
      const nonce = randomBytes(16).toString('base64');
      const body = renderSurveyPage({
        nonce,
        definition: draft,
        pageIndex: page,
        language,
        answers: {},
        hidden: {},
        piping: { contact: { firstName: 'Alex', lastName: 'Preview' }, account: { name: 'Preview account' } },
        errors: [],
        // The preview's form goes nowhere: it shows the page, it stores nothing.
        formAction: `${self}?page=${page}&lang=${language}`,
        formFields: {},
        languages: draft.languages.map((code) => ({ code, href: `${self}?page=${page}&lang=${code}` })),
        progress: { page: page + 1, pages: draft.pages.length },
        seed: 1,
        isLastPage: page === draft.pages.length - 1,
        canGoBack: page > 0,
      });
      // The builder shows the preview in a frame of the app (same origin); nothing else may frame it,
      // and only the page's own inline style and script run.
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('x-frame-options', 'SAMEORIGIN')
        .header(
          'content-security-policy',
          `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src 'self' data:; form-action 'self'; frame-ancestors 'self'; base-uri 'none'`,
        )
        .send(body);
    },
  );

  app.post(
    '/surveys/:surveyId/preview',
    {
      // The preview's own Next and Back buttons: nothing is read or stored, the answer is a redirect
      // to another page of the preview, so a form post without the CSRF token can do no harm.
      config: { skipCsrf: true },
      schema: {
        tags: ['surveys'],
        summary: 'Moves the preview to the next or previous page (the form of the previewed page posts here)',
        params: idParams,
        querystring: z.object({
          lang: z
            .string()
            .regex(/^[a-z]{2}$/)
            .optional(),
          page: z.coerce.number().int().min(0).max(200).default(0),
        }),
        body: z.record(z.string(), z.unknown()).optional(),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'surveys:read');
      const draft = draftOf(await loadSurvey(actor, request.params.surveyId));
      const action = request.body?.[ACTION_FIELD];
      const step = action === 'next' ? 1 : action === 'back' ? -1 : 0;
      const page = Math.max(0, Math.min(request.query.page + step, draft.pages.length - 1));
      const language = request.query.lang ?? draft.defaultLanguage;
      return reply.redirect(
        `/api/v1/surveys/${request.params.surveyId}/preview?page=${page}&lang=${language}`,
        303,
      );
    },
  );
};
