import { noCommentAnalyses } from '../alerts/commentAnalyses.ts';
import type { Condition } from '../alerts/conditions.ts';
import { openCasesForResponses } from '../alerts/evaluate.ts';
import { type Database, transaction } from '../db/database.ts';

const DAY = 86_400_000;

/** The demo's alert rules: what a CX team would switch on first. */
export const DEMO_ALERT_RULES: {
  name: string;
  conditions: Condition[];
  priority: 'normal' | 'high';
  firstContactHours: number;
  resolutionDays: number;
}[] = [
  {
    // A detractor at an account the business depends on: call back within a day.
    name: 'Detractor at a key account',
    conditions: [
      { type: 'nps_at_most', value: 6 },
      { type: 'account_tier', tiers: ['key', 'strategic'] },
    ],
    priority: 'high',
    firstContactHours: 24,
    resolutionDays: 5,
  },
  {
    // Strong words in a comment (English and Italian), read in the raw text: no analysis needed.
    name: 'Strong complaint in a comment',
    conditions: [
      {
        type: 'keyword',
        words: [
          'exhausting',
          'frustrating',
          'production line had already stopped',
          'just another order number',
          'estenuante',
          'frustrante',
          'linea di produzione non si è fermata',
          'numero d’ordine qualsiasi',
        ],
      },
    ],
    priority: 'normal',
    firstContactHours: 48,
    resolutionDays: 7,
  },
];

/**
 * How many days of the demo's latest responses the rules are checked against: a live programme
 * would have opened these cases as the answers came in; older history stays without cases, as it
 * would for a team that switched its rules on two weeks ago.
 */
export const DEMO_ALERT_DAYS = 14;

/**
 * Creates the demo's alert rules and checks the last DEMO_ALERT_DAYS of responses against them
 * through the same evaluation the alert sweeper runs (owner resolution, SLAs, inbox events), so a
 * fresh demo shows open cases. Which cases open depends only on the seeded data.
 */
export async function openDemoCases(database: Database, orgId: string, until: Date): Promise<number> {
  return transaction(database, async (trx) => {
    await trx
      .insertInto('alert_rules')
      .values(
        DEMO_ALERT_RULES.map((rule) => ({
          org_id: orgId,
          name: rule.name,
          survey_id: null,
          touchpoint_id: null,
          conditions: JSON.stringify(rule.conditions),
          priority: rule.priority,
          fallback_queue: 'cx-team',
          first_contact_hours: rule.firstContactHours,
          resolution_days: rule.resolutionDays,
          channels: ['inbox', 'email', 'webhook'],
        })),
      )
      .execute();
    const recent = await trx
      .selectFrom('responses')
      .select('response_id')
      .where('org_id', '=', orgId)
      .where('submitted_at', '>=', new Date(until.getTime() - DEMO_ALERT_DAYS * DAY))
      .orderBy('response_id')
      .execute();
    const opened = await openCasesForResponses(
      trx,
      // No job queue: the demo's people get inbox events, not mail.
      { jobs: null, now: () => new Date(), commentAnalyses: noCommentAnalyses, publicUrl: '' },
      orgId,
      recent.map((r) => r.response_id),
    );
    return opened.length;
  });
}
