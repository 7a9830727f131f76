import { z } from 'zod';

const day = z.iso.date();

/** Filters every analytics endpoint takes from the query string. */
export const analyticsQuery = z.strictObject({
  from: day.optional().describe('First day (UTC) of the period, inclusive'),
  to: day.optional().describe('Day after the period (exclusive)'),
  compareFrom: day.optional().describe('First day of the comparison period'),
  compareTo: day.optional().describe('Day after the comparison period'),
  unitId: z.string().uuid().optional().describe('Limit to this unit’s subtree (within your scope)'),
  surveyId: z.string().uuid().optional().describe('Only this survey'),
  touchpointKey: z.string().max(100).optional().describe('Only this touchpoint'),
  journeyKey: z.string().max(100).optional().describe('Only touchpoints of this journey'),
  stageKey: z.string().max(100).optional().describe('Only touchpoints of this stage'),
  segment: z.enum(['emotionally_attached', 'functionally_satisfied', 'unfulfilled']).optional(),
  language: z.string().max(10).optional(),
  channel: z.string().max(40).optional(),
  minBase: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(10)
    .describe('Figures with a smaller base are suppressed'),
});

export const trendQuery = analyticsQuery.extend({
  grouping: z.enum(['day', 'week', 'month', 'quarter', 'year']).default('month'),
});

export const breakdownQuery = analyticsQuery.extend({
  by: z
    .enum([
      'unit',
      'survey',
      'touchpoint',
      'segment',
      'language',
      'channel',
      'account',
      'tier',
      'industry',
      'buyingRole',
    ])
    .default('unit')
    .describe('account, tier, industry and buying role are cut by whole calendar months'),
});

export const accountsQuery = analyticsQuery.extend({
  tier: z.string().max(40).optional().describe('Only accounts of this tier'),
  industry: z.string().max(60).optional().describe('Only accounts of this industry'),
  sort: z.enum(['revenueAtRisk', 'strength', 'nps', 'name']).default('revenueAtRisk'),
});

export const driversQuery = analyticsQuery.extend({
  outcome: z.enum(['nps', 'satisfaction', 'attachment', 'continue', 'strength']).default('strength'),
  method: z
    .enum(['lmg', 'relative-weights'])
    .default('lmg')
    .describe('LMG / Shapley decomposition of R², or Johnson’s relative weights'),
  groups: z
    .string()
    .max(300)
    .regex(/^[A-Za-z]\w*:[A-Za-z]+(\+[A-Za-z]+)*(,[A-Za-z]\w*:[A-Za-z]+(\+[A-Za-z]+)*)*$/)
    .optional()
    .describe(
      'Forces treated as one player, e.g. emotional:belonging+status+enjoyment,functional:certainty+control+fairTreatment (LMG only)',
    ),
  bootstrap: z.coerce
    .number()
    .int()
    .min(0)
    .max(2000)
    .default(0)
    .describe('Bootstrap resamples of month × unit cells for 95% intervals (0: none)'),
});
