import type { SurveyDefinition } from '../surveys/definition/index.ts';
import type { MappedColumn } from './columnMapping.ts';
import type { ExportLayout, ImportFormat } from './exportLayout.ts';

/** Everything that turns rows into responses, as plain data so it can cross to a worker thread. */
export interface ImportPlan {
  orgId: string;
  surveyId: string;
  surveyVersion: number;
  touchpointId: string | null;
  definition: SurveyDefinition;
  format: ImportFormat;
  /** Keeps two sources' response ids apart (LimeSurvey numbers responses 1, 2, 3… per survey). */
  source: string;
  layout: ExportLayout;
  mapped: MappedColumn[];
  /** Contacts by lower-case email: a response from a known address is linked to them. */
  contacts: [email: string, contactId: string, accountId: string, unitId: string | null][];
  /** Used for the response ids: time-ordered from the moment of the import. */
  startedAt: number;
}

/** The key that makes importing the same response twice a no-op. */
export function importKey(
  plan: Pick<ImportPlan, 'surveyId' | 'format' | 'source'>,
  sourceId: string,
): string {
  return `import:${plan.surveyId}:${plan.format}${plan.source ? `/${plan.source}` : ''}:${sourceId}`;
}
