import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { Problem } from '../http/problem.ts';

export const CSV_TYPES = ['text/csv', 'text/plain', 'application/csv'];
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Larger than the JSON limit on purpose: a CRM export of 100k contacts is tens of megabytes. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/**
 * Lets the routes of one plugin take a file as the raw request body (CSV, XLSX or octet-stream),
 * handed over unread so it streams instead of being buffered whole.
 */
export function acceptFileBodies(app: FastifyInstance): void {
  for (const type of [...CSV_TYPES, XLSX_TYPE, 'application/octet-stream']) {
    app.addContentTypeParser(type, (_request, payload, done) => done(null, payload));
  }
}

/** The request body's bytes, refusing a body larger than `limit` once it gets there. */
export async function* uploadedBytes(body: unknown, limit = MAX_UPLOAD_BYTES): AsyncGenerator<Buffer> {
  if (!body || typeof (body as Readable)[Symbol.asyncIterator] !== 'function') {
    throw new Problem(
      415,
      'Unsupported media type',
      'Send the file as the request body (text/csv or XLSX).',
      [{ field: 'content-type', message: `Use text/csv or ${XLSX_TYPE}` }],
    );
  }
  let total = 0;
  for await (const chunk of body as Readable) {
    total += (chunk as Buffer).length;
    if (total > limit)
      throw new Problem(413, 'Payload too large', `Files are limited to ${Math.round(limit / 1048576)} MB.`, [
        { field: 'body', message: 'Too large' },
      ]);
    yield chunk as Buffer;
  }
}
