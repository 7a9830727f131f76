import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { type Database, transaction } from '../db/database.ts';
import type { ImportKind } from '../db/schema.ts';
import type { ScopedActor } from '../hierarchy/unitCommands.ts';
import { importUnitTree } from '../hierarchy/unitTreeImport.ts';
import { Problem } from '../http/problem.ts';
import { FileProblem } from './fileProblem.ts';
import type { Mapping } from './importFields.ts';
import { runImport } from './importRun.ts';
import { formatOf, openTable } from './tableReader.ts';

export const IMPORT_USAGE = `rapport import accounts|contacts FILE [--mapping M] [--dry-run] [--skip-bad-rows] [--org SLUG] [--json]
rapport import units FILE [--dry-run] [--skip-bad-rows] [--org SLUG] [--json]

  FILE              .csv (UTF-8) or .xlsx (the first sheet); the first row names the columns
  --mapping M       file columns to fields: JSON ('{"Company":"name"}'), a JSON file, or Company=name,Email=email
                    (default: suggested from the header names)
  --dry-run         check every row and report the bad ones; write nothing
  --skip-bad-rows   import the good rows even when some are bad (default: one bad row refuses the file)`;

interface Io {
  stdout: Writable;
  stderr: Writable;
}

/** `Company=name,Email=email`, a JSON object, or a JSON file holding one. */
async function readMapping(value: string): Promise<Mapping> {
  const text = value.trim().startsWith('{')
    ? value
    : value.includes('=')
      ? null
      : await readFile(value, 'utf8');
  if (text === null) {
    return Object.fromEntries(
      value.split(',').map((pair) => {
        const at = pair.lastIndexOf('=');
        return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
      }),
    );
  }
  const parsed = JSON.parse(text);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error('the mapping must be a JSON object');
  return parsed as Mapping;
}

/** The file's bytes, reporting how many have been read (for the progress bar). */
async function* fileBytes(path: string, onRead: (bytes: number) => void): AsyncGenerator<Buffer> {
  let read = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    read += (chunk as Buffer).length;
    onRead(read);
    yield chunk as Buffer;
  }
}

async function organisationId(database: Database, slug: string | undefined): Promise<string> {
  let query = database.db.selectFrom('organisations').select('org_id').orderBy('created_at');
  if (slug) query = query.where('slug', '=', slug);
  const found = await query.executeTakeFirst();
  if (!found)
    throw new Error(
      slug ? `no organisation "${slug}"` : 'no organisation yet: create one with `rapport user create`',
    );
  return found.org_id;
}

/**
 * `rapport import …`: the same import as the API's, run in this process with a progress bar. The
 * command acts for the whole organisation. Returns the exit code: 0 done (or a clean dry run), 1
 * refused or bad rows found, 2 wrong usage.
 */
export async function runImportCommand(args: string[], database: Database, io: Io): Promise<number> {
  const [kind, ...rest] = args;
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(rest);
  } catch (error) {
    io.stderr.write(`rapport import: ${(error as Error).message}\n\n${IMPORT_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const file = positionals[0];
  if (!['accounts', 'contacts', 'units'].includes(kind) || !file || positionals.length > 1) {
    io.stderr.write(`${IMPORT_USAGE}\n`);
    return 2;
  }
  const format = formatOf(file) ?? 'csv';
  let orgId: string;
  let size: number;
  let mapping: Mapping | null = null;
  try {
    size = (await stat(file)).size;
    orgId = await organisationId(database, values.org);
    if (values.mapping) mapping = await readMapping(values.mapping);
  } catch (error) {
    io.stderr.write(`rapport import: ${(error as Error).message}\n`);
    return 2;
  }
  const actor: ScopedActor = { orgId, userId: null, tokenId: null, unitId: null, unitPath: null };
  const bar = new cliProgress.SingleBar(
    {
      stream: io.stderr,
      format: ' {bar} {percentage}% | {rows} rows',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(size, 0, { rows: 0 });
  let rows = 0;
  const onRead = (bytes: number) => bar.update(bytes, { rows });

  if (kind === 'units') {
    try {
      const result = await transaction(database, async (trx) => {
        const table = await openTable(fileBytes(file, onRead), format);
        return importUnitTree(trx, actor, table, {
          dryRun: Boolean(values['dry-run']),
          skipBadRows: Boolean(values['skip-bad-rows']),
        });
      });
      bar.update(size, { rows: result.rows });
      bar.stop();
      for (const bad of result.badRows) io.stderr.write(`line ${bad.line}: ${bad.message}\n`);
      io.stdout.write(
        values.json
          ? `${JSON.stringify(result)}\n`
          : `${result.dryRun ? 'dry run: would create' : 'created'} ${result.created} units, ${result.existing} already there, ${result.badRows.length} bad rows\n`,
      );
      return result.badRows.length && result.dryRun ? 1 : 0;
    } catch (error) {
      bar.stop();
      if (error instanceof FileProblem)
        io.stderr.write(`rapport import: ${error.message} Nothing was imported.\n`);
      else if (error instanceof Problem) {
        io.stderr.write(`rapport import: ${error.message}\n`);
        for (const e of error.errors) io.stderr.write(`${e.field}: ${e.message}\n`);
      } else throw error;
      return 1;
    }
  }

  const job = await database.db
    .insertInto('import_jobs')
    .values({ org_id: orgId, kind: kind as ImportKind, format, file_name: file, columns: '[]' })
    .returning('import_id')
    .executeTakeFirstOrThrow();
  const outcome = await runImport(
    database,
    actor,
    {
      importId: job.import_id,
      kind: kind as ImportKind,
      format,
      mapping,
      dryRun: Boolean(values['dry-run']),
      skipBadRows: Boolean(values['skip-bad-rows']),
    },
    () => fileBytes(file, onRead),
    (done) => {
      rows = done;
    },
  );
  bar.update(size, { rows: outcome.rows });
  bar.stop();
  // Every bad row, in line order, a page at a time.
  for (let offset = 0; ; offset += 5000) {
    const bad = await database.db
      .selectFrom('import_rows')
      .select(['line', 'errors'])
      .where('org_id', '=', orgId)
      .where('import_id', '=', job.import_id)
      .where('errors', 'is not', null)
      .orderBy('line')
      .offset(offset)
      .limit(5000)
      .execute();
    for (const row of bad)
      for (const e of row.errors ?? [])
        io.stderr.write(`line ${row.line}${e.column ? `, column "${e.column}"` : ''}: ${e.message}\n`);
    if (bad.length < 5000) break;
  }
  if (outcome.failure) io.stderr.write(`rapport import: ${outcome.failure}\n`);
  io.stdout.write(
    values.json
      ? `${JSON.stringify({ importId: job.import_id, ...outcome })}\n`
      : `${outcome.status}: ${outcome.rows} rows, ${outcome.created} created, ${outcome.updated} updated, ${outcome.badRows} bad\n`,
  );
  return outcome.status === 'completed' || (outcome.status === 'validated' && outcome.badRows === 0) ? 0 : 1;
}

function parseOptions(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      mapping: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'skip-bad-rows': { type: 'boolean' },
      org: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
}
