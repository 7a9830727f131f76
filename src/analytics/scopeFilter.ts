import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { notFound } from '../http/problem.ts';
import type { Actor } from '../policies/actor.ts';
import type { CellFilter } from './cellQuery.ts';

export interface FilterInput {
  from?: string;
  to?: string;
  unitId?: string;
  surveyId?: string;
  touchpointKey?: string;
  journeyKey?: string;
  stageKey?: string;
  segment?: string;
  language?: string;
  channel?: string;
}

/**
 * Turns an analytics request into a cell filter inside the actor's scope: a requested unit must lie
 * in the actor's subtree (else it is "not found"), and without one the actor's own scope applies.
 */
export async function cellFilterFor(
  db: Kysely<Schema>,
  actor: Actor,
  input: FilterInput,
): Promise<CellFilter> {
  let unitPath = actor.unitPath;
  if (input.unitId) {
    const unit = await db
      .selectFrom('org_units')
      .select('path')
      .where('org_id', '=', actor.orgId)
      .where('unit_id', '=', input.unitId)
      .executeTakeFirst();
    if (!unit || (actor.unitPath && !unit.path.startsWith(actor.unitPath))) throw notFound('unit');
    unitPath = unit.path;
  }
  let touchpointIds: string[] | undefined;
  if (input.touchpointKey || input.stageKey || input.journeyKey) {
    let query = db
      .selectFrom('touchpoints')
      .innerJoin('journey_stages', (j) =>
        j
          .onRef('journey_stages.org_id', '=', 'touchpoints.org_id')
          .onRef('journey_stages.stage_id', '=', 'touchpoints.stage_id'),
      )
      .innerJoin('journeys', (j) =>
        j
          .onRef('journeys.org_id', '=', 'journey_stages.org_id')
          .onRef('journeys.journey_id', '=', 'journey_stages.journey_id'),
      )
      .select('touchpoints.touchpoint_id')
      .where('touchpoints.org_id', '=', actor.orgId);
    if (input.touchpointKey) query = query.where('touchpoints.key', '=', input.touchpointKey);
    if (input.stageKey) query = query.where('journey_stages.key', '=', input.stageKey);
    if (input.journeyKey) query = query.where('journeys.key', '=', input.journeyKey);
    touchpointIds = (await query.execute()).map((r) => r.touchpoint_id);
  }
  return {
    orgId: actor.orgId,
    from: input.from,
    to: input.to,
    unitPath,
    surveyId: input.surveyId,
    touchpointIds,
    segment: input.segment,
    language: input.language,
    channel: input.channel,
  };
}
