import { type ChildProcess, spawn } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import pg from 'pg';
import { generateAnswers } from '../src/demo/answerGenerator.ts';
import { drawLatentRespondent } from '../src/demo/causalModel.ts';
import { SeededRandom } from '../src/demo/seededRandom.ts';
import { loadConfig } from '../src/platform/config.ts';
import { renderSurveyPage } from '../src/respondent/renderSurveyPage.ts';
import { relationshipSurveyTemplate } from '../src/surveys/library/index.ts';
import { BackendCpu, processTreeCpuSeconds } from './backendCpu.ts';
import type { BenchResult } from './run.ts';

const serverUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const PASSWORD = 'bench-password';
const PORT = 3391;
/** Concurrent clients posting at full speed (integrations retrying in parallel). */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

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
 * A load run with the CPU it cost per stored response: the server's processes (all of a cluster's)
 * and the database's backends. Unlike the rate, the cost holds whatever else the machine is doing.
 */
async function measuredRun(
  server: ChildProcess,
  databaseUrl: string,
  load: () => Promise<autocannon.Result>,
): Promise<{ result: autocannon.Result; serverCpuUs: number; postgresCpuUs: number }> {
  const backends = new BackendCpu(databaseUrl);
  await backends.start();
  const before = [(await processTreeCpuSeconds(server.pid!))!, await backends.total()];
  const result = await load();
  const after = [(await processTreeCpuSeconds(server.pid!))!, await backends.total()];
  await backends.stop();
  const perResponse = (i: number) => Math.round(((after[i] - before[i]) / Math.max(1, result['2xx'])) * 1e6);
  return { result, serverCpuUs: perResponse(0), postgresCpuUs: perResponse(1) };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/**
 * Ingestion over HTTP into Postgres: the real server in its own process, relationship-survey
 * responses posted with an API token for 20 s at full speed, then at a fixed 1,000/s for latency;
 * a bare Fastify echo in a process of its own, measured by the same client in the same run; the
 * respondent page's size and render time.
 */
export async function ingestBench(): Promise<BenchResult> {
  const name = `rapport_bench_ingest_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // BENCH_PG_SOCKET=/var/run/postgresql makes the server reach Postgres over its Unix socket.
  if (process.env.BENCH_PG_SOCKET) url.searchParams.set('host', process.env.BENCH_PG_SOCKET);
  const startServer = (workers: string) =>
    spawn(
      process.execPath,
      [
        ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof-server'] : []),
        'src/cli/main.ts',
        'start',
      ],
      {
        env: {
          ...process.env,
          DATABASE_URL: url.toString(),
          PORT: String(PORT),
          LOG_LEVEL: 'warn',
          RAPPORT_DEMO_RESPONSES: '200',
          RAPPORT_DEMO_PASSWORD: PASSWORD,
          DATABASE_POOL_MAX: process.env.BENCH_POOL ?? '16',
          RAPPORT_WORKERS: workers,
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
  const stopServer = async (child: ChildProcess) => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  };
  // First one process, then the deployment this machine calls for (RAPPORT_WORKERS=auto: a process
  // per core); the figures with goals are the second's.
  let server = startServer('1');
  const base = `http://127.0.0.1:${PORT}`;
  try {
    await waitFor(`${base}/readyz`, server);
    const signIn = await fetch(`${base}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@demo.rapport.dev', password: PASSWORD }),
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const surveys = (await (await fetch(`${base}/api/v1/surveys`, { headers: { cookie } })).json()) as {
      surveys: { surveyId: string; slug: string }[];
    };
    const survey = surveys.surveys.find((s) => s.slug === 'demo-relationship')!;
    const token = (await (
      await fetch(`${base}/api/v1/tokens`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'bench', role: 'analyst' }),
      })
    ).json()) as { token: string };
    const definition = relationshipSurveyTemplate();
    const random = new SeededRandom(9);
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
    const request = {
      method: 'POST' as const,
      path: `/api/v1/surveys/${survey.surveyId}/responses`,
      headers: { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' },
      setupRequest: (req: any) => {
        req.body = bodies[next++ % bodies.length];
        return req;
      },
    };
    const single = await measuredRun(server, url.toString(), () =>
      run({ url: base, connections: CONNECTIONS, duration: 20, requests: [request] }),
    );
    if (process.env.BENCH_ONE_PROCESS_ONLY) {
      return {
        metrics: {
          ingest_one_process_responses_per_s: Math.round(single.result['2xx'] / 20),
          ingest_errors: single.result.non2xx + single.result.errors,
          one_process_server_cpu_us_per_response: single.serverCpuUs,
          one_process_postgres_cpu_us_per_response: single.postgresCpuUs,
        },
        goals: {},
      };
    }
    await stopServer(server);
    server = startServer(process.env.BENCH_WORKERS ?? 'auto');
    await waitFor(`${base}/readyz`, server);
    const sustainedRun = await measuredRun(server, url.toString(), () =>
      run({ url: base, connections: CONNECTIONS, duration: 20, requests: [request] }),
    );
    const sustained = sustainedRun.result;
    const created = sustained['2xx'];
    const ingestPerSecond = created / 20;
    const paced = await run({
      url: base,
      connections: 32,
      duration: 10,
      overallRate: 1000,
      requests: [request],
    });

    // The respondent page: the largest page of the relationship survey, as served.
    const pageHtml = await (await fetch(`${base}/s/open/demo-relationship?lang=en`)).text();
    // The baseline runs alone: the Rapport server (and its background work) is stopped first, and
    // the echo serves from its own process, as the server did, not from the load generator's.
    await stopServer(server);
    const echoServer = spawn(
      process.execPath,
      [new URL('./echoServer.ts', import.meta.url).pathname, String(PORT + 1)],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    let echoed: autocannon.Result;
    try {
      await waitFor(`http://127.0.0.1:${PORT + 1}/ready`, echoServer);
      echoed = await run({
        url: `http://127.0.0.1:${PORT + 1}`,
        connections: CONNECTIONS,
        duration: 20,
        requests: [
          {
            method: 'POST',
            path: '/echo',
            headers: { 'content-type': 'application/json' },
            setupRequest: request.setupRequest,
          },
        ],
      });
    } finally {
      await stopServer(echoServer);
    }
    const echoPerSecond = echoed['2xx'] / 20;

    const renders: number[] = [];
    for (let i = 0; i < 400; i++) {
      const started = performance.now();
      renderSurveyPage({
        definition,
        pageIndex: i % definition.pages.length,
        language: i % 2 ? 'it' : 'en',
        answers: {},
        hidden: {},
        piping: {},
        errors: [],
        formAction: '/s/open/x?page=0',
        formFields: {},
        languages: [],
        progress: { page: 1, pages: definition.pages.length },
        seed: i,
        isLastPage: false,
        canGoBack: false,
      });
      renders.push(performance.now() - started);
    }
    const largest = Math.max(
      ...definition.pages.map(
        (_, pageIndex) =>
          gzipSync(
            renderSurveyPage({
              definition,
              pageIndex,
              language: 'it',
              answers: {},
              hidden: {},
              piping: {},
              errors: [],
              formAction: '/s/open/x?page=0',
              formFields: {},
              languages: [
                { code: 'en', href: '/s/open/x?lang=en' },
                { code: 'it', href: '/s/open/x?lang=it' },
              ],
              progress: { page: pageIndex + 1, pages: definition.pages.length },
              seed: 1,
              isLastPage: false,
              canGoBack: true,
            }),
          ).length,
      ),
      gzipSync(pageHtml).length,
    );
    return {
      metrics: {
        ingest_responses_per_s: Math.round(ingestPerSecond),
        ingest_errors: sustained.non2xx + sustained.errors + single.result.non2xx + single.result.errors,
        ingest_one_process_responses_per_s: Math.round(single.result['2xx'] / 20),
        server_cpu_us_per_response: sustainedRun.serverCpuUs,
        postgres_cpu_us_per_response: sustainedRun.postgresCpuUs,
        one_process_server_cpu_us_per_response: single.serverCpuUs,
        one_process_postgres_cpu_us_per_response: single.postgresCpuUs,
        // Serving processes of the second run (a background process runs beside them).
        ingest_workers: loadConfig({ ...process.env, RAPPORT_WORKERS: process.env.BENCH_WORKERS ?? 'auto' })
          .workers,
        echo_requests_per_s: Math.round(echoPerSecond),
        ingest_vs_echo: Math.round((ingestPerSecond / echoPerSecond) * 1000) / 1000,
        ingest_p50_ms: paced.latency.p50,
        ingest_p99_ms: paced.latency.p99,
        page_gzip_bytes: largest,
        page_render_p50_ms: Math.round(percentile(renders, 0.5) * 1000) / 1000,
      },
      goals: {
        ingest_responses_per_s: { target: 3000, op: '>=' },
        ingest_vs_echo: { target: 0.25, op: '>=' },
        ingest_p99_ms: { target: 50, op: '<=' },
        page_gzip_bytes: { target: 15_360, op: '<=' },
        page_render_p50_ms: { target: 5, op: '<=' },
      },
    };
  } finally {
    await stopServer(server);
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
