import { readdir, readFile } from 'node:fs/promises';
import pg from 'pg';

/** The parent pid and the CPU seconds (user + system) in a /proc/<pid>/stat line. */
function parseStat(stat: string): { parent: number; seconds: number } {
  // Fields after the command name (which may hold spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { parent: Number(fields[1]), seconds: (Number(fields[11]) + Number(fields[12])) / 100 };
}

/** CPU seconds a process has used (user + system), read from /proc; null once it has gone. */
export async function processCpuSeconds(pid: number): Promise<number | null> {
  try {
    return parseStat(await readFile(`/proc/${pid}/stat`, 'utf8')).seconds;
  } catch {
    return null;
  }
}

/** CPU seconds of a process and its child processes (a cluster's primary and its workers). */
export async function processTreeCpuSeconds(pid: number): Promise<number | null> {
  const own = await processCpuSeconds(pid);
  if (own === null) return null;
  let sum = own;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const { parent, seconds } = parseStat(await readFile(`/proc/${entry}/stat`, 'utf8'));
      if (parent === pid) sum += seconds;
    } catch {
      // The process ended while the list was read.
    }
  }
  return sum;
}

/**
 * The CPU time of the Postgres backends serving one database (the server must run on this machine),
 * sampled twice a second so backends that end early are still counted. On a machine shared with
 * other work, CPU seconds say more about the cost of a run than wall-clock time does.
 */
export class BackendCpu {
  readonly #client: pg.Client;
  readonly #latest = new Map<number, number>();
  #timer: NodeJS.Timeout | null = null;

  constructor(url: string) {
    this.#client = new pg.Client({ connectionString: url });
  }

  async start(): Promise<void> {
    await this.#client.connect();
    this.#timer = setInterval(() => void this.sample().catch(() => {}), 500);
  }

  async sample(): Promise<void> {
    const { rows } = await this.#client.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    for (const { pid } of rows) {
      const seconds = await processCpuSeconds(pid);
      if (seconds !== null) this.#latest.set(pid, seconds);
    }
  }

  /** CPU seconds used by the database's backends so far. */
  async total(): Promise<number> {
    await this.sample();
    let sum = 0;
    for (const seconds of this.#latest.values()) sum += seconds;
    return sum;
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    await this.#client.end();
  }
}

/** CPU seconds of this process, all threads (the import's worker included). */
export function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}
