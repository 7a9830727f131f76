import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import { CASE_STATUSES, isOpen } from '../cases/caseStatus.ts';
import { transaction } from '../db/database.ts';
import { DEFAULT_HEALTH_SETTINGS, type HealthSettings } from '../domain/accounts/healthScore.ts';
import { requireActor } from '../http/authentication.ts';
import type { AppContext } from '../http/context.ts';
import { inScope } from '../policies/scope.ts';

const weight = z.number().min(0).max(100);
const cutOff = z.number().min(0).max(100);
const settingsSchema = z
  .strictObject({
    weights: z.strictObject({ strength: weight, nps: weight, coverage: weight, openCases: weight }),
    thresholds: z.strictObject({ amber: cutOff, green: cutOff }),
    casePenalty: z.number().min(0).max(100),
  })
  .superRefine((value, context) => {
    if (value.thresholds.green < value.thresholds.amber)
      context.addIssue({
        code: 'custom',
        path: ['thresholds', 'green'],
        message: 'Green must start at or above Amber',
      });
    // Without strength or NPS the score would say nothing of how customers feel.
    if (value.weights.strength === 0 && value.weights.nps === 0)
      context.addIssue({
        code: 'custom',
        path: ['weights', 'strength'],
        message: 'Give relationship strength or NPS a weight above 0',
      });
  });
const OPEN_STATUSES = CASE_STATUSES.filter(isOpen);

/** Reads the organisation's Customer Health Score settings (the defaults until an admin sets them). */
export async function healthSettingsOf(context: AppContext, orgId: string): Promise<HealthSettings> {
  const row = await context.database.db
    .selectFrom('health_score_settings')
    .select('settings')
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return row ? { ...DEFAULT_HEALTH_SETTINGS, ...row.settings } : DEFAULT_HEALTH_SETTINGS;
}

/**
 * The Customer Health Score's settings per organisation, and the operational signal it mixes in:
 * open cases per account in the caller's scope (the app combines them with the accounts' survey
 * figures through the same pure function, src/domain/accounts/healthScore.ts).
 */
export const accountHealthRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.database;

  app.get(
    '/health-score',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Health-score settings, and open cases per account in your scope',
        response: {
          200: z.object({
            settings: settingsSchema,
            custom: z.boolean(),
            casesInUse: z
              .boolean()
              .describe('False: the organisation has no cases, so that signal is left out'),
            openCases: z.array(z.object({ accountId: z.string(), open: z.number() })),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'accounts:read');
      const [stored, anyCase, open] = await Promise.all([
        db
          .selectFrom('health_score_settings')
          .select('settings')
          .where('org_id', '=', actor.orgId)
          .executeTakeFirst(),
        db
          .selectFrom('cases')
          .select('case_id')
          .where('org_id', '=', actor.orgId)
          .limit(1)
          .executeTakeFirst(),
        inScope(db.selectFrom('accounts'), actor, 'accounts')
          .innerJoin('cases', (join) =>
            join
              .onRef('cases.org_id', '=', 'accounts.org_id')
              .onRef('cases.account_id', '=', 'accounts.account_id'),
          )
          .where('cases.status', 'in', OPEN_STATUSES)
          .select(['accounts.account_id', (eb) => eb.fn.countAll<string>().as('open')])
          .groupBy('accounts.account_id')
          .execute(),
      ]);
      return {
        settings: stored ? { ...DEFAULT_HEALTH_SETTINGS, ...stored.settings } : DEFAULT_HEALTH_SETTINGS,
        custom: stored !== undefined,
        casesInUse: anyCase !== undefined,
        openCases: open.map((row) => ({ accountId: row.account_id, open: Number(row.open) })),
      };
    },
  );

  app.put(
    '/health-score/settings',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Set the weights, RAG thresholds and case penalty of the Customer Health Score',
        body: settingsSchema,
        response: { 200: settingsSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request, 'health:manage');
      const settings = request.body;
      await transaction(context.database, async (trx) => {
        await trx
          .insertInto('health_score_settings')
          .values({ org_id: actor.orgId, settings: JSON.stringify(settings), updated_by: actor.userId })
          .onConflict((oc) =>
            oc.column('org_id').doUpdateSet({
              settings: JSON.stringify(settings),
              updated_by: actor.userId,
              updated_at: new Date(),
            }),
          )
          .execute();
        await recordAudit(
          trx,
          actor,
          'health_score.settings',
          null,
          settings as unknown as Record<string, unknown>,
        );
      });
      return settings;
    },
  );
};
