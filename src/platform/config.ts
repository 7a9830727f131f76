import { availableParallelism } from 'node:os';

/**
 * Every setting Rapport reads from the environment, with its default. The README's configuration
 * table is written from this list; keep the two in step.
 */
export interface Config {
  port: number;
  host: string;
  /** A Postgres server; unset means the embedded PGlite database. */
  databaseUrl: string | undefined;
  /** PGlite's data directory, or `memory` for a throw-away in-memory database. */
  dataDir: string;
  databasePoolMax: number;
  /** Processes serving on one port (a Postgres server only). */
  workers: number;
  /**
   * Whether background work (job workers, sweeps, text analysis) runs in a process of its own at a
   * lower priority, beside the serving processes; otherwise one process does everything.
   */
  separateBackground: boolean;
  logLevel: string;
  /** Load the demo programme when the database is empty at start-up. */
  demoOnEmpty: boolean;
  demoResponses: number;
  demoPassword: string | undefined;
  publicUrl: string;
  /** Serve cookies with `Secure` (set when TLS terminates in front of Rapport). */
  secureCookies: boolean;
  bodyLimitBytes: number;
  /** The SMTP relay invitations and notifications go through. */
  smtpUrl: string;
  mailFrom: string;
  /** Most messages per second handed to the relay (0: no limit). */
  mailRatePerSecond: number;
  /** The text engine of the comment pipeline: the built-in one, or a local transformer model. */
  textEngine: 'builtin' | 'transformers';
  /** The transformer model's directory (RAPPORT_TEXT_ENGINE=transformers). */
  textModelDir: string | undefined;
  /** The Chromium that draws PDF reports (absent: PDF reports answer 503). */
  chromiumPath: string;
  /**
   * Whether webhooks may be delivered to loopback, private (RFC 1918, fc00::/7) and carrier-grade NAT
   * addresses, for receivers on the organisation's own network. Off: only public addresses.
   */
  webhookAllowPrivate: boolean;
}

export const CONFIG_VARIABLES = [
  ['PORT', '3000', 'HTTP port'],
  ['HOST', '127.0.0.1', 'Interface to listen on (0.0.0.0 to accept outside connections)'],
  ['DATABASE_URL', '(unset)', 'Postgres connection string; unset runs the embedded PGlite database'],
  ['RAPPORT_DATA_DIR', './.rapport/data', 'PGlite data directory, or `memory` for an in-memory database'],
  ['DATABASE_POOL_MAX', '10', 'Connections to a Postgres server per process (PGlite always uses one)'],
  [
    'RAPPORT_WORKERS',
    '1',
    'Processes serving on the one port, plus one for background work (needs DATABASE_URL); `auto`: one per core',
  ],
  ['LOG_LEVEL', 'info', 'pino log level (trace, debug, info, warn, error, silent)'],
  ['RAPPORT_DEMO', 'true', 'Load the demo programme on the first start of an empty database'],
  ['RAPPORT_DEMO_RESPONSES', '5000', 'Responses in the demo programme'],
  ['RAPPORT_DEMO_PASSWORD', '(random, printed)', 'Password of the demo owner owner@demo.rapport.dev'],
  ['RAPPORT_PUBLIC_URL', 'http://localhost:$PORT', 'Base URL used in links sent to respondents'],
  ['RAPPORT_SECURE_COOKIES', 'false', 'Mark session cookies Secure (set it when served over TLS)'],
  ['RAPPORT_BODY_LIMIT', '1048576', 'Largest accepted request body, in bytes'],
  [
    'SMTP_URL',
    'smtp://127.0.0.1:25',
    'SMTP relay for outgoing mail (smtp:// or smtps://, credentials in the URL)',
  ],
  ['MAIL_FROM', 'Rapport <no-reply@localhost>', 'Sender of invitations and notifications'],
  ['MAIL_RATE_PER_SECOND', '10', 'Most messages per second handed to the SMTP relay (0: no limit)'],
  [
    'RAPPORT_TEXT_ENGINE',
    'builtin',
    'Text engine of the comment pipeline: builtin, or transformers (a local model)',
  ],
  [
    'RAPPORT_TEXT_MODEL_DIR',
    '(unset)',
    'Directory of the local transformer model (RAPPORT_TEXT_ENGINE=transformers)',
  ],
  ['CHROMIUM_PATH', '/usr/bin/chromium', 'Chromium used to draw PDF reports of the web app views'],
  [
    'RAPPORT_WEBHOOK_ALLOW_PRIVATE',
    'false',
    'Let webhooks reach loopback, private and carrier-grade NAT addresses (receivers on your own network)',
  ],
] as const;

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return parsed;
}

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return !['0', 'false', 'no', 'off'].includes(value.toLowerCase());
}

function textEngine(value: string | undefined): Config['textEngine'] {
  if (value === undefined || value === '' || value === 'builtin') return 'builtin';
  if (value === 'transformers') return 'transformers';
  throw new Error(`RAPPORT_TEXT_ENGINE must be builtin or transformers, got "${value}"`);
}

/**
 * RAPPORT_WORKERS: a number of serving processes (more than one adds a background process), or
 * `auto`: one serving process per core but one, and the background process. On two cores two
 * serving processes cost a fifth more CPU per response than one (the database commits twice as many,
 * half-size batches, measured with the ingest bench), so the second core goes to the database and
 * the background.
 */
function processLayout(value: string | undefined): Pick<Config, 'workers' | 'separateBackground'> {
  if (value === 'auto') return { workers: Math.max(1, availableParallelism() - 1), separateBackground: true };
  const workers = Math.max(1, integer('RAPPORT_WORKERS', value, 1));
  return { workers, separateBackground: workers > 1 };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = integer('PORT', env.PORT, 3000);
  return {
    port,
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.RAPPORT_DATA_DIR || './.rapport/data',
    databasePoolMax: Math.max(1, integer('DATABASE_POOL_MAX', env.DATABASE_POOL_MAX, 10)),
    ...processLayout(env.RAPPORT_WORKERS),
    logLevel: env.LOG_LEVEL || 'info',
    demoOnEmpty: flag(env.RAPPORT_DEMO, true),
    demoResponses: integer('RAPPORT_DEMO_RESPONSES', env.RAPPORT_DEMO_RESPONSES, 5000),
    demoPassword: env.RAPPORT_DEMO_PASSWORD || undefined,
    publicUrl: env.RAPPORT_PUBLIC_URL || `http://localhost:${port}`,
    secureCookies: flag(env.RAPPORT_SECURE_COOKIES, false),
    bodyLimitBytes: integer('RAPPORT_BODY_LIMIT', env.RAPPORT_BODY_LIMIT, 1_048_576),
    smtpUrl: env.SMTP_URL || 'smtp://127.0.0.1:25',
    mailFrom: env.MAIL_FROM || 'Rapport <no-reply@localhost>',
    mailRatePerSecond: integer('MAIL_RATE_PER_SECOND', env.MAIL_RATE_PER_SECOND, 10),
    textEngine: textEngine(env.RAPPORT_TEXT_ENGINE),
    textModelDir: env.RAPPORT_TEXT_MODEL_DIR || undefined,
    chromiumPath: env.CHROMIUM_PATH || '/usr/bin/chromium',
    webhookAllowPrivate: flag(env.RAPPORT_WEBHOOK_ALLOW_PRIVATE, false),
  };
}
