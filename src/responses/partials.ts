import type { Database } from '../db/database.ts';
import type { PublishedSurvey } from '../surveys/versions.ts';

export interface PartialResponse {
  responseId: string;
  answers: Record<string, unknown>;
  startedAt: Date | null;
}

/** A respondent's saved progress, if any (found by the hash of their resume secret). */
export async function findPartial(
  database: Database,
  orgId: string,
  resumeHash: string,
): Promise<PartialResponse | null> {
  const row = await database.db
    .selectFrom('responses')
    .select(['response_id', 'answers', 'started_at', 'status'])
    .where('org_id', '=', orgId)
    .where('resume_hash', '=', resumeHash)
    .executeTakeFirst();
  if (row?.status !== 'partial') return null;
  return { responseId: row.response_id, answers: row.answers, startedAt: row.started_at };
}

/**
 * Saves the answers given so far (page by page), creating the partial response on the first save.
 * Partial responses never enter analysis: they are not complete and not queued for the rollups.
 */
export async function savePartial(
  database: Database,
  survey: PublishedSurvey,
  input: {
    resumeHash: string;
    answers: Record<string, unknown>;
    hidden: Record<string, unknown>;
    contactId: string | null;
    accountId: string | null;
    touchpointId: string | null;
    language: string;
    channel: string;
  },
): Promise<void> {
  await database.db
    .insertInto('responses')
    .values({
      org_id: survey.orgId,
      survey_id: survey.surveyId,
      survey_version: survey.version,
      contact_id: input.contactId,
      account_id: input.accountId,
      touchpoint_id: input.touchpointId ?? survey.touchpointId,
      channel: input.channel,
      language: input.language,
      started_at: new Date(),
      submitted_at: new Date(),
      status: 'partial',
      resume_hash: input.resumeHash,
      answers: JSON.stringify(input.answers),
      hidden: JSON.stringify(input.hidden),
    })
    .onConflict((oc) =>
      oc
        .columns(['org_id', 'resume_hash'])
        .where('resume_hash', 'is not', null)
        .doUpdateSet({
          answers: JSON.stringify(input.answers),
          language: input.language,
          submitted_at: new Date(),
        })
        .where('responses.status', '=', 'partial'),
    )
    .execute();
}
