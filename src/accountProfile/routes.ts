import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../http/authentication.ts';
import type { AppContext } from '../http/context.ts';
import { notFound } from '../http/problem.ts';
import { casesInScope } from '../policies/caseScope.ts';
import { commentsInScope, inScope } from '../policies/scope.ts';

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
const TIMELINE_LIMIT = 100;

const stakeholderSchema = z.object({
  contactId: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.string().nullable(),
  lastAnswerAt: z.string().nullable(),
  lastNps: z.number().nullable(),
  segment: z.string().nullable(),
  responses: z.number(),
});
const eventSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('response'),
    at: z.string(),
    id: z.string(),
    contactId: z.string().nullable(),
    nps: z.number().nullable(),
    segment: z.string().nullable(),
    surveyName: z.string(),
  }),
  z.object({
    kind: z.literal('comment'),
    at: z.string(),
    id: z.string(),
    contactId: z.string().nullable(),
    source: z.string(),
    text: z.string(),
  }),
  z.object({
    kind: z.literal('case'),
    at: z.string(),
    id: z.string(),
    title: z.string(),
    status: z.string(),
    priority: z.string(),
  }),
]);

/**
 * One account as its owner sees it: the stakeholders (buying role, their last answer and segment)
 * and a timeline of responses, comments and cases, newest first. The account must be in the
 * caller's scope, and each kind of event is filtered by its own scope rule as well.
 */
export const accountProfileRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.database;

  app.get(
    '/accounts/:accountId/profile',
    {
      schema: {
        tags: ['accounts'],
        summary: 'An account with its stakeholders and a timeline of responses, comments and cases',
        params: z.strictObject({ accountId: z.string().uuid() }),
        response: {
          200: z.object({
            account: z.object({
              accountId: z.string(),
              name: z.string(),
              tier: z.string().nullable(),
              industry: z.string().nullable(),
              annualValue: z.number().nullable(),
              renewalDate: z.string().nullable(),
            }),
            stakeholders: z.array(stakeholderSchema),
            timeline: z.array(eventSchema),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'accounts:read');
      const { accountId } = request.params;
      const account = await inScope(db.selectFrom('accounts'), actor, 'accounts')
        .select(['account_id', 'name', 'tier', 'industry', 'annual_value', 'renewal_date'])
        .where('accounts.account_id', '=', accountId)
        .executeTakeFirst();
      if (!account) throw notFound('account');

      const answered = inScope(db.selectFrom('responses'), actor, 'responses')
        .where('responses.account_id', '=', accountId)
        .where('responses.status', '=', 'complete')
        .where('responses.excluded', '=', false);
      const [contacts, lastAnswers, responses, comments, cases] = await Promise.all([
        db
          .selectFrom('contacts')
          .select(['contact_id', 'first_name', 'last_name', 'email', 'buying_role'])
          .where('org_id', '=', actor.orgId)
          .where('account_id', '=', accountId)
          .orderBy('last_name')
          .orderBy('first_name')
          .execute(),
        // Each contact's latest answer (DISTINCT ON keeps the first row per contact) and count.
        answered
          .where('responses.contact_id', 'is not', null)
          .select((eb) => [
            'responses.contact_id',
            'responses.submitted_at',
            'responses.nps',
            'responses.segment',
            eb.fn
              .count<string>('responses.response_id')
              .over((o) => o.partitionBy('responses.contact_id'))
              .as('n'),
          ])
          .distinctOn('responses.contact_id')
          .orderBy('responses.contact_id')
          .orderBy('responses.submitted_at', 'desc')
          .execute(),
        answered
          .innerJoin('surveys', (join) =>
            join
              .onRef('surveys.org_id', '=', 'responses.org_id')
              .onRef('surveys.survey_id', '=', 'responses.survey_id'),
          )
          .select([
            'responses.response_id',
            'responses.contact_id',
            'responses.submitted_at',
            'responses.nps',
            'responses.segment',
            'surveys.name as survey_name',
          ])
          .orderBy('responses.submitted_at', 'desc')
          .limit(TIMELINE_LIMIT)
          .execute(),
        commentsInScope(db.selectFrom('comments'), actor, 'comments')
          .where((eb) =>
            eb.or([
              eb('comments.account_id', '=', accountId),
              eb(
                'comments.response_id',
                'in',
                eb
                  .selectFrom('responses as r')
                  .select('r.response_id')
                  .where('r.org_id', '=', actor.orgId)
                  .where('r.account_id', '=', accountId),
              ),
            ]),
          )
          .select([
            'comments.comment_id',
            'comments.contact_id',
            'comments.created_at',
            'comments.source',
            'comments.text',
          ])
          .orderBy('comments.created_at', 'desc')
          .limit(TIMELINE_LIMIT)
          .execute(),
        casesInScope(db.selectFrom('cases'), actor)
          .where('cases.account_id', '=', accountId)
          .select(['cases.case_id', 'cases.created_at', 'cases.title', 'cases.status', 'cases.priority'])
          .orderBy('cases.created_at', 'desc')
          .limit(TIMELINE_LIMIT)
          .execute(),
      ]);
      const last = new Map(lastAnswers.map((row) => [row.contact_id, row]));
      const timeline = [
        ...responses.map((r) => ({
          kind: 'response' as const,
          at: iso(r.submitted_at)!,
          id: r.response_id,
          contactId: r.contact_id,
          nps: r.nps,
          segment: r.segment,
          surveyName: r.survey_name,
        })),
        ...comments.map((c) => ({
          kind: 'comment' as const,
          at: iso(c.created_at)!,
          id: c.comment_id,
          contactId: c.contact_id,
          source: c.source,
          text: c.text,
        })),
        ...cases.map((c) => ({
          kind: 'case' as const,
          at: iso(c.created_at)!,
          id: c.case_id,
          title: c.title,
          status: c.status,
          priority: c.priority,
        })),
      ]
        .sort((a, b) => b.at.localeCompare(a.at))
        .slice(0, TIMELINE_LIMIT);
      return {
        account: {
          accountId: account.account_id,
          name: account.name,
          tier: account.tier,
          industry: account.industry,
          annualValue: account.annual_value === null ? null : Number(account.annual_value),
          renewalDate: account.renewal_date ? iso(account.renewal_date)!.slice(0, 10) : null,
        },
        stakeholders: contacts.map((c) => {
          const answer = last.get(c.contact_id);
          return {
            contactId: c.contact_id,
            name: `${c.first_name} ${c.last_name}`.trim(),
            email: c.email,
            role: c.buying_role,
            lastAnswerAt: answer ? iso(answer.submitted_at) : null,
            lastNps: answer?.nps ?? null,
            segment: answer?.segment ?? null,
            responses: answer ? Number(answer.n) : 0,
          };
        }),
        timeline,
      };
    },
  );
};
