/**
 * `rapport text relabel [--org SLUG]`: re-label an organisation's comments now, in this process,
 * showing the run's progress (the same figures GET /api/v1/text/relabel-runs/:id returns).
 */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { type Database, transaction } from '../../db/database.ts';
import { createJobQueue } from '../../db/jobs.ts';
import { analysePendingComments } from './analyseComments.ts';
import { relabelProgress, startRelabelRun } from './relabelRuns.ts';
import { defaultEngineFor, startTextPipeline } from './textPipeline.ts';

/**
 * Runs the command.
 *
 * @param database - the migrated database.
 * @param args - the arguments after `text relabel`.
 * @param io - stdout/stderr; the bar is drawn on stderr.
 * @returns the exit code (0 done, 2 usage error).
 * @example await runRelabelCommand(database, ['--org', 'demo'], process) // 0
 */
export async function runRelabelCommand(
  database: Database,
  args: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): Promise<number> {
  const { values } = parseArgs({ args, options: { org: { type: 'string' } } });
  let query = database.db.selectFrom('organisations').select(['org_id', 'slug']);
  if (values.org) query = query.where('slug', '=', values.org);
  const organisations = await query.execute();
  if (values.org && organisations.length === 0) {
    io.stderr.write(`rapport text relabel: no organisation "${values.org}"\n`);
    return 2;
  }
  const jobs = createJobQueue(database);
  await jobs.start();
  try {
    // Creates the queues the sweeps announce on.
    const pipeline = await startTextPipeline({ database, jobs, intervalMs: 0 });
    await pipeline.stop();
    const engineFor = await defaultEngineFor();
    const version = (await engineFor('')).version;
    for (const organisation of organisations) {
      const { runId, total } = await transaction(database, (trx) =>
        startRelabelRun(trx, organisation.org_id, 'command line', version),
      );
      const bar = new cliProgress.SingleBar(
        { stream: io.stderr, format: `${organisation.slug} [{bar}] {value}/{total} comments` },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0);
      for (;;) {
        const analysed = await analysePendingComments(database, jobs, engineFor, 500);
        const progress = (await relabelProgress(database, organisation.org_id, runId))!;
        bar.update(progress.done);
        if (progress.finished || analysed === 0) break;
      }
      bar.stop();
      io.stdout.write(`${JSON.stringify(await relabelProgress(database, organisation.org_id, runId))}\n`);
    }
  } finally {
    await jobs.stop({ graceful: false });
  }
  return 0;
}
