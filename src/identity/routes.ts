import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import { transaction } from '../db/database.ts';
import { forgetToken, requireActor } from '../http/authentication.ts';
import type { AppContext } from '../http/context.ts';
import { badRequest, conflict, forbidden, notFound, unauthorized } from '../http/problem.ts';
import { may, mayGrantRole } from '../policies/abilities.ts';
import { issueApiToken } from './apiTokens.ts';
import { changeMembership } from './memberships.ts';
import {
  changeUserBody,
  createTokenBody,
  createUserBody,
  meResponse,
  roleSchema,
  signInBody,
  tokenSummary,
} from './schema.ts';
import { createSession, deleteSession, parseSessionCookie, SESSION_COOKIE } from './sessions.ts';
import { authenticate } from './signIn.ts';
import { createUser } from './users.ts';

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);

export const identityRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.database;

  app.post(
    '/auth/sign-in',
    {
      config: { skipCsrf: true, public: true },
      schema: {
        tags: ['identity'],
        summary: 'Sign in with email and password; sets the session cookie',
        body: signInBody,
        response: { 200: meResponse },
      },
    },
    async (request, reply) => {
      const found = await authenticate(db, request.body);
      if (!found) throw unauthorized('The email or password is wrong.');
      const session = await createSession(db, found.orgId, found.userId);
      await recordAudit(
        db,
        { orgId: found.orgId, userId: found.userId, tokenId: null },
        'auth.sign_in',
        null,
      );
      reply.setCookie(SESSION_COOKIE, session.cookie, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: context.config.secureCookies,
        expires: session.expiresAt,
      });
      const membership = await db
        .selectFrom('memberships')
        .select(['role', 'unit_id'])
        .where('org_id', '=', found.orgId)
        .where('user_id', '=', found.userId)
        .executeTakeFirstOrThrow();
      return {
        orgId: found.orgId,
        userId: found.userId,
        tokenId: null,
        role: membership.role,
        unitId: membership.unit_id,
        csrfToken: session.csrfToken,
      };
    },
  );

  app.post(
    '/auth/sign-out',
    {
      config: { public: true },
      schema: { tags: ['identity'], summary: 'End the current session', response: { 204: z.null() } },
    },
    async (request, reply) => {
      const parsed = parseSessionCookie(request.cookies[SESSION_COOKIE]);
      if (parsed) await deleteSession(db, parsed.orgId, parsed.secret);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      schema: {
        tags: ['identity'],
        summary: 'Who the request is authenticated as',
        response: { 200: meResponse },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'organisation:read');
      const user = actor.userId
        ? await db
            .selectFrom('users')
            .select(['name', 'email', 'locale'])
            .where('org_id', '=', actor.orgId)
            .where('user_id', '=', actor.userId)
            .executeTakeFirst()
        : undefined;
      return { ...actor, csrfToken: request.csrfToken, ...user };
    },
  );

  app.get(
    '/tokens',
    {
      schema: {
        tags: ['identity'],
        summary: 'API tokens of the organisation',
        response: { 200: z.object({ tokens: z.array(tokenSummary) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'tokens:manage');
      const rows = await db
        .selectFrom('api_tokens')
        .selectAll()
        .where('org_id', '=', actor.orgId)
        .orderBy('created_at', 'desc')
        .execute();
      return {
        tokens: rows.map((row) => ({
          tokenId: row.token_id,
          name: row.name,
          role: row.role,
          unitId: row.unit_id,
          createdAt: new Date(row.created_at).toISOString(),
          lastUsedAt: iso(row.last_used_at),
          revokedAt: iso(row.revoked_at),
        })),
      };
    },
  );

  app.post(
    '/tokens',
    {
      schema: {
        tags: ['identity'],
        summary: 'Issue an API token for an integration (shown once)',
        body: createTokenBody,
        response: { 201: z.object({ tokenId: z.string(), token: z.string() }) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'tokens:manage');
      const { unitId } = request.body;
      if (unitId) await assertUnitExists(context, actor.orgId, unitId, 'body.unitId');
      const issued = await transaction(context.database, async (trx) => {
        const token = await issueApiToken(trx, {
          orgId: actor.orgId,
          createdBy: actor.userId,
          ...request.body,
        });
        await recordAudit(
          trx,
          actor,
          'token.create',
          { type: 'api_token', id: token.tokenId },
          { name: request.body.name },
        );
        return token;
      });
      return reply.code(201).send({ tokenId: issued.tokenId, token: issued.token });
    },
  );

  app.delete(
    '/tokens/:tokenId',
    {
      schema: {
        tags: ['identity'],
        summary: 'Revoke an API token',
        params: z.strictObject({ tokenId: z.string().uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'tokens:manage');
      const revoked = await transaction(context.database, async (trx) => {
        const result = await trx
          .updateTable('api_tokens')
          .set({ revoked_at: new Date() })
          .where('org_id', '=', actor.orgId)
          .where('token_id', '=', request.params.tokenId)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        if (result.numUpdatedRows > 0n) {
          await recordAudit(trx, actor, 'token.revoke', { type: 'api_token', id: request.params.tokenId });
        }
        return result.numUpdatedRows > 0n;
      });
      if (!revoked) throw notFound('active token');
      forgetToken(request.params.tokenId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/users',
    {
      schema: {
        tags: ['identity'],
        summary:
          'Users of the organisation with their role and scope (for user admins and report schedulers)',
        response: {
          200: z.object({
            users: z.array(
              z.object({
                userId: z.string(),
                name: z.string(),
                email: z.string(),
                role: z.string(),
                unitId: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const actor = request.actor;
      if (!actor) throw unauthorized();
      if (!may(actor, 'users:manage') && !may(actor, 'reports:manage')) throw forbidden();
      const rows = await db
        .selectFrom('users')
        .innerJoin('memberships', (join) =>
          join
            .onRef('memberships.org_id', '=', 'users.org_id')
            .onRef('memberships.user_id', '=', 'users.user_id'),
        )
        .select(['users.user_id', 'users.name', 'users.email', 'memberships.role', 'memberships.unit_id'])
        .where('users.org_id', '=', actor.orgId)
        .orderBy('users.name')
        .execute();
      return {
        users: rows.map((row) => ({
          userId: row.user_id,
          name: row.name,
          email: row.email,
          role: row.role,
          unitId: row.unit_id,
        })),
      };
    },
  );

  app.post(
    '/users',
    {
      schema: {
        tags: ['identity'],
        summary: 'Add a user with a role and a scope',
        body: createUserBody,
        response: { 201: z.object({ userId: z.string() }) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'users:manage');
      const body = request.body;
      if (!mayGrantRole(actor, body.role)) throw forbidden('You cannot grant a role above your own.');
      if (body.role === 'manager' && !body.unitId) {
        throw badRequest('A manager needs a unit.', [
          { field: 'body.unitId', message: 'Required for managers' },
        ]);
      }
      if (body.unitId) await assertUnitExists(context, actor.orgId, body.unitId, 'body.unitId');
      const taken = await db
        .selectFrom('users')
        .select('user_id')
        .where('org_id', '=', actor.orgId)
        .where((eb) => eb(eb.fn('lower', ['email']), '=', body.email.toLowerCase()))
        .executeTakeFirst();
      if (taken)
        throw conflict('That email is already a user here.', [
          { field: 'body.email', message: 'Already in use' },
        ]);
      const userId = await transaction(context.database, async (trx) => {
        const id = await createUser(trx, { orgId: actor.orgId, ...body });
        await recordAudit(
          trx,
          actor,
          'user.create',
          { type: 'user', id },
          { role: body.role, unitId: body.unitId },
        );
        return id;
      });
      return reply.code(201).send({ userId });
    },
  );
  app.patch(
    '/users/:userId',
    {
      schema: {
        tags: ['identity'],
        summary:
          "Change a user's role and/or unit scope (user admins; only an owner changes an owner, and the last owner stays one)",
        params: z.strictObject({ userId: z.uuid() }),
        body: changeUserBody,
        response: {
          200: z.object({ userId: z.string(), role: roleSchema, unitId: z.string().nullable() }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'users:manage');
      return transaction(context.database, (trx) =>
        changeMembership(trx, actor, request.params.userId, request.body),
      );
    },
  );
};

async function assertUnitExists(context: AppContext, orgId: string, unitId: string, field: string) {
  const unit = await context.database.db
    .selectFrom('org_units')
    .select('unit_id')
    .where('org_id', '=', orgId)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  if (!unit) throw badRequest('No such unit in this organisation.', [{ field, message: 'Unknown unit' }]);
}
