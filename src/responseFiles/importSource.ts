import { createReadStream } from 'node:fs';
import { type CsvRecord, csvRecords } from './csvRecords.ts';

/** Where an export comes from: a file (CLI) or bytes already received (API). */
export type ImportSource = { path: string } | { bytes: Uint8Array };

const SLICE = 1 << 20;

export async function* sourceChunks(source: ImportSource): AsyncGenerator<Uint8Array> {
  if ('path' in source) {
    yield* createReadStream(source.path, { highWaterMark: SLICE }) as AsyncIterable<Buffer>;
    return;
  }
  for (let at = 0; at < source.bytes.length; at += SLICE) yield source.bytes.subarray(at, at + SLICE);
}

/** The first `count` records, enough to recognise the export's shape. */
export async function headRecords(source: ImportSource, count = 3): Promise<CsvRecord[]> {
  const head: CsvRecord[] = [];
  for await (const record of csvRecords(sourceChunks(source))) {
    head.push(record);
    if (head.length >= count) break;
  }
  return head;
}
