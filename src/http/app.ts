import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import secureJson from 'secure-json-parse';
import { accountHealthRoutes } from '../accountHealth/routes.ts';
import { accountProfileRoutes } from '../accountProfile/routes.ts';
import { alertRuleRoutes } from '../alerts/routes.ts';
import { analyticsRoutes } from '../analytics/routes.ts';
import { auditRoutes } from '../audit/routes.ts';
import { inboxRoutes } from '../cases/inboxRoutes.ts';
import { loopRoutes } from '../cases/loopRoutes.ts';
import { caseOpenRoutes } from '../cases/openRoutes.ts';
import { caseRoutes } from '../cases/routes.ts';
import { commentRoutes } from '../comments/routes.ts';
import { contactSearchRoutes } from '../customers/contactSearchRoutes.ts';
import { customerRoutes } from '../customers/routes.ts';
import { eventRoutes } from '../events/routes.ts';
import { feedbackRoutes } from '../feedback/routes.ts';
import { healthRoutes } from '../health/routes.ts';
import { hierarchyRoutes } from '../hierarchy/routes.ts';
import { identityRoutes } from '../identity/routes.ts';
import { importRoutes } from '../imports/routes.ts';
import { improvementRoutes } from '../improvements/routes.ts';
import { invitationRoutes } from '../invitations/routes.ts';
import { invitationSummaryRoutes } from '../invitations/summaryRoutes.ts';
import { unsubscribeRoutes } from '../invitations/unsubscribeRoutes.ts';
import { journeyRoutes } from '../journeys/routes.ts';
import { createMailer, type Mailer } from '../mail/mailer.ts';
import { organisationRoutes } from '../organisations/routes.ts';
import { reportRoutes } from '../reports/routes.ts';
import { respondentRoutes } from '../respondent/routes.ts';
import { responseFileRoutes } from '../responseFiles/routes.ts';
import { ingestRoutes } from '../responses/ingestRoutes.ts';
import { responseRoutes } from '../responses/routes.ts';
import { surveyLibraryRoutes } from '../surveys/libraryRoutes.ts';
import { surveyManageRoutes } from '../surveys/manageRoutes.ts';
import { surveyRoutes } from '../surveys/routes.ts';
import { textRoutes } from '../text/routes.ts';
import { webRoutes } from '../web/routes.ts';
import { webAppRoutes } from '../webApp/routes.ts';
import { webhookRoutes } from '../webhooks/routes.ts';
import { widgetRoutes } from '../widget/routes.ts';
import { authentication } from './authentication.ts';
import type { AppContext } from './context.ts';
import { badRequest, Problem, sendProblem, toProblem } from './problem.ts';

/**
 * Builds the whole HTTP application; the server and the tests both use it. It only assembles: each
 * capability registers itself as a plugin with its routes and schemas.
 */
export async function buildApp(
  given: Omit<AppContext, 'mailer'> & { mailer?: Mailer },
): Promise<FastifyInstance> {
  // Without a mailer of its own, the app sends through the configured relay.
  const context: AppContext = {
    ...given,
    mailer:
      given.mailer ??
      createMailer({
        url: given.config.smtpUrl,
        from: given.config.mailFrom,
        ratePerSecond: given.config.mailRatePerSecond,
      }),
  };
  // pino's Logger and Fastify's base logger differ only in optional fields; Fastify accepts it at run time.
  const app = Fastify({
    loggerInstance: context.logger,
    bodyLimit: context.config.bodyLimitBytes,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: 'x-request-id',
    logController: new LogController({
      disableRequestLogging: context.config.logLevel !== 'debug' && context.config.logLevel !== 'trace',
    }),
    trustProxy: true,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, request, reply) => {
    const pgCode = (error as { code?: string }).code;
    const problem =
      pgCode === '23505' ? new Problem(409, 'Conflict', 'That already exists.') : toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(request, reply, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      request,
      reply,
      new Problem(404, 'Not found', `No route ${request.method} ${request.url.split('?')[0]}`),
    ),
  );
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    // A page that may be framed says so itself (the survey preview, inside the app); others may not be.
    if (
      String(reply.getHeader('content-type') ?? '').startsWith('text/html') &&
      !reply.hasHeader('x-frame-options')
    ) {
      reply.header('x-frame-options', 'DENY');
    }
    return payload;
  });

  // JSON bodies must be valid UTF-8: a broken encoding is refused rather than silently repaired.
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body: Buffer, done) => {
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      done(
        badRequest('The body is not valid UTF-8.', [
          { field: 'body', message: 'Invalid UTF-8 byte sequence' },
        ]),
        undefined,
      );
      return;
    }
    if (text.trim() === '') {
      done(badRequest('The body is empty.', [{ field: 'body', message: 'Empty JSON body' }]), undefined);
      return;
    }
    try {
      done(null, secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
    } catch (error) {
      done(
        badRequest('The body is not valid JSON.', [{ field: 'body', message: (error as Error).message }]),
        undefined,
      );
    }
  });
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Rapport API',
        version: '1.0.0',
        description:
          'Experience management on the Forces of CX. Authenticate with a session cookie (and the x-csrf-token header on writes) or with `Authorization: Bearer rpt_...`. Every error is application/problem+json (RFC 9457) with an `errors` list naming each failing field.',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'rapport_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  await app.register(authentication, context);

  await app.register(healthRoutes, context);
  await app.register(webRoutes, context);
  await app.register(webAppRoutes, context);
  await app.register(respondentRoutes, context);
  await app.register(widgetRoutes, context);
  await app.register(unsubscribeRoutes, context);
  await app.register(loopRoutes, context);
  await app.register(
    async (api) => {
      api.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
        app.swagger(),
      );
      await api.register(identityRoutes, context);
      await api.register(organisationRoutes, context);
      await api.register(hierarchyRoutes, context);
      await api.register(customerRoutes, context);
      await api.register(contactSearchRoutes, context);
      await api.register(importRoutes, context);
      await api.register(journeyRoutes, context);
      await api.register(surveyRoutes, context);
      await api.register(surveyManageRoutes, context);
      await api.register(surveyLibraryRoutes, context);
      await api.register(invitationSummaryRoutes, context);
      await api.register(ingestRoutes, context);
      await api.register(responseRoutes, context);
      await api.register(auditRoutes, context);
      await api.register(analyticsRoutes, context);
      await api.register(webhookRoutes, context);
      await api.register(eventRoutes, context);
      await api.register(invitationRoutes, context);
      await api.register(responseFileRoutes, context);
      await api.register(alertRuleRoutes, context);
      await api.register(caseRoutes, context);
      await api.register(caseOpenRoutes, context);
      await api.register(inboxRoutes, context);
      await api.register(improvementRoutes, context);
      await api.register(textRoutes, context);
      await api.register(feedbackRoutes, context);
      await api.register(commentRoutes, context);
      await api.register(reportRoutes, context);
      await api.register(accountHealthRoutes, context);
      await api.register(accountProfileRoutes, context);
    },
    { prefix: '/api/v1' },
  );
  return app as unknown as FastifyInstance;
}
