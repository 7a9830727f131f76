import { z } from 'zod';

/**
 * The values of account and contact fields, written once and used both by the API's schemas and by
 * file imports (where every cell arrives as text).
 */
export const BUYING_ROLES = [
  'decision_maker',
  'influencer',
  'user',
  'procurement',
  'finance',
  'executive',
] as const;

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const LANGUAGE = /^[a-z]{2,3}(-[a-z0-9]{2,8})?$/;

export const accountName = z.string().trim().min(1, 'Required').max(200);
export const externalId = z.string().trim().min(1).max(200);
export const shortText = z.string().trim().max(200);
export const email = z.string().trim().toLowerCase().max(254).regex(EMAIL, 'Not an email address');
export const language = z
  .string()
  .trim()
  .toLowerCase()
  .regex(LANGUAGE, 'Not a language code such as en or pt-br');
export const buyingRole = z.enum(BUYING_ROLES);
export const annualValue = z.number().min(0).max(1e12);
export const isoDay = z.iso.date();

/** "1,234.50", "1 234.50" or "1234.5"; commas are only taken as thousands separators. */
function numberOfText(value: string): number {
  const compact = value.replace(/[\s\u00a0]/g, '');
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(compact)) return Number(compact.replaceAll(',', ''));
  if (/^-?\d+(\.\d+)?$/.test(compact)) return Number(compact);
  return Number.NaN;
}

const TRUE = new Set(['true', 'yes', 'y', '1', 'si', 'sì', 'ja', 'oui']);
const FALSE = new Set(['false', 'no', 'n', '0', 'nein', 'non']);

/** A cell read through `schema` when it has a value; an empty cell is no value (null). */
function optionalCell<T>(read: (text: string) => T | { problem: string }, check?: z.ZodType<T>) {
  return z.string().transform((value, context): T | null => {
    if (value.trim() === '') return null;
    const read_ = read(value);
    if (typeof read_ === 'object' && read_ !== null && 'problem' in read_) {
      context.addIssue({ code: 'custom', message: read_.problem });
      return z.NEVER;
    }
    const parsed = (check ?? z.any()).safeParse(read_);
    if (!parsed.success) {
      context.addIssue({ code: 'custom', message: parsed.error.issues[0]?.message ?? 'Invalid value' });
      return z.NEVER;
    }
    return parsed.data as T;
  });
}

/** Cell parsers: text in, the field's value (or null for an empty cell) out. */
export const cell = {
  text: (schema: z.ZodType<string, string>) => optionalCell<string>((v) => v, schema),
  number: optionalCell<number>(
    (v) => {
      const n = numberOfText(v);
      return Number.isNaN(n) ? { problem: 'Not a number' } : n;
    },
    z.number().min(0, 'Must not be negative').max(1e12, 'Too large'),
  ),
  day: optionalCell<string>((v) => v.trim().slice(0, 10), z.iso.date({ error: 'Not a date (YYYY-MM-DD)' })),
  buyingRole: optionalCell<(typeof BUYING_ROLES)[number]>(
    (v) =>
      v
        .trim()
        .toLowerCase()
        .replace(/[^a-z]+/g, '_')
        .replace(/^_|_$/g, '') as (typeof BUYING_ROLES)[number],
    z.enum(BUYING_ROLES, { error: `Not one of ${BUYING_ROLES.join(', ')}` }),
  ),
  yesNo: optionalCell<boolean>((v) => {
    const key = v.trim().toLowerCase();
    if (TRUE.has(key)) return true;
    if (FALSE.has(key)) return false;
    return { problem: 'Not yes or no' };
  }),
};
