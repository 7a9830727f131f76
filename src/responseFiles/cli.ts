import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Database } from '../db/database.ts';
import {
  MappingError,
  type MappingFile,
  mappingAsFile,
  mappingFileSchema,
  resolveMapping,
} from './columnMapping.ts';
import { exportLayout, IMPORT_FORMATS, type ImportFormat } from './exportLayout.ts';
import { ImportFileError } from './importFileError.ts';
import { type ImportSummary, importResponses, importTarget } from './importResponses.ts';
import { headRecords } from './importSource.ts';
import { inferSurvey } from './inferSurvey.ts';
import { publishSurvey } from './publishSurvey.ts';
import { convertQsf } from './qsf/convertQsf.ts';

export const TRANSFER_USAGE = `  import responses FILE --format qualtrics|limesurvey (--survey SLUG | --create-survey NAME)
         [--mapping FILE] [--mapping-out FILE] [--source NAME] [--dry-run] [--org SLUG] [--json]
                                Import a Qualtrics or LimeSurvey response export (idempotent)
  import qsf FILE [--out FILE] [--create-survey NAME] [--org SLUG] [--json]
                                Convert a Qualtrics QSF survey into Rapport's format
  export responses --survey SLUG --format csv|xlsx|jsonl --out FILE [--org SLUG]
                                Export a survey's responses (one column per question with a label row,
                                or one JSON object per line with a progress bar)`;

export interface TransferIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Where progress bars draw (the terminal's stderr); none when absent. */
  progress?: NodeJS.WriteStream | (NodeJS.WritableStream & { isTTY?: boolean });
}

class UsageError extends Error {}

/** True for the commands this module answers: `import responses|qsf`, `export responses`. */
export function isTransferCommand(command: string | undefined, rest: readonly string[]): boolean {
  return (
    (command === 'import' && (rest[0] === 'responses' || rest[0] === 'qsf')) ||
    (command === 'export' && rest[0] === 'responses')
  );
}

async function organisationId(database: Database, slug: string | undefined): Promise<string> {
  let query = database.db.selectFrom('organisations').select('org_id').orderBy('created_at');
  if (slug) query = query.where('slug', '=', slug);
  const row = await query.executeTakeFirst();
  if (!row)
    throw new UsageError(
      slug
        ? `no organisation "${slug}"`
        : 'no organisation yet: run `rapport user create` or `rapport demo` first',
    );
  return row.org_id;
}

function summaryText(summary: ImportSummary): string {
  const lines = [
    `${summary.dryRun ? 'would import' : 'imported'} ${summary.imported} of ${summary.rows} rows into ${summary.survey} (${summary.shape} export)`,
  ];
  if (summary.skipped.count) {
    lines.push(`skipped ${summary.skipped.count}:`);
    for (const r of summary.skipped.reasons)
      lines.push(
        `  ${r.count} × ${r.reason} (line${r.lines.length > 1 ? 's' : ''} ${r.lines.join(', ')}${r.count > r.lines.length ? ', …' : ''})`,
      );
  }
  lines.push(
    `mapped ${summary.mapping.length} columns; not imported: ${summary.unmapped.map((u) => u.column).join(', ') || 'none'}`,
  );
  return `${lines.join('\n')}\n`;
}

