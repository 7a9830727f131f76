import { sql, type Transaction } from 'kysely';
import { declareQueue, enqueueManyIn } from '../db/jobs.ts';
import type { Schema } from '../db/schema.ts';

/** The pg-boss queue whose jobs each attempt one delivery. */
export const WEBHOOK_DELIVERY_QUEUE = declareQueue('webhook-delivery');

export interface WebhookEvent {
  orgId: string;
  type: string;
  data: unknown;
  /** The stored object the event is about: an event per (type, subject) is recorded at most once. */
  subjectId?: string;
  occurredAt?: Date;
}

export interface DeliveryJob {
  orgId: string;
  deliveryId: string;
}

/**
 * Records events and one delivery per enabled endpoint subscribed to each event's type, and
 * enqueues those deliveries, all inside `trx`: the events exist exactly when the change they
 * describe commits. Events whose subject was already recorded are skipped. Returns how many
 * events were recorded.
 */
export async function queueWebhookEvents(trx: Transaction<Schema>, events: WebhookEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const rows = events.map((event) => ({
    org_id: event.orgId,
    event_id: crypto.randomUUID(),
    type: event.type,
    subject_id: event.subjectId ?? null,
    payload: JSON.stringify({
      type: event.type,
      timestamp: (event.occurredAt ?? new Date()).toISOString(),
      data: event.data,
    }),
  }));
  const recorded = await trx
    .insertInto('webhook_events')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['org_id', 'type', 'subject_id']).where('subject_id', 'is not', null).doNothing(),
    )
    .returning(['org_id', 'event_id'])
    .execute();
  if (recorded.length === 0) return 0;
  // One insert for every (event, matching endpoint) pair.
  const deliveries = await trx
    .insertInto('webhook_deliveries')
    .columns(['org_id', 'event_id', 'endpoint_id', 'next_attempt_at'])
    .expression((eb) =>
      eb
        .selectFrom('webhook_events as e')
        .innerJoin('webhook_endpoints as p', 'p.org_id', 'e.org_id')
        .select(['e.org_id', 'e.event_id', 'p.endpoint_id', sql<Date>`now()`.as('next_attempt_at')])
        .where(
          sql<boolean>`(e.org_id, e.event_id) in (select * from unnest(${sql.val(recorded.map((r) => r.org_id))}::uuid[], ${sql.val(recorded.map((r) => r.event_id))}::uuid[]))`,
        )
        .where('p.enabled', '=', true)
        .where((w) =>
          w.or([sql<boolean>`cardinality(p.event_types) = 0`, sql<boolean>`e.type = any(p.event_types)`]),
        ),
    )
    .returning(['org_id', 'delivery_id'])
    .execute();
  await enqueueManyIn(
    trx,
    WEBHOOK_DELIVERY_QUEUE,
    deliveries.map((d) => ({ data: { orgId: d.org_id, deliveryId: d.delivery_id } satisfies DeliveryJob })),
  );
  return recorded.length;
}

/** Records one event for the organisation's subscribed endpoints and enqueues their deliveries, inside `trx`. */
export async function queueWebhookEvent(
  trx: Transaction<Schema>,
  event: { orgId: string; type: string; data: unknown },
): Promise<void> {
  await queueWebhookEvents(trx, [event]);
}
