import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { Actor } from '../policies/actor.ts';
import { inOrganisation, inScope } from '../policies/scope.ts';

export interface SurveySummary {
  surveyId: string;
  slug: string;
  name: string;
  kind: string;
  status: string;
  currentVersion: number | null;
  responses: number;
}

/** The organisation's surveys, each with the number of complete responses the actor may see. */
export async function listSurveys(db: Kysely<Schema>, actor: Actor): Promise<SurveySummary[]> {
  const surveys = await inOrganisation(db.selectFrom('surveys'), actor, 'surveys')
    .select(['survey_id', 'slug', 'name', 'kind', 'status', 'current_version'])
    .orderBy('name')
    .execute();
  const counts = await inScope(db.selectFrom('responses'), actor, 'responses')
    .select(['responses.survey_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('responses.status', '=', 'complete')
    .groupBy('responses.survey_id')
    .execute();
  const bySurvey = new Map(counts.map((row) => [row.survey_id, Number(row.n)]));
  return surveys.map((s) => ({
    surveyId: s.survey_id,
    slug: s.slug,
    name: s.name,
    kind: s.kind,
    status: s.status,
    currentVersion: s.current_version,
    responses: bySurvey.get(s.survey_id) ?? 0,
  }));
}
