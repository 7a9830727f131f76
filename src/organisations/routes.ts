import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../http/authentication.ts';
import type { AppContext } from '../http/context.ts';
import { notFound } from '../http/problem.ts';
import { inScope } from '../policies/scope.ts';

const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100).describe('Rows per page'),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0).describe('Rows to skip'),
});

const unitSchema = z.object({
  unitId: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  kind: z.string(),
});
const accountSchema = z.object({
  accountId: z.string(),
  name: z.string(),
  industry: z.string().nullable(),
  tier: z.string().nullable(),
  annualValue: z.number().nullable(),
  renewalDate: z.string().nullable(),
  unitId: z.string().nullable(),
  externalId: z.string().nullable(),
});
const contactSchema = z.object({
  contactId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  language: z.string(),
  buyingRole: z.string().nullable(),
  optedOut: z.boolean(),
});

const day = (value: Date | null) => (value ? new Date(value).toISOString().slice(0, 10) : null);

/** The organisation's hierarchy and its B2B customers, each limited to the actor's subtree. */
export const organisationRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.database;

  app.get(
    '/units',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Org units in your scope (your unit and everything below it)',
        response: { 200: z.object({ units: z.array(unitSchema) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'units:read');
      let query = db
        .selectFrom('org_units')
        .select(['unit_id', 'parent_id', 'name', 'kind'])
        .where('org_id', '=', actor.orgId)
        .orderBy('path');
      if (actor.unitPath) query = query.where('path', 'like', `${actor.unitPath}%`);
      const rows = await query.execute();
      return {
        units: rows.map((row) => ({
          unitId: row.unit_id,
          parentId: row.parent_id,
          name: row.name,
          kind: row.kind,
        })),
      };
    },
  );

  const toAccount = (row: {
    account_id: string;
    name: string;
    industry: string | null;
    tier: string | null;
    annual_value: string | null;
    renewal_date: Date | null;
    unit_id: string | null;
    external_id: string | null;
  }) => ({
    accountId: row.account_id,
    name: row.name,
    industry: row.industry,
    tier: row.tier,
    annualValue: row.annual_value === null ? null : Number(row.annual_value),
    renewalDate: day(row.renewal_date),
    unitId: row.unit_id,
    externalId: row.external_id,
  });

  const accountColumns = [
    'accounts.account_id',
    'accounts.name',
    'accounts.industry',
    'accounts.tier',
    'accounts.annual_value',
    'accounts.renewal_date',
    'accounts.unit_id',
    'accounts.external_id',
  ] as const;

  app.get(
    '/accounts',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Accounts (business customers) in your scope',
        querystring: pageQuery,
        response: { 200: z.object({ accounts: z.array(accountSchema), total: z.number() }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'accounts:read');
      const base = inScope(db.selectFrom('accounts'), actor, 'accounts');
      const [rows, total] = await Promise.all([
        base
          .select(accountColumns)
          .orderBy('accounts.name')
          .limit(request.query.limit)
          .offset(request.query.offset)
          .execute(),
        base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { accounts: rows.map(toAccount), total: Number(total.n) };
    },
  );

  app.get(
    '/accounts/:accountId',
    {
      schema: {
        tags: ['organisation'],
        summary: 'One account with its contacts',
        params: z.strictObject({ accountId: z.string().uuid() }),
        response: { 200: z.object({ account: accountSchema, contacts: z.array(contactSchema) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'accounts:read');
      const row = await inScope(db.selectFrom('accounts'), actor, 'accounts')
        .select(accountColumns)
        .where('accounts.account_id', '=', request.params.accountId)
        .executeTakeFirst();
      if (!row) throw notFound('account');
      const contacts = await db
        .selectFrom('contacts')
        .selectAll()
        .where('org_id', '=', actor.orgId)
        .where('account_id', '=', row.account_id)
        .orderBy('last_name')
        .execute();
      return {
        account: toAccount(row),
        contacts: contacts.map((c) => ({
          contactId: c.contact_id,
          firstName: c.first_name,
          lastName: c.last_name,
          email: c.email,
          language: c.language,
          buyingRole: c.buying_role,
          optedOut: c.opted_out_at !== null,
        })),
      };
    },
  );
};
