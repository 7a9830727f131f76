import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { BenchResult } from './run.ts';

const serverUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';

async function withDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const name = `rapport_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** Runs `rapport demo` in a child process so its peak memory (getrusage maxRSS) is its own. */
function runDemo(
  url: string,
  responses: number,
): Promise<{ seconds: number; writeSeconds: number; peakRssMb: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [new URL('./demoChild.ts', import.meta.url).pathname, String(responses)],
      {
        env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`demo failed (${code}): ${stderr.slice(-2000)}`));
      resolve(JSON.parse(stdout.trim().split('\n').at(-1)!));
    });
  });
}

/**
 * Demo generation into a Postgres server: responses written per second (COPY) over a run of
 * `--responses` (default 1,000,000), and the process's peak memory for that run.
 */
export async function demoBench(args: string[]): Promise<BenchResult> {
  const { values } = parseArgs({ args, options: { responses: { type: 'string', default: '1000000' } } });
  const responses = Number(values.responses);
  const run = await withDatabase((url) => runDemo(url, responses));
  return {
    metrics: {
      responses,
      total_seconds: Math.round(run.seconds * 100) / 100,
      write_seconds: Math.round(run.writeSeconds * 100) / 100,
      demo_responses_per_s: Math.round(responses / run.writeSeconds),
      demo_peak_rss_mb: Math.round(run.peakRssMb),
    },
    goals: { demo_responses_per_s: { target: 20_000, op: '>=' } },
  };
}
