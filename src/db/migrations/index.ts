import type { Migration } from 'kysely/migration';
import * as foundation from './0001_foundation.ts';
import * as listening from './0002_listening.ts';
import * as rollups from './0003_rollups.ts';
import * as accountRollups from './0004_account_rollups.ts';
import * as outcomeGroups from './0005_outcome_groups.ts';
import * as textPipeline from './0006_text_pipeline.ts';
import * as directory from './0007_directory.ts';
import * as reach from './0008_reach.ts';
import * as cases from './0010_cases.ts';
import * as manualCases from './0012_manual_cases.ts';
import * as reports from './0013_reports.ts';
import * as responseImportIndexes from './0014_response_import_indexes.ts';
import * as moreReportViews from './0016_more_report_views.ts';

/** Every migration in order; names sort in the order they must run. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_listening': listening,
  '0003_rollups': rollups,
  '0004_account_rollups': accountRollups,
  '0005_outcome_groups': outcomeGroups,
  '0006_text_pipeline': textPipeline,
  '0007_directory': directory,
  '0008_reach': reach,
  '0010_cases': cases,
  '0012_manual_cases': manualCases,
  '0013_reports': reports,
  '0014_response_import_indexes': responseImportIndexes,
  '0016_more_report_views': moreReportViews,
};
