import { Readable } from 'node:stream';
import { copyOutInIndexOrder } from '../db/copyOut.ts';
import type { Database } from '../db/database.ts';
import type { Actor } from '../policies/actor.ts';

/** Whose responses: an organisation, and a unit subtree for unit-scoped actors (null: all). */
export type JsonLinesScope = Pick<Actor, 'orgId' | 'unitPath'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNIT_PATH = /^\/([0-9a-f-]{36}\/)+$/i;
const PAGE = 2000;

const utc = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * One response as one JSON object, built by the database so the answers and hidden fields (jsonb)
 * pass through untouched: identifiers, version, times (UTC), channel, language, who and where,
 * the typed measures, the raw answers, the hidden fields and the quality verdict.
 */
const RESPONSE_JSON = `json_build_object(
  'responseId', r.response_id, 'surveyId', r.survey_id, 'surveyVersion', r.survey_version,
  'startedAt', ${utc('r.started_at')}, 'submittedAt', ${utc('r.submitted_at')},
  'channel', r.channel, 'language', r.language,
  'accountId', r.account_id, 'contactId', r.contact_id, 'unitId', r.unit_id, 'touchpointId', r.touchpoint_id,
  'measures', json_build_object(
    'nps', r.nps, 'csat', r.csat, 'ces', r.ces,
    'forces', json_build_object('certainty', r.force_certainty, 'control', r.force_control,
      'fairTreatment', r.force_fair_treatment, 'belonging', r.force_belonging,
      'status', r.force_status, 'enjoyment', r.force_enjoyment),
    'satisfaction', r.satisfaction, 'attachment', r.attachment, 'segment', r.segment,
    'relationshipStrength', r.relationship_strength, 'continueLikelihood', r.continue_likelihood,
    'buyMore', r.buy_more, 'shareOfSpend', r.share_of_spend, 'preferenceRank', r.preference_rank,
    'dissonance', r.dissonance, 'criticalIncident', r.critical_incident),
  'answers', r.answers, 'hidden', r.hidden,
  'quality', json_build_object('flags', r.quality_flags, 'excluded', r.excluded,
    'durationSeconds', r.duration_seconds)
)::text`;

/**
 * The responses an export covers, written out as SQL because COPY takes no bind parameters: each
 * value is checked to be a UUID or a unit path first, so nothing else can reach the statement.
 */
function exportCondition(scope: JsonLinesScope, surveyId: string): string {
  if (!UUID.test(scope.orgId) || !UUID.test(surveyId)) throw new Error('export scope: not a UUID');
  let where = `r.org_id = '${scope.orgId}' and r.survey_id = '${surveyId}' and r.status = 'complete'`;
  if (scope.unitPath !== null) {
    if (!UNIT_PATH.test(scope.unitPath)) throw new Error('export scope: not a unit path');
    where += ` and exists (select 1 from org_units u where u.org_id = r.org_id and u.unit_id = r.unit_id and u.path like '${scope.unitPath}%')`;
  }
  return where;
}

/** How many responses an export of the survey holds, in any format (the progress bar, X-Total-Count). */
export async function exportedResponseCount(
  database: Database,
  scope: JsonLinesScope,
  surveyId: string,
): Promise<number> {
  const { rows } = await database.pool.query(
    `select count(*)::int as n from responses r where ${exportCondition(scope, surveyId)}`,
  );
  return rows[0].n;
}

/**
 * On a server, COPY streams the JSON text as the database produces it. CSV format with a delimiter
 * and a quote character that JSON text never holds raw (control characters are escaped as \\u00XX
 * and newlines as \\n) copies each object verbatim, one per line, where text format would double
 * every backslash.
 */
async function* copiedLines(database: Database, where: string): AsyncGenerator<Buffer> {
  yield* copyOutInIndexOrder(
    database,
    `COPY (select ${RESPONSE_JSON} from responses r where ${where} order by r.submitted_at, r.response_id)
     TO STDOUT WITH (FORMAT csv, DELIMITER E'\\x01', QUOTE E'\\x02')`,
  );
}

/**
 * On PGlite (one shared session), pages by keyset so other requests run between pages. The key's
 * time travels as text, keeping its microseconds.
 */
async function* pagedLines(database: Database, where: string): AsyncGenerator<Buffer> {
  let after: [string, string] | null = null;
  for (;;) {
    const keyset: string = after ? ' and (r.submitted_at, r.response_id) > ($1::timestamptz, $2::uuid)' : '';
    const params: string[] = after ?? [];
    const { rows } = await database.pool.query<{ k_at: string; k_id: string; line: string }>(
      `select r.submitted_at::text as k_at, r.response_id::text as k_id, ${RESPONSE_JSON} as line
       from responses r where ${where}${keyset} order by r.submitted_at, r.response_id limit ${PAGE}`,
      params,
    );
    if (rows.length === 0) return;
    yield Buffer.from(rows.map((row) => `${row.line}\n`).join(''));
    const last = rows[rows.length - 1];
    after = [last.k_at, last.k_id];
    if (rows.length < PAGE) return;
  }
}

/** A survey's responses in scope as JSON Lines, in submission order, in constant memory. */
export function jsonLinesExport(database: Database, scope: JsonLinesScope, surveyId: string): Readable {
  const where = exportCondition(scope, surveyId);
  return Readable.from(
    database.engine === 'postgres' ? copiedLines(database, where) : pagedLines(database, where),
  );
}
