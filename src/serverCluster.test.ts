import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './platform/config.ts';
import { startCluster } from './serverCluster.ts';

describe('serving with several processes', () => {
  it('reads RAPPORT_WORKERS: auto means a serving process per core but one, plus the background', () => {
    expect(loadConfig({})).toMatchObject({ workers: 1, separateBackground: false });
    expect(loadConfig({ RAPPORT_WORKERS: '1' })).toMatchObject({ workers: 1, separateBackground: false });
    expect(loadConfig({ RAPPORT_WORKERS: '3' })).toMatchObject({ workers: 3, separateBackground: true });
    expect(loadConfig({ RAPPORT_WORKERS: 'auto' })).toMatchObject({
      workers: Math.max(1, availableParallelism() - 1),
      separateBackground: true,
    });
    expect(() => loadConfig({ RAPPORT_WORKERS: 'many' })).toThrow(/RAPPORT_WORKERS/);
  });

  it('refuses several processes on the embedded database', async () => {
    await expect(startCluster(loadConfig({ RAPPORT_WORKERS: '2' }))).rejects.toThrow(/DATABASE_URL/);
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    'serves from two workers on one port and stops cleanly',
    async () => {
      const port = 3400 + (process.pid % 500);
      const child = spawn(process.execPath, ['src/cli/main.ts', 'start'], {
        env: {
          ...process.env,
          DATABASE_URL: process.env.TEST_DATABASE_URL,
          PORT: String(port),
          RAPPORT_WORKERS: '2',
          RAPPORT_DEMO: 'false',
          LOG_LEVEL: 'warn',
        },
        stdio: 'ignore',
      });
      try {
        let ready = false;
        for (let i = 0; i < 900 && !ready; i++) {
          ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
            (r) => r.ok,
            () => false,
          );
          if (!ready) await new Promise((r) => setTimeout(r, 100));
        }
        expect(ready).toBe(true);
        const answers = await Promise.all(
          Array.from({ length: 20 }, () => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status)),
        );
        expect(answers.every((status) => status === 200)).toBe(true);
        // The primary forks exactly the workers asked for (Linux lists a process's children in /proc).
        const children = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8')
          .trim()
          .split(/\s+/);
        expect(children).toHaveLength(3); // two serving, one background
        // The background worker runs at a lower priority (niceness is field 19 of /proc/PID/stat).
        const niceness = children.map((pid) =>
          Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[16]),
        );
        expect(niceness.sort()).toEqual([0, 0, 10]);
      } finally {
        child.kill('SIGTERM');
      }
      const code = await new Promise((resolve) => child.once('exit', resolve));
      expect(code).toBe(0);
    },
    120_000,
  );
});
