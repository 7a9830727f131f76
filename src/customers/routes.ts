import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { transaction } from '../db/database.ts';
import { requireActor } from '../http/authentication.ts';
import type { AppContext } from '../http/context.ts';
import { badRequest } from '../http/problem.ts';
import { createAccount, createContact, editAccount, editContact } from './commands.ts';
import { mergeAccounts, mergeContacts } from './merge.ts';
import { contactForUpdate } from './scope.ts';
import {
  accountName,
  annualValue,
  buyingRole,
  email,
  externalId,
  isoDay,
  language,
  shortText,
} from './values.ts';

const accountFields = {
  name: accountName,
  externalId: externalId.nullable().optional(),
  industry: shortText.nullable().optional(),
  tier: shortText.nullable().optional(),
  annualValue: annualValue.nullable().optional(),
  renewalDate: isoDay.nullable().optional(),
  unitId: z.string().uuid().nullable().optional().describe('The owning unit; must lie in your subtree'),
};
const contactFields = {
  accountId: z.string().uuid(),
  email,
  firstName: z.string().trim().max(100).optional(),
  lastName: z.string().trim().max(100).optional(),
  externalId: externalId.nullable().optional(),
  language: language.optional(),
  buyingRole: buyingRole.nullable().optional(),
  consent: z.boolean().optional(),
  optedOut: z.boolean().optional(),
};
const mergeResult = z.object({
  survivorId: z.string(),
  mergedId: z.string(),
  moved: z.record(z.string(), z.number()).describe('Rows moved to the survivor, per table'),
});
const accountParams = z.strictObject({ accountId: z.string().uuid() });
const contactParams = z.strictObject({ contactId: z.string().uuid() });

const nonEmpty = (body: object) => {
  if (Object.keys(body).length === 0)
    throw badRequest('Send at least one field to change.', [{ field: 'body', message: 'Empty' }]);
};

/** Creating, editing and merging accounts and contacts, inside the actor's subtree. */
export const customerRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { database } = context;

  app.post(
    '/accounts',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Create an account',
        body: z.strictObject(accountFields),
        response: { 201: z.object({ accountId: z.string() }) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'accounts:manage');
      const accountId = await transaction(database, (trx) => createAccount(trx, actor, request.body));
      return reply.code(201).send({ accountId });
    },
  );

  app.patch(
    '/accounts/:accountId',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Edit an account, or assign it to another unit of your subtree (unitId)',
        params: accountParams,
        body: z.strictObject({ ...accountFields, name: accountName.optional() }),
        response: { 200: z.object({ accountId: z.string() }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'accounts:manage');
      nonEmpty(request.body);
      await transaction(database, (trx) => editAccount(trx, actor, request.params.accountId, request.body));
      return { accountId: request.params.accountId };
    },
  );

  app.post(
    '/accounts/:accountId/merge',
    {
      schema: {
        tags: ['organisation'],
        summary:
          'Merge another account into this one: everything referencing it moves here, then it is deleted',
        params: accountParams,
        body: z.strictObject({ fromAccountId: z.string().uuid() }),
        response: { 200: mergeResult },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'accounts:manage');
      return transaction(database, (trx) =>
        mergeAccounts(trx, actor, request.params.accountId, request.body.fromAccountId),
      );
    },
  );

  app.get(
    '/contacts/:contactId',
    {
      schema: {
        tags: ['organisation'],
        summary: 'One contact',
        params: contactParams,
        response: {
          200: z.object({
            contactId: z.string(),
            accountId: z.string(),
            email: z.string(),
            firstName: z.string(),
            lastName: z.string(),
            externalId: z.string().nullable(),
            language: z.string(),
            buyingRole: z.string().nullable(),
            consent: z.boolean(),
            optedOut: z.boolean(),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'accounts:read');
      const contact = await contactForUpdate(database.db, actor, request.params.contactId);
      return {
        contactId: contact.contact_id,
        accountId: contact.account_id,
        email: contact.email,
        firstName: contact.first_name,
        lastName: contact.last_name,
        externalId: contact.external_id,
        language: contact.language,
        buyingRole: contact.buying_role,
        consent: contact.consent,
        optedOut: contact.opted_out_at !== null,
      };
    },
  );

  app.post(
    '/contacts',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Create a contact of an account in your scope',
        body: z.strictObject(contactFields),
        response: { 201: z.object({ contactId: z.string() }) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'accounts:manage');
      const contactId = await transaction(database, (trx) => createContact(trx, actor, request.body));
      return reply.code(201).send({ contactId });
    },
  );

  app.patch(
    '/contacts/:contactId',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Edit a contact (accountId moves it to another account in your scope)',
        params: contactParams,
        body: z.strictObject({
          ...contactFields,
          accountId: contactFields.accountId.optional(),
          email: email.optional(),
        }),
        response: { 200: z.object({ contactId: z.string() }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'accounts:manage');
      nonEmpty(request.body);
      await transaction(database, (trx) => editContact(trx, actor, request.params.contactId, request.body));
      return { contactId: request.params.contactId };
    },
  );

  app.post(
    '/contacts/:contactId/merge',
    {
      schema: {
        tags: ['organisation'],
        summary:
          'Merge another contact into this one: responses, comments and links move here, then it is deleted',
        params: contactParams,
        body: z.strictObject({ fromContactId: z.string().uuid() }),
        response: { 200: mergeResult },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'accounts:manage');
      return transaction(database, (trx) =>
        mergeContacts(trx, actor, request.params.contactId, request.body.fromContactId),
      );
    },
  );
};
