import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import type { Database } from '../db/database.ts';
import { type TransferIo, UsageError } from './cli.ts';
import { EXPORT_FORMATS, type ExportFormat, writeResponseExport } from './exportResponses.ts';
import { importTarget } from './importResponses.ts';
import { exportedResponseCount, jsonLinesExport } from './jsonLinesExport.ts';

const FORMATS = [...EXPORT_FORMATS, 'jsonl'] as const;

/** Counts the lines passing through (one per response in JSON Lines) for the progress bar. */
function lineCounter(onLines: (lines: number) => void): Transform {
  let lines = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
      onLines(lines);
      done(null, chunk);
    },
  });
}

/** `rapport export responses --survey SLUG --format csv|xlsx|jsonl --out FILE [--org SLUG]` (whole organisation). */
export async function exportResponsesCommand(
  args: string[],
  database: Database,
  io: TransferIo,
): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      survey: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      org: { type: 'string' },
    },
  });
  const format = (values.format ?? 'csv') as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new UsageError('--format must be csv, xlsx or jsonl');
  if (!values.survey || !values.out)
    throw new UsageError('export responses needs --survey SLUG and --out FILE');
  let query = database.db.selectFrom('organisations').select('org_id').orderBy('created_at');
  if (values.org) query = query.where('slug', '=', values.org);
  const organisation = await query.executeTakeFirst();
  if (!organisation)
    throw new UsageError(values.org ? `no organisation "${values.org}"` : 'no organisation yet');
  const target = await importTarget(database, organisation.org_id, { slug: values.survey });
  if (!target) throw new UsageError(`no published survey "${values.survey}" in this organisation`);
  const scope = { orgId: organisation.org_id, unitPath: null };
  const started = performance.now();
  let responses: number | undefined;
  if (format === 'jsonl') {
    responses = await exportedResponseCount(database, scope, target.surveyId);
    const bar = new cliProgress.SingleBar(
      {
        stream: io.progress,
        format: ' {bar} {percentage}% | {value}/{total} responses',
        noTTYOutput: Boolean(io.progress && !io.progress.isTTY),
        notTTYSchedule: 2000,
      },
      cliProgress.Presets.shades_classic,
    );
    if (io.progress) bar.start(responses, 0);
    await pipeline(
      jsonLinesExport(database, scope, target.surveyId),
      lineCounter((lines) => io.progress && bar.update(lines)),
      createWriteStream(values.out),
    );
    if (io.progress) bar.stop();
  } else
    await writeResponseExport(database, scope, target, format as ExportFormat, createWriteStream(values.out));
  io.stdout(
    `${JSON.stringify({ survey: target.slug, format, out: values.out, responses, seconds: (performance.now() - started) / 1000 })}\n`,
  );
}
