import { hash } from 'node:crypto';
import { type Answers, isAnswered } from '../../surveys/definition/index.ts';
import { type CleaningRules, DEFAULT_CLEANING_RULES } from './cleaningRules.ts';

/** What identifies a response for duplicate detection. */
export type FingerprintInput = {
  readonly surveyId: string;
  /** The known contact who answered; null/undefined for an anonymous link. */
  readonly contactId?: string | null;
  /** The submitting IP address (used only for anonymous respondents). */
  readonly ipAddress?: string | null;
  /** The submitting browser's user agent (used only for anonymous respondents). */
  readonly userAgent?: string | null;
  readonly answers: Answers;
};

/** A response as the duplicate check sees it. */
export type DuplicateCandidate = {
  readonly fingerprint: string;
  readonly contactId: string | null | undefined;
  readonly submittedAt: Date;
};

// Bumped if the fingerprint's inputs ever change, so old and new fingerprints cannot collide.
const FINGERPRINT_VERSION = 1;
const HOUR_MS = 3_600_000;

/**
 * A stable fingerprint of a response: sha256 (hex) of a canonical JSON of
 * `{ v, survey, who, answers }`, where
 * - `who` is `{ contact }` for a known contact (IP and user agent are ignored: the same person
 *   may answer from a phone and a laptop), and `{ ip, ua }` for an anonymous respondent (IP trimmed
 *   and lower-cased, IPv4-mapped IPv6 `::ffff:a.b.c.d` reduced to `a.b.c.d`; user agent trimmed);
 * - `answers` keeps only answered questions (see `isAnswered`), with object keys sorted at every
 *   depth so key order never matters, and list order kept (it is meaningful, e.g. in a ranking).
 *
 * Answers are part of the fingerprint because colleagues at one B2B customer often share an office
 * IP address and the same managed browser: IP + user agent alone would merge different people, while
 * the same device sending the same answers again is a resubmission. An anonymous response with
 * neither IP nor user agent is identified by survey + answers only.
 *
 * @param input survey, identity and answers
 * @returns 64 lower-case hex characters
 * @example responseFingerprint({ surveyId: 's1', contactId: 'c1', answers: { nps: 9 } }).length // 64
 */
export function responseFingerprint(input: FingerprintInput): string {
  const who =
    input.contactId != null
      ? { contact: input.contactId }
      : { ip: normalizedIp(input.ipAddress), ua: input.userAgent?.trim() ?? null };
  // No prototype: a "__proto__" answer key stays a plain key.
  const answers: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(input.answers))
    if (isAnswered(input.answers[key])) answers[key] = input.answers[key];
  const payload = { v: FINGERPRINT_VERSION, survey: input.surveyId, who, answers };
  return hash('sha256', canonicalJson(payload), 'hex');
}

/**
 * Whether a response duplicates an earlier one of the same survey: some earlier response, submitted
 * at most `duplicateWindowHours` before it (inclusive, 0 ≤ Δt ≤ window), either has the same
 * contact or has the same fingerprint (for anonymous respondents: same device and same answers).
 * Earlier responses submitted after `current` are ignored, so the first response of a pair stays
 * clean and only the repeat is flagged.
 *
 * @param previous the survey's recent responses, without `current` itself
 * @param current the response being checked
 * @param rules `duplicateWindowHours` (default 24)
 * @returns true when `current` is a duplicate
 * @example isDuplicate([{ fingerprint: 'a', contactId: 'c1', submittedAt: new Date('2025-01-01T08:00Z') }], { fingerprint: 'b', contactId: 'c1', submittedAt: new Date('2025-01-01T20:00Z') }) // true
 */
export function isDuplicate(
  previous: readonly DuplicateCandidate[],
  current: DuplicateCandidate,
  rules: Pick<CleaningRules, 'duplicateWindowHours'> = DEFAULT_CLEANING_RULES,
): boolean {
  const windowMs = rules.duplicateWindowHours * HOUR_MS;
  const at = current.submittedAt.getTime();
  return previous.some((earlier) => {
    const elapsed = at - earlier.submittedAt.getTime();
    if (!(elapsed >= 0 && elapsed <= windowMs)) return false;
    const sameContact = current.contactId != null && earlier.contactId === current.contactId;
    return sameContact || earlier.fingerprint === current.fingerprint;
  });
}

function normalizedIp(ip: string | null | undefined): string | null {
  if (ip == null) return null;
  const trimmed = ip.trim().toLowerCase();
  return trimmed.startsWith('::ffff:') && trimmed.includes('.') ? trimmed.slice('::ffff:'.length) : trimmed;
}

/**
 * JSON with object keys sorted at every depth; otherwise as `JSON.stringify` (undefined members
 * dropped, undefined in arrays written as null). Written out rather than stringifying a sorted copy:
 * it runs on every response, and the copy cost three times as much as the hash.
 */
export function canonicalJson(value: unknown): string {
  return canonical(value) ?? 'null';
}

// Keys and strings made only of these characters are written as they are between quotes.
const PLAIN = /^[\w .:@/-]*$/;

function canonical(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return PLAIN.test(value) ? `"${value}"` : JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return JSON.stringify(value);
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + (canonical(value[i]) ?? 'null');
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = canonical(record[key]);
    if (member === undefined) continue;
    out += `${first ? '' : ','}${PLAIN.test(key) ? `"${key}"` : JSON.stringify(key)}:${member}`;
    first = false;
  }
  return `${out}}`;
}
