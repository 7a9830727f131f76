import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../http/authentication.ts';
import type { AppContext } from '../http/context.ts';
import { type FieldError, notFound, Problem } from '../http/problem.ts';
import { unitInScope } from '../policies/scope.ts';
import { currentSurvey } from '../surveys/versions.ts';
import { assessQuality } from './assessQuality.ts';
import { ingestResponse } from './ingest.ts';
import { postResponseBody, postResponseHeaders, postResponseReply } from './ingestSchema.ts';

/** Integrations post complete responses here; retries with the same Idempotency-Key never duplicate. */
export const ingestRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.database;

  app.post(
    '/surveys/:surveyId/responses',
    {
      schema: {
        tags: ['responses'],
        summary: 'Store a complete response (validated against the survey’s current version)',
        params: z.strictObject({ surveyId: z.string().uuid() }),
        headers: postResponseHeaders,
        body: postResponseBody,
        response: { 201: postResponseReply, 200: postResponseReply },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'responses:write');
      const body = request.body;
      const survey = await currentSurvey(db, { orgId: actor.orgId, surveyId: request.params.surveyId });
      if (!survey) throw notFound('published survey');
      const errors: FieldError[] = [];

      let contact: { contact_id: string; account_id: string } | undefined;
      if (body.contactId || body.contactEmail) {
        let query = db
          .selectFrom('contacts')
          .select(['contact_id', 'account_id'])
          .where('org_id', '=', actor.orgId);
        query = body.contactId
          ? query.where('contact_id', '=', body.contactId)
          : query.where((eb) => eb(eb.fn('lower', ['email']), '=', body.contactEmail!.toLowerCase()));
        contact = await query.executeTakeFirst();
        if (!contact)
          errors.push({
            field: body.contactId ? 'body.contactId' : 'body.contactEmail',
            message: 'Unknown contact',
          });
      }
      let accountId = contact?.account_id ?? null;
      if (body.accountId || body.accountExternalId) {
        let query = db.selectFrom('accounts').select('account_id').where('org_id', '=', actor.orgId);
        query = body.accountId
          ? query.where('account_id', '=', body.accountId)
          : query.where('external_id', '=', body.accountExternalId!);
        const account = await query.executeTakeFirst();
        const field = body.accountId ? 'body.accountId' : 'body.accountExternalId';
        if (!account) errors.push({ field, message: 'Unknown account' });
        else if (contact && contact.account_id !== account.account_id) {
          errors.push({ field, message: 'The contact belongs to another account' });
        } else accountId = account.account_id;
      }
      let touchpointId: string | null = null;
      if (body.touchpointKey) {
        const touchpoint = await db
          .selectFrom('touchpoints')
          .select('touchpoint_id')
          .where('org_id', '=', actor.orgId)
          .where('key', '=', body.touchpointKey)
          .executeTakeFirst();
        if (!touchpoint) errors.push({ field: 'body.touchpointKey', message: 'Unknown touchpoint' });
        else touchpointId = touchpoint.touchpoint_id;
      }
      if (actor.unitPath !== null) {
        const unit = accountId
          ? await db
              .selectFrom('accounts')
              .innerJoin('org_units', (j) =>
                j
                  .onRef('org_units.org_id', '=', 'accounts.org_id')
                  .onRef('org_units.unit_id', '=', 'accounts.unit_id'),
              )
              .select('org_units.path')
              .where('accounts.org_id', '=', actor.orgId)
              .where('accounts.account_id', '=', accountId)
              .executeTakeFirst()
          : undefined;
        if (!unitInScope(actor, unit?.path ?? null)) {
          errors.push({ field: 'body.accountId', message: 'Outside the unit this token may write for' });
        }
      }
      if (errors.length) throw new Problem(422, 'Invalid response', 'Some references are unknown.', errors);

      const quality = await assessQuality(
        context.database,
        survey,
        {
          answers: body.answers,
          contactId: contact?.contact_id ?? null,
          startedAt: body.startedAt ? new Date(body.startedAt) : null,
          language: body.language,
          ipAddress: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        },
        { duplicatesInStatement: true },
      );
      const result = await ingestResponse(context.database, {
        survey,
        answers: body.answers,
        hidden: body.hidden,
        contactId: contact?.contact_id ?? null,
        accountId,
        touchpointId,
        channel: body.channel,
        language: body.language,
        startedAt: body.startedAt ? new Date(body.startedAt) : null,
        idempotencyKey: request.headers['idempotency-key'] ?? null,
        tokenHash: null,
        resumeHash: null,
        qualityFlags: quality.flags,
        excluded: quality.excluded,
        fingerprint: quality.fingerprint,
        duplicateCheck: quality.duplicateCheck,
      });
      return reply.code(result.created ? 201 : 200).send(result);
    },
  );
};
