import { formatIssuePath, type SurveyIssue } from './issuePath.ts';
import { type SurveyDefinition, surveyDefinitionSchema } from './surveyDefinitionSchema.ts';

export type ParsedSurveyDefinition =
  | { readonly ok: true; readonly definition: SurveyDefinition }
  | { readonly ok: false; readonly issues: readonly SurveyIssue[] };

/**
 * Reads untrusted JSON as a survey definition: shape (strict: unknown fields are rejected) and
 * cross-field rules, with every problem as `{ path, message }`.
 * @param input parsed JSON
 * @returns the definition, or the issues
 * @example parseSurveyDefinition({ formatVersion: 2 }).ok // false
 */
export function parseSurveyDefinition(input: unknown): ParsedSurveyDefinition {
  const result = surveyDefinitionSchema.safeParse(input);
  if (result.success) return { ok: true, definition: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      path: formatIssuePath(
        issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment))),
      ),
      message: issue.message,
    })),
  };
}
