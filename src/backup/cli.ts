import { createReadStream, createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import type { Database } from '../db/database.ts';
import { BackupError } from './archive.ts';
import { restoreBackup } from './restoreBackup.ts';
import { writeBackup } from './writeBackup.ts';

export const BACKUP_USAGE = `  backup --org SLUG --out FILE  Write every row of one organisation to FILE (gzip'd JSON Lines)
  restore FILE [--as-new-org] [--slug SLUG]
                                Restore a backup into this database, all or nothing (the organisation
                                must not exist here; --as-new-org gives it a new id beside the original)`;

export interface BackupIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Where the progress bar draws (the terminal's stderr); none when absent. */
  progress?: NodeJS.WritableStream & { isTTY?: boolean };
}

class UsageError extends Error {}

function progressBar(io: BackupIo, what: string) {
  if (!io.progress) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: io.progress,
      format: ` {bar} {percentage}% | {value}/{total} rows ${what}`,
      noTTYOutput: !io.progress.isTTY,
      notTTYSchedule: 2000,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done: number, total: number) {
      if (!started) bar.start(total, done);
      else bar.update(done);
      started = true;
    },
    stop: () => started && bar.stop(),
  };
}

async function backupCommand(args: string[], database: Database, io: BackupIo): Promise<void> {
  const { values } = parseArgs({ args, options: { org: { type: 'string' }, out: { type: 'string' } } });
  if (!values.org || !values.out) throw new UsageError('backup needs --org SLUG and --out FILE');
  const organisations = await database.db
    .selectFrom('organisations')
    .select('org_id')
    .where('slug', '=', values.org)
    .execute();
  if (organisations.length !== 1)
    throw new UsageError(
      organisations.length
        ? `several organisations have the slug "${values.org}"`
        : `no organisation "${values.org}"`,
    );
  const started = performance.now();
  const bar = progressBar(io, 'backed up');
  try {
    const rows = await writeBackup(
      database,
      organisations[0].org_id,
      createWriteStream(values.out),
      bar.update,
    );
    bar.stop();
    io.stdout(
      `${JSON.stringify({ organisation: values.org, out: values.out, rows, seconds: (performance.now() - started) / 1000 })}\n`,
    );
  } finally {
    bar.stop();
  }
}

async function restoreCommand(args: string[], database: Database, io: BackupIo): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'as-new-org': { type: 'boolean' }, slug: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError('restore needs one FILE');
  const started = performance.now();
  const bar = progressBar(io, 'restored');
  try {
    const result = await restoreBackup(database, createReadStream(positionals[0]), {
      asNewOrg: values['as-new-org'],
      slug: values.slug,
      onProgress: bar.update,
    });
    bar.stop();
    io.stdout(`${JSON.stringify({ ...result, seconds: (performance.now() - started) / 1000 })}\n`);
  } finally {
    bar.stop();
  }
}

/** `rapport backup` and `rapport restore`: 0 when done, 2 with one message for a refusal or bad usage. */
export async function runBackupCommand(
  command: 'backup' | 'restore',
  args: string[],
  database: Database,
  io: BackupIo,
): Promise<number> {
  try {
    if (command === 'backup') await backupCommand(args, database, io);
    else await restoreCommand(args, database, io);
    return 0;
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof BackupError ||
      (error as { code?: string }).code === 'ENOENT' ||
      (error as { code?: string }).code === 'Z_DATA_ERROR' ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      io.stderr(
        `rapport ${command}: ${(error as Error).message}${command === 'restore' ? ' (nothing was restored)' : ''}\n`,
      );
      return 2;
    }
    throw error;
  }
}
