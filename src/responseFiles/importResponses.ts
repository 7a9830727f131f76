import type { Database } from '../db/database.ts';
import type { SurveyDefinition } from '../surveys/definition/index.ts';
import { type ColumnTarget, type MappingFile, resolveMapping } from './columnMapping.ts';
import { type ExportShape, exportLayout, type ImportFormat } from './exportLayout.ts';
import type { ImportPlan } from './importPlan.ts';
import { headRecords, type ImportSource } from './importSource.ts';
import { storeImport } from './storeImport.ts';

/** The survey version responses are imported into. */
export interface ImportTarget {
  orgId: string;
  surveyId: string;
  slug: string;
  version: number;
  touchpointId: string | null;
  definition: SurveyDefinition;
}

export interface ImportOptions {
  format: ImportFormat;
  mapping?: MappingFile | null;
  source?: string;
  dryRun?: boolean;
  onProgress?: (rows: number) => void;
}

/** What an import did, for the CLI and the API alike. */
export interface ImportSummary {
  survey: string;
  format: ImportFormat;
  shape: ExportShape;
  dryRun: boolean;
  rows: number;
  imported: number;
  skipped: { count: number; reasons: { reason: string; count: number; lines: number[] }[] };
  mapping: { column: string; label: string; target: ColumnTarget; by: string }[];
  unmapped: { column: string; label: string; reason: string }[];
}

/** The latest published version of a survey in the organisation, by slug or id. */
export async function importTarget(
  database: Database,
  orgId: string,
  where: { slug: string } | { surveyId: string },
): Promise<ImportTarget | null> {
  let query = database.db
    .selectFrom('surveys as s')
    .innerJoin('survey_versions as v', (join) =>
      join
        .onRef('v.org_id', '=', 's.org_id')
        .onRef('v.survey_id', '=', 's.survey_id')
        .onRef('v.version', '=', 's.current_version'),
    )
    .select(['s.survey_id', 's.slug', 's.touchpoint_id', 'v.version', 'v.definition'])
    .where('s.org_id', '=', orgId);
  query =
    'slug' in where
      ? query.where('s.slug', '=', where.slug)
      : query.where('s.survey_id', '=', where.surveyId);
  const row = await query.executeTakeFirst();
  if (!row) return null;
  return {
    orgId,
    surveyId: row.survey_id,
    slug: row.slug,
    version: row.version,
    touchpointId: row.touchpoint_id,
    definition: row.definition as unknown as SurveyDefinition,
  };
}

/**
 * Imports a Qualtrics or LimeSurvey response export into a survey: recognises the export's shape,
 * maps its columns to the survey's questions (suggested, then the mapping file's choices), and
 * stores every row that is a valid complete response, in one transaction. Re-importing the same
 * export stores nothing new: each response is keyed by its id in the source.
 */
export async function importResponses(
  database: Database,
  target: ImportTarget,
  source: ImportSource,
  options: ImportOptions,
): Promise<ImportSummary> {
  const layout = exportLayout(options.format, await headRecords(source));
  const mapping = resolveMapping(target.definition, layout, options.mapping ?? null);
  const contacts = await database.db
    .selectFrom('contacts as c')
    .innerJoin('accounts as a', (join) =>
      join.onRef('a.org_id', '=', 'c.org_id').onRef('a.account_id', '=', 'c.account_id'),
    )
    .select(['c.email', 'c.contact_id', 'c.account_id', 'a.unit_id'])
    .where('c.org_id', '=', target.orgId)
    .execute();
  const plan: ImportPlan = {
    orgId: target.orgId,
    surveyId: target.surveyId,
    surveyVersion: target.version,
    touchpointId: target.touchpointId,
    definition: target.definition,
    format: options.format,
    source: options.source ?? '',
    layout,
    mapped: mapping.mapped,
    contacts: contacts.map((c) => [c.email.toLowerCase(), c.contact_id, c.account_id, c.unit_id]),
    startedAt: Date.now(),
  };
  const stored = await storeImport(database, plan, source, {
    dryRun: options.dryRun ?? false,
    onProgress: options.onProgress,
  });
  return {
    survey: target.slug,
    format: options.format,
    shape: layout.shape,
    dryRun: options.dryRun ?? false,
    rows: stored.rows,
    imported: stored.imported,
    skipped: stored.skipped.summary(),
    mapping: mapping.mapped.map(({ column, target: to, by }) => ({
      column: column.name,
      label: column.label,
      target: to,
      by,
    })),
    unmapped: mapping.unmapped.map(({ column, reason }) => ({
      column: column.name,
      label: column.label,
      reason,
    })),
  };
}
