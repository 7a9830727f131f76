import { parentPort, workerData } from 'node:worker_threads';
import { copyTextLine } from '../db/copyText.ts';
import { csvRecords } from './csvRecords.ts';
import { ImportFileError } from './importFileError.ts';
import type { ImportPlan } from './importPlan.ts';
import type { ImportSource } from './importSource.ts';
import { sourceChunks } from './importSource.ts';
import { IMPORT_COMMENT_COLUMNS, IMPORT_RESPONSE_COLUMNS, type Row, rowConverter } from './responseRows.ts';

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

/**
 * COPY lines written straight into bytes outside the JavaScript heap, one short-lived string at a
 * time: joining a batch into one long string first and encoding it cost a quarter of the worker's
 * time in garbage collection and copying.
 */
class ByteWriter {
  #buffer: Buffer;
  length = 0;

  constructor(capacity: number) {
    this.#buffer = Buffer.allocUnsafeSlow(Math.max(capacity, 1024));
  }

  write(text: string): void {
    // A UTF-16 code unit takes at most three bytes in UTF-8.
    if (this.length + text.length * 3 > this.#buffer.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(this.#buffer.length * 2, this.length + text.length * 3));
      this.#buffer.copy(grown, 0, 0, this.length);
      this.#buffer = grown;
    }
    this.length += this.#buffer.write(text, this.length);
  }

  /** The bytes written, on an ArrayBuffer of their own (so it can be transferred). */
  bytes(): Uint8Array {
    return this.#buffer.subarray(0, this.length);
  }
}

/** The batch being filled. */
class OpenBatch {
  rows = 0;
  readonly lines: number[] = [];
  readonly ids: string[] = [];
  readonly skipped: { line: number; reason: string }[] = [];
  readonly #responses: ByteWriter;
  readonly #comments: ByteWriter;
  readonly #commentEnds: number[] = [];

  constructor(size: number) {
    this.#responses = new ByteWriter(size * 1200);
    this.#comments = new ByteWriter(size * 200);
  }

  add(line: number, response: Row, comments: Row[]): void {
    this.lines.push(line);
    this.ids.push(response.response_id as string);
    this.#responses.write(copyTextLine(IMPORT_RESPONSE_COLUMNS, response));
    for (const comment of comments) this.#comments.write(copyTextLine(IMPORT_COMMENT_COLUMNS, comment));
    this.#commentEnds.push(this.#comments.length);
  }

  close(): Extract<WorkerMessage, { type: 'batch' }> {
    return {
      type: 'batch',
      rows: this.rows,
      lines: this.lines,
      ids: this.ids,
      responses: this.#responses.bytes(),
      comments: this.#comments.bytes(),
      commentEnds: Uint32Array.from(this.#commentEnds),
      skipped: this.skipped,
    };
  }
}

// Runs only as a worker (see storeImport.ts): parses, converts and validates the export and sends
// COPY text at most `credits` batches ahead of what the main thread has stored.
if (parentPort) {
  const port = parentPort;
  const { plan, source, batchSize, credits } = workerData as {
    plan: ImportPlan;
    source: ImportSource;
    batchSize: number;
    credits: number;
  };
  let available = credits;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    available++;
    wake?.();
  });
  const convert = rowConverter(plan);
  let batch = new OpenBatch(batchSize);
  const send = async () => {
    const message = batch.close();
    while (available <= 0) await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
    available--;
    port.postMessage(message, [
      message.responses.buffer as ArrayBuffer,
      message.comments.buffer as ArrayBuffer,
      message.commentEnds.buffer as ArrayBuffer,
    ]);
    batch = new OpenBatch(batchSize);
  };
  (async () => {
    try {
      // Each row goes straight to COPY text: holding a batch of row objects until it is full would
      // let them outlive the young generation, and collecting the old one is slow.
      let index = 0;
      for await (const record of csvRecords(sourceChunks(source))) {
        if (index++ < plan.layout.headerRows) continue;
        batch.rows++;
        const outcome = convert(record.fields);
        if (outcome.kind === 'skipped') batch.skipped.push({ line: record.line, reason: outcome.reason });
        else batch.add(record.line, outcome.response, outcome.comments);
        if (batch.rows >= batchSize) await send();
      }
      if (batch.rows > 0) await send();
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
