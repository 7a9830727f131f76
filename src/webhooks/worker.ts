import type { Database } from '../db/database.ts';
import type { PgBoss } from '../db/jobs.ts';
import type { Logger } from '../platform/logger.ts';
import { deliverWebhook } from './deliver.ts';
import { type DeliveryJob, WEBHOOK_DELIVERY_QUEUE } from './queueEvent.ts';
import { sweepResponseEvents } from './responseEvents.ts';
import type { RetryPolicy } from './retryPolicy.ts';

export interface WebhookWork {
  stop(): void;
}

/**
 * Runs in every process: a worker for the delivery queue, and the sweep that turns new responses
 * into `response.created` events every `sweepEveryMs` (several processes may sweep at once; each
 * event is recorded once).
 */
export async function startWebhookWork(
  boss: PgBoss,
  database: Database,
  logger: Logger,
  options: {
    sweepEveryMs?: number;
    policy?: RetryPolicy;
    pollingIntervalSeconds?: number;
    /** RAPPORT_WEBHOOK_ALLOW_PRIVATE (see deliver.ts); off by default. */
    allowPrivateReceivers?: boolean;
  } = {},
): Promise<WebhookWork> {
  await boss.work<DeliveryJob>(
    WEBHOOK_DELIVERY_QUEUE,
    { batchSize: 4, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 },
    async (jobs) => {
      await Promise.all(
        jobs.map((job) =>
          deliverWebhook(database, job.data, {
            policy: options.policy,
            allowPrivateReceivers: options.allowPrivateReceivers,
          }),
        ),
      );
    },
  );
  let sweeping = false;
  const timer = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    sweepResponseEvents(database)
      .catch((error) => logger.error({ err: error }, 'response event sweep failed'))
      .finally(() => {
        sweeping = false;
      });
  }, options.sweepEveryMs ?? 2000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
