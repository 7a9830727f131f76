import { sql, type Transaction } from 'kysely';
import type { Acting } from '../cases/acting.ts';
import { announceAll } from '../cases/announce.ts';
import { dueDates, nextEscalationAt } from '../cases/escalation.ts';
import type { Schema } from '../db/schema.ts';
import type { ForceKey } from '../domain/forces/framework.ts';
import {
  type Condition,
  conditionsHold,
  needsTextAnalysis,
  type ResponseFacts,
  ruleApplies,
} from './conditions.ts';
import { resolveOwner } from './ownerResolution.ts';

export interface FactsRow {
  org_id: string;
  response_id: string;
  survey_id: string;
  touchpoint_id: string | null;
  unit_id: string | null;
  unit_path: string | null;
  account_id: string | null;
  account_name: string | null;
  account_tier: string | null;
  account_owner: string | null;
  contact_id: string | null;
  nps: number | null;
  force_certainty: number | null;
  force_control: number | null;
  force_fair_treatment: number | null;
  force_belonging: number | null;
  force_status: number | null;
  force_enjoyment: number | null;
  segment: string | null;
  dissonance: string | null;
  critical_incident: boolean | null;
  comment_text: string;
}

/** A case opened by evaluation. */
export interface OpenedCase {
  caseId: string;
  ruleId: string;
  responseId: string;
  ownerUserId: string | null;
  queue: string | null;
}

/** The columns evaluation reads about a response (`r`), its account (`a`) and its unit (`u`). */
export const FACT_COLUMNS = `r.org_id, r.response_id, r.survey_id, r.touchpoint_id, r.unit_id, u.path as unit_path,
  r.account_id, a.name as account_name, a.tier as account_tier, a.owner_user_id as account_owner, r.contact_id,
  r.nps, r.force_certainty, r.force_control, r.force_fair_treatment, r.force_belonging, r.force_status,
  r.force_enjoyment, r.segment, r.dissonance, r.critical_incident,
  coalesce((select string_agg(c.text, E'\\n') from comments c
    where c.org_id = r.org_id and c.response_id = r.response_id), '') as comment_text`;
export const FACT_JOINS = `left join accounts a on a.org_id = r.org_id and a.account_id = r.account_id
  left join org_units u on u.org_id = r.org_id and u.unit_id = r.unit_id`;
/** Only complete, included responses are evaluated. */
export const FACT_FILTER = `r.status = 'complete' and not r.excluded`;

/** Which active rules an evaluation checks. */
export interface EvaluationOptions {
  /**
   * Only the rules that read the text analysis (a Force tension, a topic): used when an analysis
   * arrives, since every other rule was decided when the response was stored (and a response stored
   * without being queued, such as imported history, must not open cases when its comments are read).
   */
  textRulesOnly?: boolean;
}

/**
 * Checks responses of one organisation against its active rules and opens a case for every match,
 * inside the caller's transaction. A (rule, response) pair that already has a case is left alone
 * (the unique key decides, so concurrent or repeated evaluations open it once); each new case is
 * announced to its owner.
 */
export async function openCasesForResponses(
  trx: Transaction<Schema>,
  acting: Acting,
  orgId: string,
  responseIds: readonly string[],
  options: EvaluationOptions = {},
): Promise<OpenedCase[]> {
  if (responseIds.length === 0) return [];
  const { rows: facts } = await sql<FactsRow>`select ${sql.raw(FACT_COLUMNS)}
    from responses r ${sql.raw(FACT_JOINS)}
    where r.org_id = ${orgId} and r.response_id = any(${responseIds as string[]}::uuid[]) and ${sql.raw(FACT_FILTER)}`.execute(
    trx,
  );
  return openCasesForFacts(trx, acting, orgId, facts, options);
}

