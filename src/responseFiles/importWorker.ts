import { parentPort, workerData } from 'node:worker_threads';
import { copyTextLine } from '../db/copyText.ts';
import { ImportFileError } from './importFileError.ts';
import type { ImportPlan } from './importPlan.ts';
import type { ImportSource } from './importSource.ts';
import { preparedBatches } from './preparedBatches.ts';
import { IMPORT_COMMENT_COLUMNS, IMPORT_RESPONSE_COLUMNS } from './responseRows.ts';

/**
 * A batch as COPY text in transferable bytes (so neither thread keeps the text on its heap):
 * `responses` holds one line per response, `comments` the lines of response i's comments from
 * `commentEnds[i - 1]` (0 for the first) to `commentEnds[i]`; plus the rows skipped.
 */
export type WorkerMessage =
  | {
      type: 'batch';
      rows: number;
      lines: number[];
      ids: string[];
      responses: Uint8Array;
      comments: Uint8Array;
      commentEnds: Uint32Array;
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
  const encoder = new TextEncoder();
  (async () => {
    try {
      for await (const prepared of preparedBatches(source, plan, batch)) {
        let responses = '';
        let comments = '';
        let commentBytes = 0;
        const commentEnds = new Uint32Array(prepared.responses.length);
        for (let i = 0; i < prepared.responses.length; i++) {
          responses += copyTextLine(IMPORT_RESPONSE_COLUMNS, prepared.responses[i]);
          for (const comment of prepared.comments[i]) {
            const line = copyTextLine(IMPORT_COMMENT_COLUMNS, comment);
            comments += line;
            // UTF-8 lengths: comments may hold any text.
            commentBytes += Buffer.byteLength(line);
          }
          commentEnds[i] = commentBytes;
        }
        const message: WorkerMessage = {
          type: 'batch',
          rows: prepared.rows,
          lines: prepared.lines,
          ids: prepared.responses.map((r) => r.response_id as string),
          responses: encoder.encode(responses),
          comments: encoder.encode(comments),
          commentEnds,
          skipped: prepared.skipped,
        };
        while (available <= 0) await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        available--;
        port.postMessage(message, [
          message.responses.buffer as ArrayBuffer,
          message.comments.buffer as ArrayBuffer,
          commentEnds.buffer,
        ]);
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
