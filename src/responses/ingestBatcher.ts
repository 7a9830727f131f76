import type { Database } from '../db/database.ts';

/**
 * Gathers the single-statement inserts that arrive together (same turn of the event loop) into one
 * statement over arrays, so a burst of API responses costs one round trip and one commit instead of
 * one each; a lone request is a batch of one. Every caller still waits for the commit that stores its
 * own response. If a batch fails (one bad row fails the statement), each row is retried on its own,
 * so one bad row fails only its own request.
 */
export class IngestBatcher {
  readonly #database: Database;
  #pending: { values: unknown[]; resolve: (id: string | null) => void; reject: (error: unknown) => void }[] =
    [];
  #scheduled = false;

  constructor(database: Database) {
    this.#database = database;
  }

  /** Stores one response (the parameters listed in storeInOneStatement); resolves with its id, or null on an idempotent repeat. */
  store(values: unknown[]): Promise<string | null> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ values, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  async #flush(): Promise<void> {
    const batch = this.#pending.splice(0, 256);
    this.#scheduled = this.#pending.length > 0;
    if (this.#scheduled) setImmediate(() => this.#flush());
    try {
      const stored = await this.#storeBatch(batch.map((b) => b.values));
      for (const entry of batch)
        entry.resolve(stored.has(entry.values[1] as string) ? (entry.values[1] as string) : null);
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      for (const entry of batch) {
        this.#storeBatch([entry.values]).then(
          (stored) => entry.resolve(stored.size ? (entry.values[1] as string) : null),
          entry.reject,
        );
      }
    }
  }

  async #storeBatch(rows: unknown[][]): Promise<Set<string>> {
    const column = (i: number) => rows.map((row) => row[i]);
    const flags = rows.map((row) => `{${(row[11] as string[]).join(',')}}`);
    const comments = rows.flatMap((row) =>
      (row[39] as string[]).map((questionId, k) => ({
        responseId: row[1] as string,
        questionId,
        text: (row[40] as string[])[k],
      })),
    );
    const values = [
      ...Array.from({ length: 11 }, (_, i) => column(i)),
      flags,
      ...Array.from({ length: 39 - 12 }, (_, i) => column(12 + i)),
      comments.map((c) => c.responseId),
      comments.map((c) => c.questionId),
      comments.map((c) => c.text),
    ];
    const { rows: stored } = await this.#database.pool.prepared<{ response_id: string }>(
      'rapport_ingest_batch_v2',
      BATCH_STATEMENT,
      values,
    );
    return new Set(stored.map((r) => r.response_id));
  }
}

const TYPES = [
  'uuid',
  'uuid',
  'uuid',
  'int',
  'uuid',
  'uuid',
  'uuid',
  'text',
  'text',
  'timestamptz',
  'timestamptz',
  'text',
  'boolean',
  'text',
  'int',
  'text',
  'smallint',
  'smallint',
  'smallint',
  'real',
  'real',
  'real',
  'real',
  'real',
  'real',
  'real',
  'real',
  'text',
  'real',
  'smallint',
  'smallint',
  'real',
  'smallint',
  'text',
  'boolean',
  'text',
  'text',
  'timestamptz',
  'boolean',
];
const NAMES = [
  'org_id',
  'response_id',
  'survey_id',
  'survey_version',
  'contact_id',
  'account_id',
  'touchpoint_id',
  'channel',
  'language',
  'started_at',
  'submitted_at',
  'flags',
  'excluded',
  'idempotency_key',
  'duration_seconds',
  'fingerprint',
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
  'dup_since',
  'dup_excludes',
];

/**
 * The statement that stores responses, one row per response from parallel arrays (parameters as in
 * storeInOneStatement). While the organisation has active alert rules, each response is also queued
 * for them (alerts/alertSweeper.ts), in the same statement.
 */
const BATCH_STATEMENT = `
with input as (
  select * from unnest(${TYPES.map((type, i) => `$${i + 1}::${type}[]`).join(', ')})
    as t(${NAMES.join(', ')})
),
checked as (
  select input.*, (dup_since is not null and exists (
    select 1 from responses d
    where d.org_id = input.org_id and d.survey_id = input.survey_id and d.status = 'complete' and d.submitted_at > dup_since
      and (d.fingerprint = input.fingerprint or d.contact_id = input.contact_id)
  )) as found
  from input
),
ins as (
  insert into responses (
    org_id, response_id, survey_id, survey_version, contact_id, account_id, touchpoint_id, unit_id, channel, language,
    started_at, submitted_at, status, quality_flags, excluded, idempotency_key, duration_seconds, fingerprint,
    nps, csat, ces, force_certainty, force_control, force_fair_treatment, force_belonging, force_status, force_enjoyment,
    satisfaction, attachment, segment, relationship_strength, continue_likelihood, buy_more, share_of_spend,
    preference_rank, dissonance, critical_incident, answers, hidden)
  select org_id, response_id, survey_id, survey_version, contact_id, account_id, touchpoint_id,
    (select a.unit_id from accounts a where a.org_id = checked.org_id and a.account_id = checked.account_id),
    channel, language, started_at, submitted_at, 'complete',
    flags::text[] || case when found then array['duplicate'] else '{}'::text[] end,
    excluded or (found and dup_excludes), idempotency_key, duration_seconds, fingerprint,
    nps, csat, ces, force_certainty, force_control, force_fair_treatment, force_belonging, force_status, force_enjoyment,
    satisfaction, attachment, segment, relationship_strength, continue_likelihood, buy_more, share_of_spend,
    preference_rank, dissonance, critical_incident, answers::jsonb, hidden::jsonb
  from checked
  on conflict (org_id, idempotency_key) where idempotency_key is not null do nothing
  returning org_id, response_id, excluded, language, account_id, contact_id, submitted_at
),
queued as (insert into rollup_queue (org_id, response_id, sign) select org_id, response_id, 1 from ins where not excluded),
alerting as (
  insert into alert_queue (org_id, response_id) select org_id, response_id from ins
  where not excluded and exists (select 1 from alert_rules r where r.org_id = ins.org_id and r.active)
),
noted as (
  insert into comments (org_id, response_id, question_id, source, text, language, account_id, contact_id, created_at)
  select ins.org_id, ins.response_id, c.question_id, 'survey', c.text, ins.language, ins.account_id, ins.contact_id, ins.submitted_at
  from unnest($${TYPES.length + 1}::uuid[], $${TYPES.length + 2}::text[], $${TYPES.length + 3}::text[]) as c(response_id, question_id, text)
  join ins on ins.response_id = c.response_id
)
select response_id from ins`;
