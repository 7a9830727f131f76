import cluster from 'node:cluster';
import { setPriority } from 'node:os';
import { migrateToLatest } from './db/migrate.ts';
import type { Config } from './platform/config.ts';
import { createLogger } from './platform/logger.ts';
import { loadDemoIfEmpty, openConfiguredDatabase, type RunningServer, startServer } from './server.ts';

/**
 * Serves with several processes on one port (node:cluster), so one machine's cores all answer
 * requests: the API is stateless and everything shared lives in the database. The primary
 * migrates and loads the demo once, then forks the serving workers and one background worker (job
 * workers, sweeps, text analysis) that runs at a lower CPU priority, so a burst of requests is
 * answered first and the background catches up after; it replaces any worker that dies and serves
 * nothing itself. Only for a Postgres server: PGlite lives inside one process.
 */
export async function startCluster(config: Config): Promise<void> {
  if (!config.databaseUrl)
    throw new Error(
      'RAPPORT_WORKERS other than 1 needs DATABASE_URL: the embedded database lives inside one process.',
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
  const roles = new Map<number, WorkerRole>();
  const fork = (role: WorkerRole) => roles.set(cluster.fork({ RAPPORT_ROLE: role }).id, role);
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    const role = roles.get(worker.id) ?? 'serve';
    roles.delete(worker.id);
    logger.error({ pid: worker.process.pid, role, code, signal }, 'worker exited: starting another');
    fork(role);
  });
  for (let i = 0; i < config.workers; i++) fork('serve');
  fork('background');
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

type WorkerRole = 'serve' | 'background';

/** Niceness of the background worker: it gets the CPU the serving workers leave. */
const BACKGROUND_NICENESS = 10;

/** A worker: its part of the server, without the start-up work the primary already did. */
export async function startClusterWorker(config: Config): Promise<RunningServer> {
  const background = process.env.RAPPORT_ROLE === 'background';
  if (background) setPriority(BACKGROUND_NICENESS);
  return startServer({ ...config, demoOnEmpty: false }, { serve: !background, background });
}

export const isClusterWorker = () => cluster.isWorker;
