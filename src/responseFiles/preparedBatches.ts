import { csvRecords } from './csvRecords.ts';
import type { ImportPlan } from './importPlan.ts';
import { type ImportSource, sourceChunks } from './importSource.ts';
import { type Row, rowConverter } from './responseRows.ts';

/** Converted rows in file order: responses ready to store, and rows skipped with their reason. */
export interface PreparedBatch {
  rows: number;
  lines: number[];
  responses: Row[];
  comments: Row[][];
  skipped: { line: number; reason: string }[];
}

/** Reads the whole export, converting its rows in batches of `size`. */
export async function* preparedBatches(
  source: ImportSource,
  plan: ImportPlan,
  size: number,
): AsyncGenerator<PreparedBatch> {
  const convert = rowConverter(plan);
  const empty = (): PreparedBatch => ({
    rows: 0,
    lines: [],
    responses: [],
    comments: [],
    skipped: [],
  });
  let batch = empty();
  let index = 0;
  for await (const record of csvRecords(sourceChunks(source))) {
    if (index++ < plan.layout.headerRows) continue;
    batch.rows++;
    const outcome = convert(record.fields);
    if (outcome.kind === 'skipped') batch.skipped.push({ line: record.line, reason: outcome.reason });
    else {
      batch.lines.push(record.line);
      batch.responses.push(outcome.response);
      batch.comments.push(outcome.comments);
    }
    if (batch.rows >= size) {
      yield batch;
      batch = empty();
    }
  }
  if (batch.rows > 0) yield batch;
}
