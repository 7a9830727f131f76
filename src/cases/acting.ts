import type { CommentAnalysisLoader } from '../alerts/commentAnalyses.ts';
import type { PgBoss } from '../db/jobs.ts';

/** What the acting capability needs besides the database: the job queue, a clock, the text analysis. */
export interface Acting {
  /** Enqueues notification emails inside the case's transaction; null sends none (some tests). */
  jobs: PgBoss | null;
  /** The clock of SLAs and escalation; tests move it by hand. */
  now: () => Date;
  commentAnalyses: CommentAnalysisLoader;
  /** Base URL of links in emails (the check-back answer pages). */
  publicUrl: string;
}
