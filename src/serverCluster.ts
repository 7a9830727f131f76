import cluster from 'node:cluster';
import { migrateToLatest } from './db/migrate.ts';
import type { Config } from './platform/config.ts';
import { createLogger } from './platform/logger.ts';
import { loadDemoIfEmpty, openConfiguredDatabase, type RunningServer, startServer } from './server.ts';

/**
 * Serves with several processes on one port (node:cluster), so one machine's cores all answer
 * requests: the API is stateless and everything shared lives in the database. The primary
 * migrates and loads the demo once, then forks the workers and replaces any that dies; it
 * serves nothing itself. Only for a Postgres server: PGlite lives inside one process.
 */
export async function startCluster(config: Config): Promise<void> {
  if (!config.databaseUrl)
    throw new Error(
      'RAPPORT_WORKERS > 1 needs DATABASE_URL: the embedded database lives inside one process.',
    );
  const logger = createLogger(config.logLevel);
  const database = await openConfiguredDatabase(config);
  try {
    await migrateToLatest(database);
    await loadDemoIfEmpty(database, config, logger);
  } finally {
    await database.close();
  }
  let stopping = false;
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.error({ pid: worker.process.pid, code, signal }, 'worker exited: starting another');
    cluster.fork();
  });
  for (let i = 0; i < config.workers; i++) cluster.fork();
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    const timer = setInterval(() => {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        clearInterval(timer);
        process.exit(0);
      }
    }, 50);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** A worker: the whole server, without the start-up work the primary already did. */
export async function startClusterWorker(config: Config): Promise<RunningServer> {
  return startServer({ ...config, demoOnEmpty: false });
}

export const isClusterWorker = () => cluster.isWorker;
