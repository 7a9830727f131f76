/** One problem found in a definition or a set of answers, with where it is. */
export type SurveyIssue = { readonly path: string; readonly message: string };

export type PathSegment = string | number;

/**
 * A path as integrators read it: array indexes in brackets, keys after dots.
 * @param segments the path from the root, e.g. `['pages', 0, 'title', 'it']`
 * @returns the dotted form
 * @example formatIssuePath(['pages', 0, 'title', 'it']) // 'pages[0].title.it'
 */
export function formatIssuePath(segments: readonly PathSegment[]): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else path += path === '' ? segment : `.${segment}`;
  }
  return path;
}

/** An issue whose path is still a list of segments (what zod wants for `ctx.addIssue`). */
export type LocatedIssue = { readonly segments: readonly PathSegment[]; readonly message: string };
