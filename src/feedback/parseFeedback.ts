/**
 * Reading a file of unsolicited feedback (reviews, tickets, social posts, e-mails) into records,
 * every bad line named by its number. Pure: no I/O. CSV is read by csv-parse; JSON is either an
 * array of objects (numbered by position) or JSON Lines (numbered by line).
 */
import { createHash } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';

/** Where unsolicited feedback comes from (the comments table's sources other than 'survey'). */
export const FEEDBACK_SOURCES = ['review', 'ticket', 'social', 'email', 'other'] as const;
export type FeedbackSource = (typeof FEEDBACK_SOURCES)[number];

/** The formats a file may be in. */
export type FeedbackFormat = 'csv' | 'json';

/** One piece of feedback ready to store. */
export type FeedbackRecord = {
  /** The line (CSV, JSON Lines) or position (JSON array) it came from, 1-based. */
  line: number;
  source: FeedbackSource;
  /** When the customer wrote it, ISO 8601. */
  date: string;
  rating: number | null;
  text: string;
  authorEmail: string | null;
  accountExternalId: string | null;
  /** A web domain, lower case, without a leading "www.". */
  domain: string | null;
  externalId: string | null;
  /** What makes a re-import skip it: the source's id when given, else a hash of the content. */
  importKey: string;
};

/** A bad line: its number and what is wrong with which field. */
export type FeedbackLineError = { line: number; field: string; message: string };

/** The result of reading a file: the good records and every bad line (an import needs none). */
export type ParsedFeedback = {
  format: FeedbackFormat;
  records: FeedbackRecord[];
  errors: FeedbackLineError[];
};

// Column names are matched ignoring case and punctuation; these are the accepted spellings.
const COLUMN_ALIASES: Record<string, keyof RawRecord> = {
  source: 'source',
  date: 'date',
  createdat: 'date',
  rating: 'rating',
  score: 'rating',
  text: 'text',
  comment: 'text',
  body: 'text',
  authoremail: 'authorEmail',
  email: 'authorEmail',
  accountexternalid: 'accountExternalId',
  accountid: 'accountExternalId',
  domain: 'domain',
  externalid: 'externalId',
  id: 'externalId',
};

type RawRecord = {
  source?: unknown;
  date?: unknown;
  rating?: unknown;
  text?: unknown;
  authorEmail?: unknown;
  accountExternalId?: unknown;
  domain?: unknown;
  externalId?: unknown;
};

const blankToUndefined = (value: unknown) =>
  value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;

const optionalText = (max: number) =>
  z.preprocess(blankToUndefined, z.coerce.string().trim().max(max).optional());

const recordSchema = z.object({
  source: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
    z.enum(FEEDBACK_SOURCES, { error: `must be one of ${FEEDBACK_SOURCES.join(', ')}` }),
  ),
  date: z.preprocess(
    blankToUndefined,
    z
      .string({ error: 'is required (ISO 8601, e.g. 2025-03-14 or 2025-03-14T09:30:00Z)' })
      .trim()
      .refine((v) => /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v), {
        error: 'must be an ISO 8601 date, e.g. 2025-03-14 or 2025-03-14T09:30:00Z',
        abort: true,
      })
      // Date.parse rolls 2025-02-30 over to March: the calendar day must survive the round trip.
      .refine(
        (v) =>
          !Number.isNaN(Date.parse(v)) &&
          new Date(`${v.slice(0, 10)}T00:00:00Z`).toISOString().startsWith(v.slice(0, 10)),
        {
          error: 'is not a real date',
        },
      ),
  ),
  rating: z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim().replace(',', '.'))) : v),
    z.number({ error: 'must be a number' }).min(0).max(100).nullable().optional(),
  ),
  text: z.preprocess(
    blankToUndefined,
    z.string({ error: 'is required' }).trim().min(1, { error: 'is required' }).max(20_000),
  ),
  authorEmail: z.preprocess(blankToUndefined, z.email({ error: 'is not an e-mail address' }).optional()),
  accountExternalId: optionalText(200),
  domain: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .toLowerCase()
      .transform((v) =>
        v
          .replace(/^https?:\/\//, '')
          .replace(/^www\./, '')
          .replace(/\/.*$/, ''),
      )
      .refine((v) => /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(v), { error: 'is not a domain, e.g. acme.example' })
      .optional(),
  ),
  externalId: optionalText(200),
});

/**
 * The key that makes a re-import of the same feedback a no-op: `ext:source:id` when the source gave
 * an id, else `sha256:` of source, date, author and text (so an edited text is new feedback).
 *
 * @param record - the record's source, date, author, text and external id.
 * @returns the key.
 * @example feedbackImportKey({ source: 'review', externalId: 'G-17', date: '2025-01-02', authorEmail: null, text: 'Great' }) // 'ext:review:G-17'
 */
export function feedbackImportKey(
  record: Pick<FeedbackRecord, 'source' | 'externalId' | 'date' | 'authorEmail' | 'text'>,
): string {
  if (record.externalId) return `ext:${record.source}:${record.externalId}`;
  const hash = createHash('sha256')
    .update(
      [record.source, record.date, (record.authorEmail ?? '').toLowerCase(), record.text].join('\u0000'),
    )
    .digest('hex');
  return `sha256:${hash}`;
}

