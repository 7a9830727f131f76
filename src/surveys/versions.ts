import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { SurveyDefinition } from './definition/index.ts';

export interface PublishedSurvey {
  surveyId: string;
  orgId: string;
  slug: string;
  name: string;
  status: 'draft' | 'open' | 'closed';
  version: number;
  definition: SurveyDefinition;
  settings: Record<string, unknown>;
  touchpointId: string | null;
}

// Published versions never change, so their parsed definitions are kept (bounded, oldest out first).
const definitions = new Map<string, SurveyDefinition>();
const MAX_CACHED = 500;

async function definitionOf(db: Kysely<Schema>, orgId: string, surveyId: string, version: number) {
  const key = `${orgId}/${surveyId}/${version}`;
  const cached = definitions.get(key);
  if (cached) return cached;
  const row = await db
    .selectFrom('survey_versions')
    .select('definition')
    .where('org_id', '=', orgId)
    .where('survey_id', '=', surveyId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) return null;
  const definition = row.definition as unknown as SurveyDefinition;
  if (definitions.size >= MAX_CACHED) definitions.delete(definitions.keys().next().value!);
  definitions.set(key, definition);
  return definition;
}

// The survey row is re-read at most once a second per process: a closed survey stops taking
// responses within a second everywhere, and at once in the process that closed it (forgetSurvey).
const SURVEY_TTL_MS = 1000;
const surveys = new Map<string, { survey: PublishedSurvey | null; at: number }>();

/** Drops the cached state of a survey after it changed (published, closed, reopened, settings). */
export function forgetSurvey(orgId: string, surveyId: string): void {
  for (const [key, entry] of surveys) {
    if (
      key === `${orgId}/${surveyId}` ||
      (entry.survey?.orgId === orgId && entry.survey.surveyId === surveyId)
    )
      surveys.delete(key);
  }
}

/** The survey's current state with its published definition. */
export async function currentSurvey(
  db: Kysely<Schema>,
  where: { orgId: string; surveyId: string } | { slug: string },
): Promise<PublishedSurvey | null> {
  const key = 'slug' in where ? `slug:${where.slug}` : `${where.orgId}/${where.surveyId}`;
  const cached = surveys.get(key);
  if (cached && Date.now() - cached.at < SURVEY_TTL_MS) return cached.survey;
  const survey = await readSurvey(db, where);
  if (surveys.size > 5000) surveys.clear();
  surveys.set(key, { survey, at: Date.now() });
  return survey;
}

async function readSurvey(
  db: Kysely<Schema>,
  where: { orgId: string; surveyId: string } | { slug: string },
): Promise<PublishedSurvey | null> {
  let query = db
    .selectFrom('surveys')
    .select([
      'org_id',
      'survey_id',
      'slug',
      'name',
      'status',
      'current_version',
      'settings',
      'touchpoint_id',
    ]);
  query =
    'slug' in where
      ? query.where('slug', '=', where.slug)
      : query.where('org_id', '=', where.orgId).where('survey_id', '=', where.surveyId);
  const rows = await query.limit(2).execute();
  // An open-link slug must name one survey across organisations; an ambiguous one is refused.
  if (rows.length !== 1) return null;
  const row = rows[0];
  if (row.current_version === null) return null;
  const definition = await definitionOf(db, row.org_id, row.survey_id, row.current_version);
  if (!definition) return null;
  return {
    surveyId: row.survey_id,
    orgId: row.org_id,
    slug: row.slug,
    name: row.name,
    status: row.status,
    version: row.current_version,
    definition,
    settings: row.settings,
    touchpointId: row.touchpoint_id,
  };
}
