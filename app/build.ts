/**
 * Builds the web app into dist/app when it is missing or older than its sources. `npm install`
 * (prepare), `npm start` and the browser tests call it, so no separate build step is needed.
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_SOURCE = fileURLToPath(new URL('.', import.meta.url));
export const APP_DIST = fileURLToPath(new URL('../dist/app', import.meta.url));

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'e2e') newest = Math.max(newest, newestSource(path));
    } else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export function appIsStale(): boolean {
  try {
    return statSync(join(APP_DIST, 'index.html')).mtimeMs < newestSource(APP_SOURCE);
  } catch {
    return true;
  }
}

export async function buildApp(): Promise<void> {
  const { build } = await import('vite');
  // Always a production build, even when called from the tests (vitest sets NODE_ENV=test, which
  // would otherwise bundle React's development build).
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(APP_SOURCE, 'vite.config.ts'), mode: 'production' });
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
}

const LOCK = `${APP_DIST}.lock`;
const LOCK_STALE_MS = 120_000;

/** One build at a time across processes (test workers build in parallel): a lock directory. */
async function withBuildLock(work: () => Promise<void>): Promise<void> {
  mkdirSync(join(APP_DIST, '..'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Someone else is building; a lock left by a crashed build is taken over after two minutes.
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > LOCK_STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export async function ensureAppBuilt(): Promise<void> {
  if (!appIsStale()) return;
  // Checked again under the lock: another process may have built it meanwhile.
  await withBuildLock(async () => {
    if (appIsStale()) await buildApp();
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--if-stale')) await ensureAppBuilt();
  else await withBuildLock(buildApp);
}
