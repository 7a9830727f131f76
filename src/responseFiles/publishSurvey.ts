import { randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { transaction } from '../db/database.ts';
import { parseSurveyDefinition, type SurveyDefinition } from '../surveys/definition/index.ts';

/** A URL-safe slug from a name, with a random tail so it never collides. */
export function slugFor(name: string): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'survey';
  return `${base}-${randomBytes(3).toString('hex')}`;
}

/**
 * Creates a survey from a definition (one converted from a QSF, or inferred from an export) and
 * publishes it as version 1, so responses can be imported into it at once. The definition must
 * pass every rule of the format.
 */
export async function publishSurvey(
  database: Database,
  orgId: string,
  name: string,
  definition: SurveyDefinition,
): Promise<{ surveyId: string; slug: string }> {
  const parsed = parseSurveyDefinition(definition);
  if (!parsed.ok)
    throw new Error(
      `the survey definition is not valid: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  const surveyId = randomUUID();
  const slug = slugFor(name);
  await transaction(database, async (trx) => {
    await trx
      .insertInto('surveys')
      .values({
        org_id: orgId,
        survey_id: surveyId,
        slug,
        name,
        kind: 'relationship',
        status: 'open',
        current_version: 1,
        draft: JSON.stringify(definition),
      })
      .execute();
    await trx
      .insertInto('survey_versions')
      .values({ org_id: orgId, survey_id: surveyId, version: 1, definition: JSON.stringify(definition) })
      .execute();
  });
  return { surveyId, slug };
}
