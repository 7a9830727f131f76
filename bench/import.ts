import { spawn } from 'node:child_process';
import { rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { measureCopyFloor } from './copyFloor.ts';
import type { BenchResult } from './run.ts';

const serverUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';

function runChild(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<Record<string, any>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [new URL(script, import.meta.url).pathname, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${script} failed (${code}): ${stderr.slice(-2000)}`));
      resolve(JSON.parse(stdout.trim().split('\n').at(-1)!));
    });
  });
}

const perHundredThousand = (seconds: number, rows: number) =>
  Math.round((seconds / rows) * 100_000 * 100) / 100;

/**
 * Historic import into a Postgres server: a Qualtrics-shaped export of `--rows` relationship-survey
 * responses (default 1,000,000) is generated to a temporary file (not timed), imported into a
 * throw-away database (parse, map, validate, derive measures, COPY, queue for rollups), then
 * exported back as CSV. Import and export run in a child process so peak memory is theirs alone.
 * Last, the same rows are copied into an empty table like `responses` by Postgres alone (copyFloor.ts).
 */
export async function importBench(args: string[]): Promise<BenchResult> {
  const { values } = parseArgs({
    args,
    options: { rows: { type: 'string', default: '1000000' }, reimport: { type: 'boolean' } },
  });
  const rows = Number(values.rows);
  const file = join(tmpdir(), `rapport-bench-import-${process.pid}.csv`);
  const exportFile = join(tmpdir(), `rapport-bench-export-${process.pid}.csv`);
  const name = `rapport_bench_import_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    const generated = await runChild('./importFileChild.ts', [file, String(rows)]);
    const fileBytes = (await stat(file)).size;
    const run = await runChild('./importChild.ts', [file, exportFile], {
      DATABASE_URL: url.toString(),
      ...(values.reimport ? { BENCH_REIMPORT: '1' } : {}),
    });
    process.stderr.write(`${JSON.stringify({ generated, fileBytes, run })}\n`);
    const floor = await measureCopyFloor(
      url.toString(),
      join(tmpdir(), `rapport-bench-floor-${process.pid}.copy`),
    );
    const importRowsPerSecond = run.rows / run.importSeconds;
    return {
      metrics: {
        rows: run.rows,
        imported: run.imported,
        skipped: run.skipped.count,
        file_mb: Math.round(fileBytes / 2 ** 20),
        import_seconds: Math.round(run.importSeconds * 100) / 100,
        import_rows_per_s: Math.round(importRowsPerSecond),
        import_peak_rss_mb: Math.round(run.importPeakRssMb),
        // CPU seconds per 100,000 rows (Node: all threads of the import process; Postgres: the
        // database's backends): the cost of a run, less dependent on what else the machine runs.
        import_node_cpu_s_per_100k: perHundredThousand(run.importNodeCpuSeconds, run.rows),
        import_pg_cpu_s_per_100k: perHundredThousand(run.importPostgresCpuSeconds, run.rows),
        // Postgres alone, same rows, same machine: a bare COPY into a table like responses (with its
        // indexes, then with none). The import cannot beat it; the goal is read against it.
        copy_floor_rows_per_s: floor.indexedRowsPerSecond,
        copy_floor_unindexed_rows_per_s: floor.unindexedRowsPerSecond,
        copy_floor_pg_cpu_s_per_100k: floor.indexedPostgresCpuSecondsPer100k,
        import_vs_copy_floor: Math.round((importRowsPerSecond / floor.indexedRowsPerSecond) * 1000) / 1000,
        export_seconds: Math.round(run.exportSeconds * 100) / 100,
        export_rows_per_s: Math.round(run.imported / run.exportSeconds),
        export_node_cpu_s_per_100k: perHundredThousand(run.exportNodeCpuSeconds, run.imported),
        export_pg_cpu_s_per_100k: perHundredThousand(run.exportPostgresCpuSeconds, run.imported),
        load_average: Math.round(loadavg()[0] * 10) / 10,
        ...(run.reimported >= 0
          ? {
              reimport_new_rows: run.reimported,
              reimport_seconds: Math.round(run.reimportSeconds * 100) / 100,
            }
          : {}),
      },
      goals: {
        import_rows_per_s: { target: 50_000, op: '>=' },
        import_peak_rss_mb: { target: 300, op: '<=' },
        export_rows_per_s: { target: 100_000, op: '>=' },
      },
    };
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    await rm(file, { force: true });
    await rm(exportFile, { force: true });
  }
}
