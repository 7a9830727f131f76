import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../src/db/database.ts';
import { type PgBoss, startJobQueue, stopJobQueue } from '../src/db/jobs.ts';

/** Starts the process's job queue on the suite's database for the suite, so code can enqueue in transactions. */
export function useJobQueue(database: () => Database): () => PgBoss {
  let boss: PgBoss;
  beforeAll(async () => {
    boss = await startJobQueue(database());
  });
  afterAll(async () => {
    if (boss) await stopJobQueue(boss, { graceful: false });
  });
  return () => boss;
}
