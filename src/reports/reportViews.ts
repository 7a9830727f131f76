import type { ReportView } from '../db/schema.ts';

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
