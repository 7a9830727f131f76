import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../src/db/database.ts';
import { crossProductsOf, lmg, simulatedDriverRows } from '../src/domain/drivers/index.ts';
import { buildApp } from '../src/http/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createLogger } from '../src/platform/logger.ts';
import type { BenchResult } from './run.ts';

const serverUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
export const PASSWORD = 'bench-password';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function run(command: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited ${code}`)),
    );
  });
}

/**
 * The full Forces dashboard query set, as the app asks it over HTTP: overview (NPS with interval,
 * segments with outcomes), the six Forces with drivers (LMG) and quadrant, the breakdown by unit,
 * and 52 weekly points. Returns the p50 of the whole set over `rounds` runs.
 */
async function dashboardP50(url: string, rounds: number): Promise<number> {
  const database = await openDatabase({ url, poolMax: 4 });
  const app = await buildApp({
    database,
    config: loadConfig({ LOG_LEVEL: 'silent' }),
    logger: createLogger('silent'),
  });
  const signIn = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { email: 'owner@demo.rapport.dev', password: PASSWORD },
  });
  const cookie = `rapport_session=${signIn.cookies[0].value}`;
  const { rows } = await database.pool.query<{ last: string }>(
    `select max(day)::text as last from rollup_daily`,
  );
  const last = new Date(`${rows[0].last}T00:00:00Z`);
  const day = (offset: number) => new Date(last.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const period = `from=${day(-364)}&to=${day(1)}`;
  const queries = [
    `/api/v1/analytics/overview?${period}&compareFrom=${day(-729)}&compareTo=${day(-364)}`,
    `/api/v1/analytics/forces?${period}&compareFrom=${day(-729)}&compareTo=${day(-364)}&outcome=nps`,
    `/api/v1/analytics/breakdown?${period}&by=unit`,
    `/api/v1/analytics/trend?${period}&grouping=week`,
  ];
  const times: number[] = [];
  for (let round = 0; round < rounds + 2; round++) {
    const started = performance.now();
    const replies = await Promise.all(
      queries.map((q) => app.inject({ method: 'GET', url: q, headers: { cookie } })),
    );
    for (const reply of replies)
      if (reply.statusCode !== 200) throw new Error(`${reply.statusCode} ${reply.body.slice(0, 300)}`);
    if (round >= 2) times.push(performance.now() - started);
  }
  await app.close();
  await database.close();
  return percentile(times, 0.5);
}

export async function withDemo<T>(responses: number, work: (url: string) => Promise<T>): Promise<T> {
  const name = `rapport_bench_analytics_${responses}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // A database from an earlier run with the same size is reused: loading 10M responses takes minutes.
  const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount === 0 || process.env.BENCH_FRESH === '1') {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    process.stderr.write(`loading ${responses.toLocaleString('en')} demo responses into ${name}…\n`);
    await run(
      process.execPath,
      ['src/cli/main.ts', 'demo', '--responses', String(responses), '--password', PASSWORD],
      {
        DATABASE_URL: url.toString(),
        LOG_LEVEL: 'warn',
      },
    );
    await admin.query(`vacuum analyze`).catch(() => undefined);
  }
  await admin.end();
  return work(url.toString());
}

function lmgMilliseconds(predictors: number): number {
  const coefficients = Array.from({ length: predictors }, (_, i) => predictors - i);
  const rows = simulatedDriverRows(5000, coefficients, 7);
  // simulatedDriverRows puts the outcome first.
  const names = ['y', ...Array.from({ length: predictors }, (_, i) => `x${i}`)];
  const cp = crossProductsOf(names, rows);
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const started = performance.now();
    lmg(cp, 'y', names.slice(1));
    times.push(performance.now() - started);
  }
  return percentile(times, 0.5);
}

/** `npm run bench -- analytics [--responses 1000000,10000000] [--rounds 15]` */
export async function analyticsBench(args: string[]): Promise<BenchResult> {
  const { values } = parseArgs({
    args,
    options: {
      responses: { type: 'string', default: '1000000,10000000' },
      rounds: { type: 'string', default: '15' },
    },
  });
  const sizes = values.responses.split(',').map(Number);
  const rounds = Number(values.rounds);
  const metrics: Record<string, number> = {};
  const p50: number[] = [];
  for (const size of sizes) {
    const ms = await withDemo(size, (url) => dashboardP50(url, rounds));
    p50.push(ms);
    metrics[`dashboard_p50_ms_${size >= 1_000_000 ? `${size / 1_000_000}m` : `${size / 1000}k`}`] =
      Math.round(ms * 10) / 10;
  }
  if (p50.length >= 2)
    metrics[`dashboard_${sizes.at(-1)! / 1_000_000}m_vs_${sizes[0] / 1_000_000}m`] =
      Math.round((p50.at(-1)! / p50[0]) * 100) / 100;
  metrics.lmg6_ms = Math.round(lmgMilliseconds(6) * 100) / 100;
  metrics.lmg12_ms = Math.round(lmgMilliseconds(12) * 100) / 100;
  return {
    metrics,
    goals: {
      dashboard_p50_ms_1m: { target: 100, op: '<=' },
      dashboard_10m_vs_1m: { target: 1.5, op: '<=' },
      lmg6_ms: { target: 20, op: '<=' },
      lmg12_ms: { target: 200, op: '<=' },
    },
  };
}
