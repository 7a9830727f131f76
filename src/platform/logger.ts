import pino, { type Logger } from 'pino';

export type { Logger };

/** One pino logger for the process; request loggers are its children (Fastify adds the request id). */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'rapport' } });
}
