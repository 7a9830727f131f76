import type { Acting } from '../cases/acting.ts';
import type { Database } from '../db/database.ts';
import type { PgBoss } from '../db/jobs.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { Config } from '../platform/config.ts';
import type { Logger } from '../platform/logger.ts';

/** What every capability's routes are given: the app factory builds it once per process. */
export interface AppContext {
  database: Database;
  config: Config;
  logger: Logger;
  /** Outgoing mail (SMTP_URL, MAIL_FROM). */
  mailer: Mailer;
  /** The job queue, for routes that hand work to the background (absent: such routes answer 503). */
  jobs?: PgBoss;
  /** The job queue, clock and text analysis that acting on cases uses; absent: no jobs, the real clock. */
  acting?: Acting;
}
