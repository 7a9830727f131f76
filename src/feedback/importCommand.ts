/**
 * `rapport text import FILE [--source S] [--format csv|json] [--dry-run] [--json] [--org SLUG]`:
 * the same import as POST /api/v1/feedback/imports, as the organisation (no unit limit), audited.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type Database, transaction } from '../db/database.ts';
import type { Actor } from '../policies/actor.ts';
import { FeedbackImportError, importFeedback } from './importFeedback.ts';
import {
  FEEDBACK_SOURCES,
  type FeedbackFormat,
  type FeedbackLineError,
  type FeedbackSource,
  parseFeedback,
} from './parseFeedback.ts';

type Io = { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };

function reportErrors(io: Io, file: string, errors: FeedbackLineError[], json: boolean): number {
  if (json) io.stdout.write(`${JSON.stringify({ ok: false, errors })}\n`);
  for (const e of errors) io.stderr.write(`${file}:${e.line}: ${e.field} ${e.message}\n`);
  io.stderr.write(`rapport text import: ${errors.length} error(s); nothing was imported\n`);
  return 1;
}

/**
 * Runs the command.
 *
 * @param database - the migrated database.
 * @param args - the arguments after `text import`.
 * @param io - stdout and stderr.
 * @returns the exit code: 0 imported (or dry run), 1 bad lines (nothing stored), 2 usage error.
 * @example await runFeedbackImportCommand(database, ['reviews.csv', '--source', 'review'], process) // 0
 */
export async function runFeedbackImportCommand(database: Database, args: string[], io: Io): Promise<number> {
  let parsedArgs: ReturnType<typeof parse>;
  function parse() {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        source: { type: 'string' },
        format: { type: 'string' },
        org: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
    });
  }
  try {
    parsedArgs = parse();
  } catch (error) {
    io.stderr.write(`rapport text import: ${(error as Error).message}\n`);
    return 2;
  }
  const { values, positionals } = parsedArgs;
  const usage = (message: string) => {
    io.stderr.write(
      `rapport text import: ${message}\nusage: rapport text import FILE [--source ${FEEDBACK_SOURCES.join('|')}] [--format csv|json] [--dry-run] [--json] [--org SLUG]\n`,
    );
    return 2;
  };
  if (positionals.length !== 1) return usage('give one file');
  if (values.source && !(FEEDBACK_SOURCES as readonly string[]).includes(values.source))
    return usage(`unknown source "${values.source}"`);
  if (values.format && values.format !== 'csv' && values.format !== 'json')
    return usage(`unknown format "${values.format}"`);
  const file = positionals[0];
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error) {
    return usage((error as Error).message);
  }

  let orgQuery = database.db.selectFrom('organisations').select(['org_id', 'slug']);
  if (values.org) orgQuery = orgQuery.where('slug', '=', values.org);
  const organisations = await orgQuery.limit(2).execute();
  if (organisations.length === 0)
    return usage(values.org ? `no organisation "${values.org}"` : 'no organisation');
  if (organisations.length > 1) return usage('several organisations: name one with --org SLUG');

  const parsed = parseFeedback(content, {
    format: values.format as FeedbackFormat | undefined,
    source: values.source as FeedbackSource | undefined,
  });
  if (parsed.errors.length) return reportErrors(io, file, parsed.errors, values.json);
  const actor: Actor = {
    orgId: organisations[0].org_id,
    kind: 'user',
    userId: null,
    tokenId: null,
    role: 'admin',
    unitId: null,
    unitPath: null,
  };
  try {
    const summary = await transaction(database, (trx) =>
      importFeedback(trx, actor, parsed.records, { dryRun: values['dry-run'], file }),
    );
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ ok: true, format: parsed.format, ...summary })}\n`);
    } else {
      const m = summary.matched;
      io.stdout.write(
        `${summary.dryRun ? 'would import' : 'imported'} ${summary.imported} of ${summary.received} (${summary.duplicates} already there); matched by contact ${m.contact}, account id ${m.accountExternalId}, e-mail domain ${m.emailDomain}, domain ${m.domain}, unmatched ${m.none}\n`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof FeedbackImportError) return reportErrors(io, file, error.errors, values.json);
    throw error;
  }
}
