import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Database } from '../db/database.ts';
import { type TransferIo, UsageError } from './cli.ts';
import { EXPORT_FORMATS, type ExportFormat, writeResponseExport } from './exportResponses.ts';
import { importTarget } from './importResponses.ts';

/** `rapport export responses --survey SLUG --format csv|xlsx --out FILE [--org SLUG]` (whole organisation). */
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
  const format = (values.format ?? 'csv') as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) throw new UsageError('--format must be csv or xlsx');
  if (!values.survey || !values.out)
    throw new UsageError('export responses needs --survey SLUG and --out FILE');
  let query = database.db.selectFrom('organisations').select('org_id').orderBy('created_at');
  if (values.org) query = query.where('slug', '=', values.org);
  const organisation = await query.executeTakeFirst();
  if (!organisation)
    throw new UsageError(values.org ? `no organisation "${values.org}"` : 'no organisation yet');
  const target = await importTarget(database, organisation.org_id, { slug: values.survey });
  if (!target) throw new UsageError(`no published survey "${values.survey}" in this organisation`);
  const started = performance.now();
  await writeResponseExport(
    database,
    { orgId: organisation.org_id, unitPath: null },
    target,
    format,
    createWriteStream(values.out),
  );
  io.stdout(
    `${JSON.stringify({ survey: target.slug, format, out: values.out, seconds: (performance.now() - started) / 1000 })}\n`,
  );
}
