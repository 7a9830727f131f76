import { type ChildProcess, spawn } from 'node:child_process';
import autocannon from 'autocannon';
import pg from 'pg';
import { generateAnswers } from '../src/demo/answerGenerator.ts';
import { drawLatentRespondent } from '../src/demo/causalModel.ts';
import { SeededRandom } from '../src/demo/seededRandom.ts';
import { relationshipSurveyTemplate } from '../src/surveys/library/index.ts';
import type { BenchResult } from './run.ts';

const serverUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const PASSWORD = 'bench-password';
const PORT = 3393;
const SECONDS = Number(process.env.BENCH_LOOP_SECONDS ?? 20);

async function waitFor(url: string, child: ChildProcess) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never became ready`);
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/**
 * The inner loop's speed: the real server in its own process on Postgres, an alert rule on
 * detractors (NPS ≤ 6), relationship-survey responses posted over HTTP at a steady 1,000/s; for each
 * case, the time from the server storing its response (submitted_at, stamped as ingestion starts)
 * to the case row being written (clock_timestamp() in the sweep's transaction). Percentiles in SQL.
 */
export async function loopBench(): Promise<BenchResult> {
  const name = `rapport_bench_loop_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const server = spawn(process.execPath, ['src/cli/main.ts', 'start'], {
    env: {
      ...process.env,
      DATABASE_URL: url.toString(),
      PORT: String(PORT),
      LOG_LEVEL: 'warn',
      RAPPORT_DEMO_RESPONSES: '200',
      RAPPORT_DEMO_PASSWORD: PASSWORD,
      DATABASE_POOL_MAX: process.env.BENCH_POOL ?? '16',
      // Case emails go nowhere in the bench: nothing listens there, and sending is a job off the hot path.
      SMTP_URL: 'smtp://127.0.0.1:1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${PORT}`;
  const db = new pg.Client({ connectionString: url.toString() });
  try {
    await waitFor(`${base}/readyz`, server);
    await db.connect();
    const signIn = await fetch(`${base}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@demo.rapport.dev', password: PASSWORD }),
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const write = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
    const surveys = (await (await fetch(`${base}/api/v1/surveys`, { headers: { cookie } })).json()) as {
      surveys: { surveyId: string; slug: string }[];
    };
    const survey = surveys.surveys.find((s) => s.slug === 'demo-relationship')!;
    const token = (await (
      await fetch(`${base}/api/v1/tokens`, {
        method: 'POST',
        headers: write,
        body: JSON.stringify({ name: 'bench', role: 'analyst' }),
      })
    ).json()) as { token: string };
    const rule = await fetch(`${base}/api/v1/alert-rules`, {
      method: 'POST',
      headers: write,
      body: JSON.stringify({
        name: 'Detractor',
        conditions: [{ type: 'nps_at_most', value: 6 }],
        priority: 'high',
      }),
    });
    if (rule.status !== 201) throw new Error(`alert rule: ${rule.status} ${await rule.text()}`);

    const definition = relationshipSurveyTemplate();
    const random = new SeededRandom(11);
    const bodies = Array.from({ length: 2000 }, () =>
      JSON.stringify({
        answers: generateAnswers(
          random,
          definition,
          drawLatentRespondent(random, random.normal(), 0),
          'en',
          0.35,
        ).answers,
        channel: 'api',
      }),
    );
    let next = 0;
    const started = new Date();
    const paced = await run({
      url: base,
      connections: 32,
      duration: SECONDS,
      overallRate: 1000,
      requests: [
        {
          method: 'POST',
          path: `/api/v1/surveys/${survey.surveyId}/responses`,
          headers: { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' },
          setupRequest: (req: any) => {
            req.body = bodies[next++ % bodies.length];
            return req;
          },
        },
      ],
    });
    // Let the last sweep finish, then check every matching response got its case.
    await new Promise((r) => setTimeout(r, 2000));
    const { rows } = await db.query<{
      cases: string;
      matching: string;
      p50: number | null;
      p95: number | null;
      p99: number | null;
      max: number | null;
    }>(
      `with latency as (
         select extract(epoch from (c.created_at - r.submitted_at)) * 1000 as ms
         from cases c join responses r on r.org_id = c.org_id and r.response_id = c.response_id
         where r.submitted_at >= $1)
       select (select count(*) from latency) as cases,
         (select count(*) from responses where submitted_at >= $1 and nps <= 6 and not excluded) as matching,
         percentile_cont(0.5) within group (order by ms) as p50,
         percentile_cont(0.95) within group (order by ms) as p95,
         percentile_cont(0.99) within group (order by ms) as p99,
         max(ms) as max
       from latency`,
      [started],
    );
    const result = rows[0];
    const round = (value: number | null) => (value === null ? -1 : Math.round(value * 10) / 10);
    return {
      metrics: {
        ingest_responses_per_s: Math.round(paced['2xx'] / SECONDS),
        ingest_errors: paced.non2xx + paced.errors,
        ingest_p50_ms: paced.latency.p50,
        ingest_p99_ms: paced.latency.p99,
        cases_opened: Number(result.cases),
        cases_missing: Number(result.matching) - Number(result.cases),
        alert_p50_ms: round(result.p50),
        alert_p95_ms: round(result.p95),
        alert_p99_ms: round(result.p99),
        alert_max_ms: round(result.max),
      },
      goals: {
        alert_p95_ms: { target: 1000, op: '<=' },
        ingest_responses_per_s: { target: 950, op: '>=' },
        cases_missing: { target: 0, op: '<=' },
      },
    };
  } finally {
    await db.end().catch(() => {});
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
