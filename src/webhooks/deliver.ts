import { Webhook } from 'standardwebhooks';
import { type Database, transaction } from '../db/database.ts';
import { enqueueIn } from '../db/jobs.ts';
import { failureMessage, postToReceiver } from './postToReceiver.ts';
import { type DeliveryJob, WEBHOOK_DELIVERY_QUEUE } from './queueEvent.ts';
import { DEFAULT_RETRY_POLICY, isDelivered, type RetryPolicy, retryDelaySeconds } from './retryPolicy.ts';
import { webhookMessageId } from './secret.ts';

export interface DeliveryOptions {
  policy?: RetryPolicy;
  /** How long a receiver may take to answer. */
  timeoutMs?: number;
  now?: () => Date;
  /**
   * Whether loopback, private and carrier-grade NAT receivers may be reached
   * (RAPPORT_WEBHOOK_ALLOW_PRIVATE); by default only public addresses are.
   */
  allowPrivateReceivers?: boolean;
}

export type DeliveryOutcome = 'delivered' | 'retrying' | 'failed' | 'skipped';

/**
 * One attempt at one delivery: sign the event's body for this attempt (Standard Webhooks: id,
 * timestamp and signature headers), POST it, and record the attempt. A 2xx answer delivers it;
 * anything else schedules the next attempt with backoff (a new job, enqueued in the transaction
 * that records the failure) until the policy gives up. The request is made outside any transaction.
 *
 * Only public addresses are reached unless `allowPrivateReceivers` (see postToReceiver.ts); a refused
 * address is a failed attempt like an unreachable receiver, retried by the same policy: nothing is
 * sent to it, and DNS or the setting may have been put right by the next attempt (there is no
 * manual redelivery, so giving up at once would lose the event).
 */
export async function deliverWebhook(
  database: Database,
  job: DeliveryJob,
  options: DeliveryOptions = {},
): Promise<DeliveryOutcome> {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const now = options.now ?? (() => new Date());
  const row = await database.db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as e', (j) =>
      j.onRef('e.org_id', '=', 'd.org_id').onRef('e.event_id', '=', 'd.event_id'),
    )
    .innerJoin('webhook_endpoints as p', (j) =>
      j.onRef('p.org_id', '=', 'd.org_id').onRef('p.endpoint_id', '=', 'd.endpoint_id'),
    )
    .select(['d.status', 'd.attempts', 'e.event_id', 'e.payload', 'p.url', 'p.secret', 'p.enabled'])
    .where('d.org_id', '=', job.orgId)
    .where('d.delivery_id', '=', job.deliveryId)
    .executeTakeFirst();
  if (row?.status !== 'pending') return 'skipped';
  const attempt = row.attempts + 1;
  const body = JSON.stringify(row.payload);
  const started = now();
  let statusCode: number | null = null;
  let error: string | null = null;
  if (!row.enabled) error = 'The endpoint is disabled.';
  else {
    const messageId = webhookMessageId(row.event_id);
    const signature = new Webhook(row.secret).sign(messageId, started, body);
    try {
      statusCode = await postToReceiver(row.url, body, {
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Rapport-Webhooks/1',
          'webhook-id': messageId,
          'webhook-timestamp': String(Math.floor(started.getTime() / 1000)),
          'webhook-signature': signature,
        },
        timeoutMs: options.timeoutMs ?? 10_000,
        allowPrivate: options.allowPrivateReceivers ?? false,
      });
      if (!isDelivered(statusCode)) error = `The receiver answered ${statusCode}.`;
    } catch (failure) {
      error = failureMessage(failure);
    }
  }
  const finished = now();
  const delivered = error === null;
  const wait = delivered || !row.enabled ? null : retryDelaySeconds(policy, attempt);
  const nextAttemptAt = wait === null ? null : new Date(finished.getTime() + wait * 1000);
  await transaction(database, async (trx) => {
    await trx
      .insertInto('webhook_attempts')
      .values({
        org_id: job.orgId,
        delivery_id: job.deliveryId,
        attempt,
        attempted_at: started,
        status_code: statusCode,
        error,
        duration_ms: Math.max(0, finished.getTime() - started.getTime()),
      })
      .execute();
    await trx
      .updateTable('webhook_deliveries')
      .set({
        attempts: attempt,
        status: delivered ? 'succeeded' : nextAttemptAt ? 'pending' : 'failed',
        last_status_code: statusCode,
        last_error: error,
        next_attempt_at: nextAttemptAt,
        delivered_at: delivered ? finished : null,
      })
      .where('org_id', '=', job.orgId)
      .where('delivery_id', '=', job.deliveryId)
      .execute();
    if (nextAttemptAt) await enqueueIn(trx, WEBHOOK_DELIVERY_QUEUE, job, { startAfter: nextAttemptAt });
  });
  return delivered ? 'delivered' : nextAttemptAt ? 'retrying' : 'failed';
}
