import type { FastifyInstance } from 'fastify';
import { startAlertSweeper } from './alerts/alertSweeper.ts';
import { storedCommentAnalyses } from './alerts/commentAnalyses.ts';
import { workAnalysedComments } from './alerts/textReevaluation.ts';
import { foldRollups } from './analytics/rollups.ts';
import type { Acting } from './cases/acting.ts';
import { startCaseMailWork } from './cases/caseMail.ts';
import { scheduleEscalation } from './cases/escalate.ts';
import { type Database, openDatabase } from './db/database.ts';
import { type PgBoss, startJobQueue, stopJobQueue } from './db/jobs.ts';
import { migrateToLatest } from './db/migrate.ts';
import { loadDemo } from './demo/loadDemo.ts';
import { buildApp } from './http/app.ts';
import { randomSecret } from './identity/secrets.ts';
import { workImports } from './imports/importJobs.ts';
import { startInvitationWork } from './invitations/worker.ts';
import { createMailer } from './mail/mailer.ts';
import type { Config } from './platform/config.ts';
import { createLogger, type Logger } from './platform/logger.ts';
import { ReportRenderer } from './reports/renderPdf.ts';
import { startReportWork } from './reports/scheduledReports.ts';
import { startTextPipeline } from './text/pipeline/textPipeline.ts';
import { startWebhookWork } from './webhooks/worker.ts';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  jobs: PgBoss;
  url: string;
  close(): Promise<void>;
}

export function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolMax: config.databasePoolMax });
}

export async function loadDemoIfEmpty(database: Database, config: Config, logger: Logger): Promise<void> {
  if (!config.demoOnEmpty) return;
  const existing = await database.db.selectFrom('organisations').select('org_id').limit(1).executeTakeFirst();
  if (existing) return;
  const password = config.demoPassword ?? randomSecret(12);
  const started = Date.now();
  logger.info({ responses: config.demoResponses }, 'empty database: loading the demo programme');
  const result = await loadDemo(database, { responses: config.demoResponses, seed: 42, password });
  logger.info({ ...result, ms: Date.now() - started }, 'demo programme loaded');
  if (!config.demoPassword) {
    // Printed once so the first user can sign in; set RAPPORT_DEMO_PASSWORD to choose it.
    process.stdout.write(`\nDemo owner: owner@demo.rapport.dev  password: ${password}\n\n`);
  }
}

/**
 * What a process does: serve HTTP, run the background work (job workers and sweeps), or both (one
 * process, the default). Several processes split them: serving processes answer requests only, and
 * one background process, at a lower CPU priority, does the rest (see serverCluster.ts).
 */
export interface ServerRoles {
  serve: boolean;
  background: boolean;
}

/** Opens the database, migrates, loads the demo on an empty database, and starts serving. */
export async function startServer(
  config: Config,
  roles: ServerRoles = { serve: true, background: true },
): Promise<RunningServer> {
  const logger = createLogger(config.logLevel);
  const database = await openConfiguredDatabase(config);
  const applied = await migrateToLatest(database);
  if (applied.length) logger.info({ applied, engine: database.engine }, 'migrations applied');
  await loadDemoIfEmpty(database, config, logger);
  const jobs = await startJobQueue(database);
  jobs.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  const background = roles.background;
  const webhookWork = background
    ? await startWebhookWork(jobs, database, logger, { allowPrivateReceivers: config.webhookAllowPrivate })
    : { stop() {} };
  if (background) await workImports(jobs, database);
  // Every stored comment is read by the text engine in the background (src/text/pipeline).
  const textPipeline = background
    ? await startTextPipeline({
        database,
        jobs,
        logger,
        transformers: config.textEngine === 'transformers' ? { modelDir: config.textModelDir } : undefined,
      })
    : { stop: async () => {} };
  // Rollups fold the queue of new responses every two seconds; readers add what is still queued, so
  // figures are exact in between. Several processes may fold at once (SKIP LOCKED).
  let folding = false;
  const foldRollupQueue = () => {
    if (folding) return;
    folding = true;
    // Folds in slices of 5,000 until the queue is empty, so no single fold holds the database long.
    (async () => {
      let folded = 5000;
      while (folded === 5000) folded = await foldRollups(database);
    })()
      .catch((error) => logger.error({ err: error }, 'rollup fold failed'))
      .finally(() => {
        folding = false;
      });
  };
  // A serving-only process leaves the fold to the background process.
  const foldTimer = background ? setInterval(foldRollupQueue, 2000).unref() : undefined;
  const mailer = createMailer({
    url: config.smtpUrl,
    from: config.mailFrom,
    ratePerSecond: config.mailRatePerSecond,
  });
  if (background) await startInvitationWork(jobs, { database, mailer, publicUrl: config.publicUrl });
  // Acting: new responses are checked against the alert rules within a sweep (about 50 ms), and again
  // when their comments have been analysed.
  const acting: Acting = {
    jobs,
    now: () => new Date(),
    commentAnalyses: storedCommentAnalyses,
    publicUrl: config.publicUrl,
  };
  const alertSweeper = background ? startAlertSweeper(database, acting, logger) : { stop: async () => {} };
  if (background) {
    await workAnalysedComments(jobs, database, acting);
    await scheduleEscalation(jobs, database, acting);
    await startCaseMailWork(jobs, database, mailer, acting);
  }
  const app = await buildApp({ database, config, logger, mailer, jobs, acting });
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  if (roles.serve) {
    await app.listen({ port: config.port, host: config.host });
    logger.info({ url, engine: database.engine }, 'Rapport is listening');
  }
  // Scheduled reports are drawn from this process's own app, so the work starts once it listens.
  const reportRenderer = new ReportRenderer(config.chromiumPath);
  if (background) {
    // A background-only process draws reports from the serving processes on the same port.
    const port = roles.serve ? (app.server.address() as { port: number }).port : config.port;
    await startReportWork(jobs, {
      database,
      mailer,
      renderer: reportRenderer,
      appUrl: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`,
    });
  }
  return {
    app,
    database,
    jobs,
    url,
    async close() {
      clearInterval(foldTimer);
      await alertSweeper.stop();
      await app.close();
      await reportRenderer.close();
      webhookWork.stop();
      await textPipeline.stop();
      await stopJobQueue(jobs);
      await mailer.close();
      await database.close();
    },
  };
}
