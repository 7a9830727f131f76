import type { FastifyInstance } from 'fastify';
import { foldRollups } from './analytics/rollups.ts';
import { type Database, openDatabase } from './db/database.ts';
import { createJobQueue, type PgBoss } from './db/jobs.ts';
import { migrateToLatest } from './db/migrate.ts';
import { loadDemo } from './demo/loadDemo.ts';
import { buildApp } from './http/app.ts';
import { randomSecret } from './identity/secrets.ts';
import type { Config } from './platform/config.ts';
import { createLogger, type Logger } from './platform/logger.ts';
import { startTextPipeline } from './text/pipeline/textPipeline.ts';

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

async function loadDemoIfEmpty(database: Database, config: Config, logger: Logger): Promise<void> {
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

/** Opens the database, migrates, loads the demo on an empty database, and starts serving. */
export async function startServer(config: Config): Promise<RunningServer> {
  const logger = createLogger(config.logLevel);
  const database = await openConfiguredDatabase(config);
  const applied = await migrateToLatest(database);
  if (applied.length) logger.info({ applied, engine: database.engine }, 'migrations applied');
  await loadDemoIfEmpty(database, config, logger);
  const jobs = createJobQueue(database);
  jobs.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  await jobs.start();
  // Every stored comment is read by the text engine in the background (src/text/pipeline).
  const textPipeline = await startTextPipeline({
    database,
    jobs,
    logger,
    transformers: config.textEngine === 'transformers' ? { modelDir: config.textModelDir } : undefined,
  });
  // Rollups fold the queue of new responses every two seconds; readers add what is still queued, so
  // figures are exact in between. Several processes may fold at once (SKIP LOCKED).
  let folding = false;
  const foldTimer = setInterval(() => {
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
  }, 2000);
  foldTimer.unref();
  const app = await buildApp({ database, config, logger });
  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  logger.info({ url, engine: database.engine }, 'Rapport is listening');
  return {
    app,
    database,
    jobs,
    url,
    async close() {
      clearInterval(foldTimer);
      await app.close();
      await textPipeline.stop();
      await jobs.stop({ graceful: true, timeout: 5000 });
      await database.close();
    },
  };
}