async function importResponsesCommand(args: string[], database: Database, io: TransferIo) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      survey: { type: 'string' },
      'create-survey': { type: 'string' },
      mapping: { type: 'string' },
      'mapping-out': { type: 'string' },
      source: { type: 'string' },
      'dry-run': { type: 'boolean' },
      org: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const file = positionals[0];
  if (!file) throw new UsageError('import responses needs a FILE');
  const format = values.format as ImportFormat;
  if (!IMPORT_FORMATS.includes(format)) throw new UsageError('--format must be qualtrics or limesurvey');
  if (Boolean(values.survey) === Boolean(values['create-survey']))
    throw new UsageError('give exactly one of --survey SLUG or --create-survey NAME');
  const orgId = await organisationId(database, values.org);
  const source = { path: file };
  let mapping: MappingFile | null = null;
  if (values.mapping) {
    const parsed = mappingFileSchema.safeParse(JSON.parse(await readFile(values.mapping, 'utf8')));
    if (!parsed.success)
      throw new UsageError(
        `--mapping ${values.mapping}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    mapping = parsed.data;
  }
  let slug = values.survey;
  if (values['create-survey']) {
    const inferred = await inferSurvey(format, source, values['create-survey']);
    if (!values['dry-run'])
      slug = (await publishSurvey(database, orgId, values['create-survey'], inferred.definition)).slug;
    mapping = { columns: { ...inferred.mapping.columns, ...(mapping?.columns ?? {}) } };
    if (values['dry-run']) {
      io.stdout(`${JSON.stringify({ dryRun: true, definition: inferred.definition, mapping }, null, 2)}\n`);
      return;
    }
  }
  const target = await importTarget(database, orgId, { slug: slug! });
  if (!target) throw new UsageError(`no published survey "${slug}" in this organisation`);
  if (values['mapping-out']) {
    const layout = exportLayout(format, await headRecords(source));
    await writeFile(
      values['mapping-out'],
      `${JSON.stringify(mappingAsFile(resolveMapping(target.definition, layout, mapping)), null, 2)}\n`,
    );
  }
  const summary = await importResponses(database, target, source, {
    format,
    mapping,
    source: values.source,
    dryRun: values['dry-run'],
    onProgress: values.json ? undefined : (rows) => io.stderr(`\r${rows.toLocaleString('en')} rows read`),
  });
  if (!values.json) io.stderr('\n');
  io.stdout(values.json ? `${JSON.stringify(summary)}\n` : summaryText(summary));
}

async function importQsfCommand(args: string[], database: Database, io: TransferIo) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      'create-survey': { type: 'string' },
      org: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const file = positionals[0];
  if (!file) throw new UsageError('import qsf needs a FILE');
  const conversion = convertQsf(await readFile(file, 'utf8'));
  let created: { surveyId: string; slug: string } | null = null;
  if (conversion.definition) {
    if (values.out) await writeFile(values.out, `${JSON.stringify(conversion.definition, null, 2)}\n`);
    if (values['create-survey'])
      created = await publishSurvey(
        database,
        await organisationId(database, values.org),
        values['create-survey'],
        conversion.definition,
      );
  }
  const report = {
    name: conversion.name,
    converted: conversion.converted,
    unsupported: conversion.unsupported,
    notes: conversion.notes,
    issues: conversion.issues,
    survey: created?.slug ?? null,
    ...(values.out || values.json ? {} : { definition: conversion.definition }),
  };
  if (values.json) io.stdout(`${JSON.stringify({ ...report, definition: conversion.definition })}\n`);
  else {
    io.stdout(
      `${conversion.name}: ${conversion.converted.length} questions converted, ${conversion.unsupported.length} not supported\n`,
    );
    for (const u of conversion.unsupported)
      io.stdout(`  not converted: ${u.tag} (${u.qid}, ${u.type}): ${u.reason}\n`);
    for (const note of conversion.notes) io.stdout(`  note: ${note}\n`);
    for (const issue of conversion.issues) io.stdout(`  problem: ${issue}\n`);
    if (created) io.stdout(`created and published survey ${created.slug}\n`);
    else if (!values.out && conversion.definition)
      io.stdout(`${JSON.stringify(conversion.definition, null, 2)}\n`);
  }
  if (!conversion.definition) throw new UsageError('nothing in this QSF could be converted');
}

/**
 * `rapport import responses|qsf` and `rapport export responses`. Returns the exit status: 0 on
 * success, 2 with one message on stderr for bad options or an unreadable file.
 */
export async function runTransferCommand(
  command: string,
  rest: string[],
  database: Database,
  io: TransferIo,
): Promise<number> {
  try {
    if (command === 'import' && rest[0] === 'responses')
      await importResponsesCommand(rest.slice(1), database, io);
    else if (command === 'import' && rest[0] === 'qsf') await importQsfCommand(rest.slice(1), database, io);
    else if (command === 'export' && rest[0] === 'responses') {
      const { exportResponsesCommand } = await import('./exportCommand.ts');
      await exportResponsesCommand(rest.slice(1), database, io);
    } else throw new UsageError(`unknown command\n${TRANSFER_USAGE}`);
    return 0;
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof ImportFileError ||
      error instanceof MappingError ||
      error instanceof SyntaxError ||
      (error as { code?: string }).code === 'ENOENT' ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      io.stderr(`rapport: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
}

export { UsageError };
