import { parentPort, workerData } from 'node:worker_threads';
import { copyTextLine } from '../db/copyText.ts';
import { ImportFileError } from './importFileError.ts';
import type { ImportPlan } from './importPlan.ts';
import type { ImportSource } from './importSource.ts';
import { preparedBatches } from './preparedBatches.ts';
import { IMPORT_COMMENT_COLUMNS, IMPORT_RESPONSE_COLUMNS } from './responseRows.ts';

/** A batch as COPY text, one entry per response, plus the rows skipped. */
export type WorkerMessage =
  | {
      type: 'batch';
      rows: number;
      keys: string[];
      lines: number[];
      ids: string[];
      responses: string[];
      comments: string[];
      skipped: { line: number; reason: string }[];
    }
  | { type: 'done' }
  | { type: 'error'; line: number | null; message: string };

// Runs only as a worker (see storeImport.ts): parses, converts and validates the export and sends
// COPY text at most `credits` batches ahead of what the main thread has stored.
if (parentPort) {
  const port = parentPort;
  const { plan, source, batch, credits } = workerData as {
    plan: ImportPlan;
    source: ImportSource;
    batch: number;
    credits: number;
  };
  let available = credits;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    available++;
    wake?.();
  });
  (async () => {
    try {
      for await (const prepared of preparedBatches(source, plan, batch)) {
        while (available <= 0) await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        available--;
        port.postMessage({
          type: 'batch',
          rows: prepared.rows,
          keys: prepared.keys,
          lines: prepared.lines,
          ids: prepared.responses.map((r) => r.response_id as string),
          responses: prepared.responses.map((r) => copyTextLine(IMPORT_RESPONSE_COLUMNS, r)),
          comments: prepared.comments.map((list) =>
            list.map((c) => copyTextLine(IMPORT_COMMENT_COLUMNS, c)).join(''),
          ),
          skipped: prepared.skipped,
        } satisfies WorkerMessage);
      }
      port.postMessage({ type: 'done' } satisfies WorkerMessage);
    } catch (error) {
      port.postMessage({
        type: 'error',
        line: error instanceof ImportFileError ? error.line : null,
        message: (error as Error).message,
      } satisfies WorkerMessage);
    }
  })();
}
