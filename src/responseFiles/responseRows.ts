import { randomUUID } from 'node:crypto';
import { measureColumns, responseMeasures } from '../responses/measures.ts';
import { isAnswered, surveyQuestions, validateAnswers } from '../surveys/definition/index.ts';
import { compileRowAnswers } from './answerCells.ts';
import { type ImportPlan, importKey } from './importPlan.ts';

/** The responses columns an import writes (the rest keep their defaults). */
export const IMPORT_RESPONSE_COLUMNS = [
  'org_id',
  'response_id',
  'survey_id',
  'survey_version',
  'contact_id',
  'account_id',
  'touchpoint_id',
  'unit_id',
  'channel',
  'language',
  'started_at',
  'submitted_at',
  'status',
  'idempotency_key',
  'duration_seconds',
  'nps',
  'csat',
  'ces',
  'force_certainty',
  'force_control',
  'force_fair_treatment',
  'force_belonging',
  'force_status',
  'force_enjoyment',
  'satisfaction',
  'attachment',
  'segment',
  'relationship_strength',
  'continue_likelihood',
  'buy_more',
  'share_of_spend',
  'preference_rank',
  'dissonance',
  'critical_incident',
  'answers',
  'hidden',
] as const;

export const IMPORT_COMMENT_COLUMNS = [
  'org_id',
  'comment_id',
  'response_id',
  'question_id',
  'source',
  'text',
  'language',
  'account_id',
  'contact_id',
  'created_at',
] as const;

export type Row = Record<string, unknown>;

export type RowOutcome =
  | { kind: 'response'; response: Row; comments: Row[] }
  | { kind: 'skipped'; reason: string };

// Exports write local times without a zone ("2017-07-18 08:28:09"); they are read as UTC.
const EXPORT_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/;

export function exportTime(text: string | undefined): Date | null {
  if (!text) return null;
  const trimmed = text.trim();
  const match = EXPORT_TIME.exec(trimmed);
  if (match && !/(Z|[+-]\d{2}:?\d{2})$/.test(trimmed)) {
    const [, y, mo, d, h, mi, s] = match;
    const time = Date.UTC(+y, +mo - 1, +d, +h, +mi, s ? +s : 0);
    return Number.isNaN(time) ? null : new Date(time);
  }
  const parsed = new Date(trimmed);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

const LANGUAGE = /^[a-z]{2}(-[a-z]{2})?$/i;
const UNFINISHED = new Set(['0', 'false', 'f', 'no']);

/** A version-7 UUID from a millisecond clock, so a bulk load appends to the primary-key index. */
export function timeOrderedUuid(at: number): string {
  const time = at.toString(16).padStart(12, '0');
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15, 18)}-${random.slice(19, 23)}-${random.slice(24)}`;
}

/**
 * Turns one export row into a response the way ingestion does: the mapped cells become answers,
 * validated against the survey version (types, ranges, required answers, logic), and the measures
 * are derived by the Forces core. Rows that cannot be a complete response are skipped with a reason.
 */
export function rowConverter(plan: ImportPlan): (cells: readonly string[]) => RowOutcome {
  const { layout, definition } = plan;
  const meta = layout.meta;
  const answersOf = compileRowAnswers(definition, plan.mapped);
  const contacts = new Map(
    plan.contacts.map(([email, contactId, accountId, unitId]) => [email, { contactId, accountId, unitId }]),
  );
  const textQuestions = surveyQuestions(definition)
    .filter((q) => q.type === 'text')
    .map((q) => q.id);
  let clock = plan.startedAt;
  return (cells) => {
    const sourceId = cells[meta.responseId!]?.trim();
    if (!sourceId) return { kind: 'skipped', reason: 'no response id' };
    if (meta.finished !== undefined && UNFINISHED.has((cells[meta.finished] ?? '').trim().toLowerCase()))
      return { kind: 'skipped', reason: 'response not finished' };
    const submitted = exportTime(cells[meta.submittedAt ?? -1]);
    if (!submitted) {
      return {
        kind: 'skipped',
        reason:
          layout.shape === 'limesurvey'
            ? 'response not completed (no submission date)'
            : 'no submission date',
      };
    }
    const started = exportTime(cells[meta.startedAt ?? -1]);
    const { answers, hidden, problems } = answersOf(cells);
    if (problems.length) return { kind: 'skipped', reason: problems[0] };
    const issues = validateAnswers(definition, answers, hidden);
    if (issues.length) return { kind: 'skipped', reason: `${issues[0].path}: ${issues[0].message}` };
    if (!Object.values(answers).some(isAnswered))
      return { kind: 'skipped', reason: 'no answers in the mapped columns' };
    const email = meta.email === undefined ? '' : (cells[meta.email] ?? '').trim().toLowerCase();
    const contact = email ? contacts.get(email) : undefined;
    const rawLanguage = meta.language === undefined ? '' : (cells[meta.language] ?? '').trim();
    const language = LANGUAGE.test(rawLanguage) ? rawLanguage.toLowerCase() : definition.defaultLanguage;
    const m = responseMeasures(definition, answers);
    const responseId = timeOrderedUuid(clock++);
    const key = importKey(plan, sourceId);
    const comments = textQuestions
      .filter((id) => isAnswered(answers[id]))
      .map((id) => ({
        org_id: plan.orgId,
        comment_id: timeOrderedUuid(clock),
        response_id: responseId,
        question_id: id,
        source: 'survey',
        text: String(answers[id]),
        language,
        account_id: contact?.accountId ?? null,
        contact_id: contact?.contactId ?? null,
        created_at: submitted,
      }));
    return {
      kind: 'response',
      comments,
      response: {
        org_id: plan.orgId,
        response_id: responseId,
        survey_id: plan.surveyId,
        survey_version: plan.surveyVersion,
        contact_id: contact?.contactId ?? null,
        account_id: contact?.accountId ?? null,
        touchpoint_id: plan.touchpointId,
        unit_id: contact?.unitId ?? null,
        channel: 'import',
        language,
        started_at: started,
        submitted_at: submitted,
        status: 'complete',
        idempotency_key: key,
        duration_seconds:
          started && started <= submitted
            ? Math.round((submitted.getTime() - started.getTime()) / 1000)
            : null,
        ...measureColumns(m),
        answers,
        hidden,
      },
    };
  };
}