/** As openCasesForResponses, for responses whose facts the caller has already read. */
export async function openCasesForFacts(
  trx: Transaction<Schema>,
  acting: Acting,
  orgId: string,
  facts: readonly FactsRow[],
  options: EvaluationOptions = {},
): Promise<OpenedCase[]> {
  if (facts.length === 0) return [];
  const active = await trx
    .selectFrom('alert_rules')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('active', '=', true)
    .execute();
  const rules = options.textRulesOnly
    ? active.filter((rule) => needsTextAnalysis(rule.conditions as Condition[]))
    : active;
  if (rules.length === 0) return [];
  const responseIds = facts.map((f) => f.response_id);
  const analyses = await acting.commentAnalyses(trx, orgId, responseIds);

  const matches: { rule: (typeof rules)[number]; row: FactsRow }[] = [];
  for (const row of facts) {
    const responseFacts = factsOf(row, analyses.get(row.response_id) ?? null);
    for (const rule of rules) {
      if (
        !ruleApplies(
          { surveyId: rule.survey_id, touchpointId: rule.touchpoint_id },
          { surveyId: row.survey_id, touchpointId: row.touchpoint_id },
        )
      )
        continue;
      if (conditionsHold(rule.conditions as Condition[], responseFacts)) matches.push({ rule, row });
    }
  }
  if (matches.length === 0) return [];
  // Concurrent evaluations insert in one order (rule, response), so their unique-key locks never
  // cross: inserted in arrival order, two workers sharing two cases can deadlock.
  matches.sort(
    (a, b) =>
      a.rule.rule_id.localeCompare(b.rule.rule_id) || a.row.response_id.localeCompare(b.row.response_id),
  );

  const managers = await trx
    .selectFrom('memberships')
    .innerJoin('org_units', (join) =>
      join
        .onRef('org_units.org_id', '=', 'memberships.org_id')
        .onRef('org_units.unit_id', '=', 'memberships.unit_id'),
    )
    .select(['org_units.path as unitPath', 'memberships.user_id as userId'])
    .where('memberships.org_id', '=', orgId)
    .where('memberships.role', '=', 'manager')
    .execute();

  const now = acting.now();
  const values = matches.map(({ rule, row }) => {
    const owner = resolveOwner({
      accountOwnerId: row.account_owner,
      unitPath: row.unit_path,
      managers,
      fallbackQueue: rule.fallback_queue,
    });
    const due = dueDates(now, {
      firstContactHours: rule.first_contact_hours,
      resolutionDays: rule.resolution_days,
    });
    return {
      org_id: orgId,
      rule_id: rule.rule_id,
      response_id: row.response_id,
      title: row.account_name ? `${rule.name}: ${row.account_name}` : rule.name,
      priority: rule.priority,
      unit_id: row.unit_id,
      account_id: row.account_id,
      contact_id: row.contact_id,
      owner_user_id: owner.ownerUserId,
      queue: owner.queue,
      owner_reason: owner.reason,
      channels: rule.channels,
      escalation_step_hours: rule.first_contact_hours,
      first_contact_due_at: due.firstContactDueAt,
      resolution_due_at: due.resolutionDueAt,
      next_escalation_at: nextEscalationAt(
        {
          status: 'new',
          firstContactDueAt: due.firstContactDueAt,
          resolutionDueAt: due.resolutionDueAt,
          firstContactedAt: null,
          lastEscalatedAt: null,
        },
        rule.first_contact_hours,
      ),
    };
  });
  const opened = await trx
    .insertInto('cases')
    .values(values)
    .onConflict((oc) => oc.columns(['org_id', 'rule_id', 'response_id']).doNothing())
    .returning([
      'case_id',
      'rule_id',
      'response_id',
      'owner_user_id',
      'queue',
      'title',
      'priority',
      'channels',
      'unit_id',
      'account_id',
    ])
    .execute();
  await announceAll(
    trx,
    acting,
    opened.map((c) => ({
      orgId,
      caseId: c.case_id,
      type: 'case.created' as const,
      recipients: [c.owner_user_id],
      title: c.title,
      channels: c.channels,
      data: {
        caseId: c.case_id,
        ruleId: c.rule_id,
        responseId: c.response_id,
        priority: c.priority,
        ownerUserId: c.owner_user_id,
        queue: c.queue,
        unitId: c.unit_id,
        accountId: c.account_id,
      },
    })),
  );
  return opened.map((c) => ({
    caseId: c.case_id,
    // Evaluation always opens a case for a rule (only a person's case has none).
    ruleId: c.rule_id as string,
    responseId: c.response_id,
    ownerUserId: c.owner_user_id,
    queue: c.queue,
  }));
}

function factsOf(row: FactsRow, analyses: ResponseFacts['analyses']): ResponseFacts {
  const forces: Record<ForceKey, number | null> = {
    certainty: row.force_certainty,
    control: row.force_control,
    fairTreatment: row.force_fair_treatment,
    belonging: row.force_belonging,
    status: row.force_status,
    enjoyment: row.force_enjoyment,
  };
  return {
    nps: row.nps,
    forces,
    segment: row.segment,
    dissonance: row.dissonance,
    criticalIncident: row.critical_incident,
    accountTier: row.account_tier,
    commentText: row.comment_text,
    analyses,
  };
}
