import { sql } from 'kysely';
import { type Database, transaction } from '../db/database.ts';
import { queueWebhookEvents } from './queueEvent.ts';

/**
 * How far back each sweep looks again behind its cursor. A response is stamped before its
 * transaction commits, so one committed a little late can carry a time the cursor has passed;
 * looking back (the events' unique subject makes that free of duplicates) still finds it.
 */
const LOOK_BACK_SECONDS = 120;

export interface SweepResult {
  events: number;
}

/**
 * Turns newly stored complete responses into `response.created` events, in batches, for the
 * organisations that have an enabled endpoint subscribed to it. Ingestion is left untouched (its
 * one batched statement stays one round trip); the event follows within a sweep interval.
 * Responses stored before the first endpoint existed are not announced.
 */
export async function sweepResponseEvents(database: Database, batchSize = 500): Promise<SweepResult> {
  const organisations = await database.db
    .selectFrom('webhook_endpoints as p')
    .leftJoin('webhook_sweeps as s', 's.org_id', 'p.org_id')
    .select([
      'p.org_id',
      // Never before the first endpoint existed; otherwise a little before the cursor (see above).
      sql<Date>`greatest(min(p.created_at), max(s.swept_until) - make_interval(secs => ${LOOK_BACK_SECONDS}))`.as(
        'since',
      ),
    ])
    .where('p.enabled', '=', true)
    .where((w) =>
      w.or([
        sql<boolean>`cardinality(p.event_types) = 0`,
        sql<boolean>`'response.created' = any(p.event_types)`,
      ]),
    )
    .groupBy('p.org_id')
    .execute();
  let events = 0;
  for (const organisation of organisations) {
    for (;;) {
      const stored = await transaction(database, async (trx) => {
        const responses = await trx
          .selectFrom('responses as r')
          .select([
            'r.response_id',
            'r.survey_id',
            'r.survey_version',
            'r.contact_id',
            'r.account_id',
            'r.touchpoint_id',
            'r.channel',
            'r.language',
            'r.submitted_at',
            'r.excluded',
            'r.nps',
            'r.csat',
            'r.ces',
            'r.segment',
            'r.force_certainty',
            'r.force_control',
            'r.force_fair_treatment',
            'r.force_belonging',
            'r.force_status',
            'r.force_enjoyment',
            'r.answers',
          ])
          .where('r.org_id', '=', organisation.org_id)
          .where('r.status', '=', 'complete')
          .where('r.submitted_at', '>=', organisation.since)
          .where((w) =>
            w.not(
              w.exists(
                w
                  .selectFrom('webhook_events as e')
                  .select(sql.lit(1).as('one'))
                  .where('e.org_id', '=', organisation.org_id)
                  .where('e.type', '=', 'response.created')
                  .whereRef('e.subject_id', '=', sql`r.response_id::text`),
              ),
            ),
          )
          .orderBy('r.submitted_at')
          .limit(batchSize)
          .execute();
        const recorded = await queueWebhookEvents(
          trx,
          responses.map((r) => ({
            orgId: organisation.org_id,
            type: 'response.created',
            subjectId: r.response_id,
            occurredAt: new Date(r.submitted_at),
            data: {
              responseId: r.response_id,
              surveyId: r.survey_id,
              surveyVersion: r.survey_version,
              contactId: r.contact_id,
              accountId: r.account_id,
              touchpointId: r.touchpoint_id,
              channel: r.channel,
              language: r.language,
              submittedAt: new Date(r.submitted_at).toISOString(),
              excluded: r.excluded,
              measures: {
                nps: r.nps,
                csat: r.csat,
                ces: r.ces,
                segment: r.segment,
                forces: {
                  certainty: r.force_certainty,
                  control: r.force_control,
                  fairTreatment: r.force_fair_treatment,
                  belonging: r.force_belonging,
                  status: r.force_status,
                  enjoyment: r.force_enjoyment,
                },
              },
              answers: r.answers,
            },
          })),
        );
        const last = responses.at(-1);
        if (last) {
          await trx
            .insertInto('webhook_sweeps')
            .values({ org_id: organisation.org_id, swept_until: last.submitted_at })
            .onConflict((oc) =>
              oc.column('org_id').doUpdateSet({
                swept_until: sql`greatest(webhook_sweeps.swept_until, excluded.swept_until)`,
              }),
            )
            .execute();
        }
        return { seen: responses.length, recorded };
      });
      events += stored.recorded;
      if (stored.seen < batchSize) break;
    }
  }
  return { events };
}
