import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { isAnswered } from '../surveys/definition/index.ts';
import type { PublishedSurvey } from '../surveys/versions.ts';
import { questionsOf } from './measures.ts';
import { qualityFlags, resolveCleaningRules, responseFingerprint } from './quality/index.ts';

export interface QualityContext {
  answers: Record<string, unknown>;
  contactId: string | null;
  startedAt: Date | null;
  honeypot?: string | null;
  ipAddress?: string | null;
  userAgent?: string | null;
  language: string;
}

const MEDIAN_TTL_MS = 10 * 60_000;
const MIN_FOR_MEDIAN = 30;
const medians = new Map<string, { seconds: Promise<number | null>; at: number }>();

/**
 * The survey's median completion time over its latest 500 timed responses, refreshed every 10
 * minutes. The promise is cached, so the requests that arrive while it is being read share one query
 * instead of each running their own.
 */
function medianSeconds(database: Database, survey: PublishedSurvey): Promise<number | null> {
  const key = `${survey.orgId}/${survey.surveyId}`;
  const cached = medians.get(key);
  if (cached && Date.now() - cached.at < MEDIAN_TTL_MS) return cached.seconds;
  const seconds = sql<{ median: number | null; n: number }>`
    select percentile_cont(0.5) within group (order by duration_seconds) as median, count(*)::int as n
    from (
      select duration_seconds from responses
      where org_id = ${survey.orgId} and survey_id = ${survey.surveyId} and duration_seconds is not null
      order by submitted_at desc limit 500
    ) latest`
    .execute(database.db)
    .then(({ rows }) => (rows[0] && rows[0].n >= MIN_FOR_MEDIAN ? Number(rows[0].median) : null));
  medians.set(key, { seconds, at: Date.now() });
  // A failed read is not kept: the next response asks again.
  seconds.catch(() => {
    if (medians.get(key)?.seconds === seconds) medians.delete(key);
  });
  return seconds;
}

// Resolved once per survey version object (the published-survey cache hands out the same object).
const resolvedRules = new WeakMap<PublishedSurvey, ReturnType<typeof resolveCleaningRules>>();

function rulesOf(survey: PublishedSurvey) {
  let rules = resolvedRules.get(survey);
  if (!rules) {
    rules = resolveCleaningRules((survey.settings as { cleaningRules?: unknown }).cleaningRules);
    resolvedRules.set(survey, rules);
  }
  return rules;
}

/**
 * Flags a response with the survey's cleaning rules (speeder, straight-liner, duplicate, bot,
 * gibberish). Flagged responses are stored all the same, only left out of analysis.
 */
export async function assessQuality(
  database: Database,
  survey: PublishedSurvey,
  context: QualityContext,
  options: { duplicatesInStatement?: boolean } = {},
) {
  const rules = rulesOf(survey);
  const fingerprint = responseFingerprint({
    surveyId: survey.surveyId,
    contactId: context.contactId,
    ipAddress: context.ipAddress,
    userAgent: context.userAgent,
    answers: context.answers,
  });
  const since = new Date(Date.now() - rules.duplicateWindowHours * 3_600_000);
  // The API path checks duplicates inside the statement that stores the response (one round trip less).
  const recent = options.duplicatesInStatement
    ? []
    : await database.db
        .selectFrom('responses')
        .select(['fingerprint', 'contact_id', 'submitted_at'])
        .where('org_id', '=', survey.orgId)
        .where('survey_id', '=', survey.surveyId)
        .where('status', '=', 'complete')
        .where('submitted_at', '>', since)
        .where((eb) =>
          context.contactId
            ? eb.or([eb('contact_id', '=', context.contactId), eb('fingerprint', '=', fingerprint)])
            : eb('fingerprint', '=', fingerprint),
        )
        .limit(20)
        .execute();
  const now = new Date();
  const comments = questionsOf(survey.definition)
    .filter((q) => q.type === 'text' && isAnswered(context.answers[q.id]))
    .map((q) => String(context.answers[q.id]));
  const verdict = qualityFlags(
    {
      definition: survey.definition,
      answers: context.answers,
      durationSeconds: context.startedAt ? (now.getTime() - context.startedAt.getTime()) / 1000 : null,
      medianSeconds: await medianSeconds(database, survey),
      honeypot: context.honeypot,
      comments,
      language: context.language,
      fingerprint,
      contactId: context.contactId,
      submittedAt: now,
      recent: recent.map((r) => ({
        fingerprint: r.fingerprint ?? '',
        contactId: r.contact_id,
        submittedAt: new Date(r.submitted_at),
      })),
    },
    rules,
  );
  return {
    flags: verdict.flags as string[],
    excluded: verdict.excluded,
    fingerprint,
    duplicateCheck: { since, excludes: rules.excludeFlags.includes('duplicate') },
  };
}
