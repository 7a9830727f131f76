import { storedCommentAnalyses } from '../alerts/commentAnalyses.ts';
import type { AppContext } from '../http/context.ts';
import type { Acting } from './acting.ts';

/** The context's Acting, or one with the context's job queue (if any) and the real clock. */
export function actingOf(context: AppContext): Acting {
  return (
    context.acting ?? {
      jobs: context.jobs ?? null,
      now: () => new Date(),
      commentAnalyses: storedCommentAnalyses,
      publicUrl: context.config.publicUrl,
    }
  );
}
