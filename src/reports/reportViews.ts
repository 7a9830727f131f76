import type { ReportView } from '../db/schema.ts';
import type { Action } from '../policies/abilities.ts';

/**
 * The views a PDF report can be drawn of (downloaded or scheduled). Pure, so the web app lists the
 * same ones without importing the renderer.
 */
export const REPORT_VIEWS = [
  'overview',
  'forces',
  'accounts',
  'journeys',
  'comments',
  'cases',
] as const satisfies readonly ReportView[];

/** What a reader must be allowed to see a view's report: the same as the view's own data. */
export const REPORT_ACTION: Record<ReportView, Action> = {
  overview: 'responses:read',
  forces: 'responses:read',
  accounts: 'responses:read',
  journeys: 'responses:read',
  comments: 'comments:read',
  cases: 'cases:read',
};
