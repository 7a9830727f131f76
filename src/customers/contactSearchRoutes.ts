import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { requireActor } from '../http/authentication.ts';
import type { AppContext } from '../http/context.ts';
import { contactsInScope } from '../policies/scope.ts';

const searchQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .min(2)
    .max(100)
    .optional()
    .describe(
      'Part of the first name, last name, full name, e-mail or account name (case-insensitive); all when absent',
    ),
  limit: z.coerce.number().int().min(1).max(50).default(20).describe('Most contacts returned'),
});

const contactHit = z.object({
  contactId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  language: z.string(),
  accountId: z.string(),
  accountName: z.string(),
  consent: z.boolean(),
  optedOut: z.boolean(),
});

/** `%` and `_` typed by the user are matched as themselves, not as LIKE wildcards. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Finding contacts by name, e-mail or account, within the actor's scope (to pick one for a personal link). */
export const contactSearchRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.database;

  app.get(
    '/contacts',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Contacts in your scope, or those whose name, e-mail or account name contains the text',
        querystring: searchQuery,
        response: { 200: z.object({ contacts: z.array(contactHit) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'accounts:read');
      const { q } = request.query;
      let query = contactsInScope(
        db
          .selectFrom('contacts as c')
          .innerJoin('accounts as a', (j) =>
            j.onRef('a.org_id', '=', 'c.org_id').onRef('a.account_id', '=', 'c.account_id'),
          ),
        actor,
        'c',
      );
      if (q !== undefined) {
        const pattern = likePattern(q);
        query = query.where(
          sql<boolean>`((c.first_name || ' ' || c.last_name) ilike ${pattern}
            or c.email ilike ${pattern} or a.name ilike ${pattern})`,
        );
      }
      const rows = await query
        .select([
          'c.contact_id',
          'c.first_name',
          'c.last_name',
          'c.email',
          'c.language',
          'c.consent',
          'c.opted_out_at',
          'a.account_id',
          'a.name as account_name',
        ])
        .orderBy('c.last_name')
        .orderBy('c.first_name')
        .orderBy('c.contact_id')
        .limit(request.query.limit)
        .execute();
      return {
        contacts: rows.map((row) => ({
          contactId: row.contact_id,
          firstName: row.first_name,
          lastName: row.last_name,
          email: row.email,
          language: row.language,
          accountId: row.account_id,
          accountName: row.account_name,
          consent: row.consent,
          optedOut: row.opted_out_at !== null,
        })),
      };
    },
  );
};
