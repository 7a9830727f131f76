import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/** One failing field: `field` is a JSON-pointer-like path such as `body.answers.q1`. */
export interface FieldError {
  field: string;
  message: string;
}

/** An RFC 9457 problem; every API error leaves Rapport in this shape. */
export class Problem extends Error {
  readonly status: number;
  readonly title: string;
  readonly errors: FieldError[];
  readonly type: string;

  constructor(status: number, title: string, detail?: string, errors: FieldError[] = [], type?: string) {
    super(detail ?? title);
    this.status = status;
    this.title = title;
    this.errors = errors;
    this.type = type ?? `https://rapport.dev/problems/${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  }
}

export const badRequest = (detail: string, errors: FieldError[] = []) =>
  new Problem(400, 'Invalid request', detail, errors);
export const unauthorized = (detail = 'Sign in, or send a valid API token.') =>
  new Problem(401, 'Unauthorized', detail);
export const forbidden = (detail = 'Your role or scope does not allow this.') =>
  new Problem(403, 'Forbidden', detail);
export const notFound = (what = 'resource') =>
  new Problem(404, 'Not found', `No such ${what} in your scope.`);
export const conflict = (detail: string, errors: FieldError[] = []) =>
  new Problem(409, 'Conflict', detail, errors);

function zodPathToField(location: string, instancePath: string): string {
  const tail = instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  return tail ? `${location}.${tail}` : location;
}

/** Turns whatever was thrown into a problem document; unknown errors become a 500 without internals. */
export function toProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  const fastifyError = error as FastifyError & { validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(error)) {
    const location = fastifyError.validationContext ?? 'body';
    const errors = error.validation.map((issue) => {
      const keys =
        issue.keyword === 'unrecognized_keys' ? ((issue.params as { keys?: string[] }).keys ?? []) : [];
      const base = zodPathToField(location, issue.instancePath);
      return keys.length
        ? keys.map((key) => ({ field: `${base}.${key}`, message: 'Unknown field' }))
        : [{ field: base, message: issue.message ?? 'Invalid value' }];
    });
    return badRequest('The request does not match the schema.', errors.flat());
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return badRequest('The body is not valid JSON.', [{ field: 'body', message: fastifyError.message }]);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new Problem(413, 'Payload too large', 'The request body is larger than the limit.', [
        { field: 'body', message: fastifyError.message },
      ]);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new Problem(415, 'Unsupported media type', fastifyError.message, [
        { field: 'content-type', message: 'Send application/json' },
      ]);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return badRequest(fastifyError.message, [{ field: 'content-length', message: fastifyError.message }]);
  }
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
    return new Problem(fastifyError.statusCode, 'Request error', fastifyError.message);
  }
  return new Problem(500, 'Internal error', 'Something went wrong on our side; it has been logged.');
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json').send({
    type: problem.type,
    title: problem.title,
    status: problem.status,
    detail: problem.message,
    instance: request.url,
    requestId: request.id,
    errors: problem.errors,
  });
}
