import type { Acting } from '../cases/acting.ts';
import { type Database, transaction } from '../db/database.ts';
import type { Logger } from '../platform/logger.ts';
import { claimQueuedResponses } from './alertQueue.ts';
import { type FactsRow, type OpenedCase, openCasesForFacts } from './evaluate.ts';

/**
 * One sweep: claims a slice of the alert queue and opens the cases it calls for, all in one
 * transaction (a crash or error leaves the slice queued for the next sweep). Any number of
 * processes may sweep at once: claims skip each other's rows, and the unique key on
 * (org, rule, response) stops a repeat from opening a second case.
 */
export async function sweepAlertQueue(
  database: Database,
  acting: Acting,
  limit = 500,
): Promise<{ claimed: number; opened: OpenedCase[] }> {
  return transaction(database, async (trx) => {
    const { claimed, facts } = await claimQueuedResponses(trx, limit);
    const byOrg = new Map<string, FactsRow[]>();
    for (const row of facts) {
      const list = byOrg.get(row.org_id) ?? [];
      list.push(row);
      byOrg.set(row.org_id, list);
    }
    const opened: OpenedCase[] = [];
    for (const [orgId, rows] of byOrg) opened.push(...(await openCasesForFacts(trx, acting, orgId, rows)));
    return { claimed, opened };
  });
}

/**
 * Sweeps continuously: at once again while slices come back full, else after `idleMs`. A new
 * response waits at most about `idleMs` plus one sweep before its case opens, which is what keeps
 * alert latency well under a second without a per-response job.
 */
export function startAlertSweeper(
  database: Database,
  acting: Acting,
  logger: Logger,
  options: { idleMs?: number; limit?: number } = {},
): { stop(): Promise<void> } {
  const idleMs = options.idleMs ?? 50;
  const limit = options.limit ?? 500;
  let running = true;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (running) {
      let claimed = 0;
      try {
        claimed = (await sweepAlertQueue(database, acting, limit)).claimed;
      } catch (error) {
        logger.error({ err: error }, 'alert sweep failed');
      }
      if (claimed < limit && running) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, idleMs);
        });
      }
    }
  })();
  return {
    async stop() {
      running = false;
      clearTimeout(timer);
      wake?.();
      await loop;
    },
  };
}
