import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { ensureAppBuilt } from '../app/build.ts';
import { launchChromium } from '../test/browser/chromium.ts';
import { PASSWORD, withDemo } from './analytics.ts';
import type { BenchResult } from './run.ts';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function ready(url: string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const answer = await fetch(url).catch(() => null);
    if (answer?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server did not get ready at ${url}`);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The Forces view is rendered when its scores, drivers, quadrant, trends and heatmap are all on screen. */
async function forcesRendered(page: Page) {
  await page.getByTestId('force-scores').waitFor();
  await page.getByTestId('drivers').waitFor();
  for (const chart of ['quadrant', 'force-trends', 'heatmap'])
    await page.locator(`[data-testid="${chart}"][data-rendered="true"]`).waitFor();
}

/**
 * `npm run bench -- app [--responses 1000000] [--rounds 7]`: the gzip size of the JavaScript the
 * first view (the overview) loads, and the time from navigating to /app/forces until the Forces
 * view is drawn in Chromium, over a Postgres database with that many demo responses.
 */
export async function appBench(args: string[]): Promise<BenchResult> {
  const { values } = parseArgs({
    args,
    options: { responses: { type: 'string', default: '1000000' }, rounds: { type: 'string', default: '7' } },
  });
  await ensureAppBuilt();
  return withDemo(Number(values.responses), async (url) => {
    // The real server in its own process (as deployed): its work does not share the event loop
    // with the browser driver, and its start-up path (migrate, fold, jobs) is the one users run.
    const port = await freePort();
    const server = spawn(process.execPath, ['src/cli/main.ts', 'start'], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        PORT: String(port),
        RAPPORT_DEMO: 'false',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `http://127.0.0.1:${port}`;
    await ready(`${base}/readyz`);
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
      const signIn = await context.request.post(`${base}/api/v1/auth/sign-in`, {
        data: { email: 'owner@demo.rapport.dev', password: PASSWORD },
      });
      if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()}`);

      // First view: every script the overview loads, gzipped as a server would send it.
      const first = await context.newPage();
      const scripts = new Set<string>();
      first.on('response', (response) => {
        if (response.request().resourceType() === 'script') scripts.add(new URL(response.url()).pathname);
      });
      await first.goto(`${base}/app/overview`);
      await first.locator('[data-testid="segment-bar"][data-rendered="true"]').waitFor();
      let gzipBytes = 0;
      for (const path of scripts) {
        const file = path.replace(/^\/app\//, 'dist/app/');
        gzipBytes += gzipSync(readFileSync(file), { level: 9 }).length;
      }
      await first.close();

      // Forces view: a fresh page each round; the first round is cold (scripts not yet cached).
      const times: number[] = [];
      let cold = 0;
      const rounds = Number(values.rounds);
      for (let round = 0; round <= rounds; round++) {
        const page = await context.newPage();
        const started = performance.now();
        await page.goto(`${base}/app/forces`);
        await forcesRendered(page);
        const ms = performance.now() - started;
        if (round === 0) cold = ms;
        else times.push(ms);
        await page.close();
      }
      await context.close();
      return {
        metrics: {
          first_view_js_gzip_kb: Math.round((gzipBytes / 1024) * 10) / 10,
          first_view_scripts: scripts.size,
          forces_view_ms: Math.round(median(times)),
          forces_view_cold_ms: Math.round(cold),
        },
        goals: {
          first_view_js_gzip_kb: { target: 300, op: '<=' },
          forces_view_ms: { target: 1000, op: '<=' },
        },
      };
    } finally {
      await browser.close();
      server.kill('SIGTERM');
    }
  });
}
