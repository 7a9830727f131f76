import { noCommentAnalyses } from '../src/alerts/commentAnalyses.ts';
import type { Condition } from '../src/alerts/conditions.ts';
import type { Acting } from '../src/cases/acting.ts';
import type { Database } from '../src/db/database.ts';

/** An Acting for tests: no job queue unless given, a clock the test can move. */
export function testActing(overrides: Partial<Acting> = {}): Acting & { clock: { at: Date } } {
  const clock = { at: new Date('2025-06-02T08:00:00Z') };
  return {
    jobs: null,
    now: () => clock.at,
    commentAnalyses: noCommentAnalyses,
    publicUrl: 'http://rapport.test',
    clock,
    ...overrides,
  };
}

export async function createRule(
  database: Database,
  orgId: string,
  rule: {
    name?: string;
    conditions: Condition[];
    surveyId?: string | null;
    firstContactHours?: number;
    resolutionDays?: number;
    channels?: string[];
  },
): Promise<string> {
  const row = await database.db
    .insertInto('alert_rules')
    .values({
      org_id: orgId,
      name: rule.name ?? 'Detractor',
      survey_id: rule.surveyId ?? null,
      touchpoint_id: null,
      conditions: JSON.stringify(rule.conditions),
      first_contact_hours: rule.firstContactHours ?? 4,
      resolution_days: rule.resolutionDays ?? 2,
      channels: rule.channels ?? ['inbox', 'email', 'webhook'],
    })
    .returning('rule_id')
    .executeTakeFirstOrThrow();
  return row.rule_id;
}