/**
 * Guesses the format from the content: JSON when it starts with `[` or `{`, else CSV.
 *
 * @param content - the file's text.
 * @returns the format.
 * @example detectFeedbackFormat('[{"text": "Hi"}]') // 'json'
 */
export function detectFeedbackFormat(content: string): FeedbackFormat {
  const first = content.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '[' || first === '{' ? 'json' : 'csv';
}

function normaliseKeys(raw: Record<string, unknown>): RawRecord {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const known = COLUMN_ALIASES[key.toLowerCase().replace(/[^a-z]/g, '')];
    if (known && out[known] === undefined) out[known] = value;
  }
  return out as RawRecord;
}

function readRecord(
  raw: Record<string, unknown>,
  line: number,
  defaultSource: FeedbackSource | undefined,
): { record?: FeedbackRecord; errors: FeedbackLineError[] } {
  const normalised = normaliseKeys(raw);
  if (blankToUndefined(normalised.source) === undefined && defaultSource) normalised.source = defaultSource;
  const parsed = recordSchema.safeParse(normalised);
  if (!parsed.success) {
    return {
      errors: parsed.error.issues.map((issue) => ({
        line,
        field: String(issue.path[0] ?? 'record'),
        message: issue.message,
      })),
    };
  }
  const v = parsed.data;
  const date = new Date(v.date.length === 10 ? `${v.date}T00:00:00Z` : v.date).toISOString();
  const base = {
    line,
    source: v.source,
    date,
    rating: v.rating ?? null,
    text: v.text,
    authorEmail: v.authorEmail?.toLowerCase() ?? null,
    accountExternalId: v.accountExternalId ?? null,
    domain: v.domain ?? null,
    externalId: v.externalId ?? null,
  };
  return { record: { ...base, importKey: feedbackImportKey(base) }, errors: [] };
}

function csvRows(content: string): { rows: { cells: string[]; line: number }[]; error?: FeedbackLineError } {
  try {
    const parsed = parseCsv(content, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return { rows: parsed.map((p) => ({ cells: p.record, line: p.info.lines })) };
  } catch (error) {
    const e = error as Error & { lines?: number };
    return { rows: [], error: { line: e.lines ?? 1, field: 'csv', message: e.message } };
  }
}

/**
 * Reads a feedback file. Columns (CSV header or JSON keys, any case): source, date, rating, text,
 * author_email (or email), account_external_id, domain, external_id (or id); others are ignored.
 *
 * @param content - the file's text.
 * @param options - the format (default: guessed) and the source of records that name none.
 * @returns the records and every bad line; records are only to be stored when errors is empty.
 * @example parseFeedback('source,date,text\nreview,2025-01-02,Great service\n').records[0].line // 2
 */
export function parseFeedback(
  content: string,
  options: { format?: FeedbackFormat; source?: FeedbackSource } = {},
): ParsedFeedback {
  const format = options.format ?? detectFeedbackFormat(content);
  const records: FeedbackRecord[] = [];
  const errors: FeedbackLineError[] = [];
  const take = (raw: Record<string, unknown>, line: number) => {
    const result = readRecord(raw, line, options.source);
    if (result.record) records.push(result.record);
    errors.push(...result.errors);
  };

  if (format === 'csv') {
    const { rows, error } = csvRows(content);
    if (error) return { format, records: [], errors: [error] };
    const [header, ...body] = rows;
    if (!header)
      return { format, records, errors: [{ line: 1, field: 'csv', message: 'the file is empty' }] };
    const names = header.cells.map((cell) => cell.trim());
    if (!names.some((name) => COLUMN_ALIASES[name.toLowerCase().replace(/[^a-z]/g, '')] === 'text')) {
      errors.push({ line: header.line, field: 'text', message: 'the header has no text column' });
      return { format, records, errors };
    }
    for (const row of body) take(Object.fromEntries(names.map((name, i) => [name, row.cells[i]])), row.line);
    return { format, records, errors };
  }

  const text = content.replace(/^\uFEFF/, '');
  if (text.trimStart().startsWith('[')) {
    let items: unknown;
    try {
      items = JSON.parse(text);
    } catch (error) {
      return { format, records, errors: [{ line: 1, field: 'json', message: (error as Error).message }] };
    }
    (items as unknown[]).forEach((item, index) => {
      if (item && typeof item === 'object' && !Array.isArray(item))
        take(item as Record<string, unknown>, index + 1);
      else errors.push({ line: index + 1, field: 'record', message: 'is not an object' });
    });
    return { format, records, errors };
  }
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    let item: unknown;
    try {
      item = JSON.parse(raw);
    } catch (error) {
      errors.push({ line: index + 1, field: 'json', message: (error as Error).message });
      return;
    }
    if (item && typeof item === 'object' && !Array.isArray(item))
      take(item as Record<string, unknown>, index + 1);
    else errors.push({ line: index + 1, field: 'record', message: 'is not an object' });
  });
  return { format, records, errors };
}
