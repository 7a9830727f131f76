import { z } from 'zod';
import { cell, email, externalId, language, shortText } from '../customers/values.ts';
import type { ImportKind } from '../db/schema.ts';
import type { RowError } from './rowError.ts';
import type { TableRow } from './tableReader.ts';

/** A field a file column can feed: how its cell is read, and header names that suggest it. */
interface FieldSpec {
  parse: z.ZodType<unknown, string>;
  required?: boolean;
  synonyms: string[];
}

const text = (schema: z.ZodType<string, string>) => cell.text(schema);

/**
 * The importable fields of accounts and contacts. `unit` is a unit's path of names (Europe/Italy)
 * or a unit name that is unique in scope; a contact's account is found by its CRM id or its name.
 */
export const IMPORT_FIELDS: Record<ImportKind, Record<string, FieldSpec>> = {
  accounts: {
    name: {
      parse: text(z.string().trim().max(200)),
      required: true,
      synonyms: [
        'name',
        'account',
        'accountname',
        'company',
        'companyname',
        'customer',
        'organisation',
        'organization',
      ],
    },
    externalId: {
      parse: text(externalId),
      synonyms: ['externalid', 'crmid', 'id', 'accountid', 'customerid', 'salesforceid', 'hubspotid'],
    },
    industry: { parse: text(shortText), synonyms: ['industry', 'sector', 'vertical'] },
    tier: { parse: text(shortText), synonyms: ['tier', 'segment', 'level', 'accounttier'] },
    annualValue: {
      parse: cell.number,
      synonyms: ['annualvalue', 'arr', 'revenue', 'annualrevenue', 'contractvalue', 'value', 'acv'],
    },
    renewalDate: {
      parse: cell.day,
      synonyms: ['renewaldate', 'renewal', 'renewson', 'contractend', 'enddate'],
    },
    unit: {
      parse: text(z.string().trim().max(2000)),
      synonyms: ['unit', 'orgunit', 'team', 'region', 'territory', 'path', 'unitpath', 'owner unit'],
    },
  },
  contacts: {
    email: { parse: text(email), required: true, synonyms: ['email', 'emailaddress', 'mail', 'e-mail'] },
    firstName: {
      parse: text(z.string().trim().max(100)),
      synonyms: ['firstname', 'givenname', 'first', 'forename', 'nome'],
    },
    lastName: {
      parse: text(z.string().trim().max(100)),
      synonyms: ['lastname', 'surname', 'familyname', 'last', 'cognome'],
    },
    externalId: {
      parse: text(externalId),
      synonyms: ['externalid', 'crmid', 'contactid', 'id', 'salesforceid', 'hubspotid'],
    },
    language: { parse: text(language), synonyms: ['language', 'lang', 'locale', 'preferredlanguage'] },
    buyingRole: { parse: cell.buyingRole, synonyms: ['buyingrole', 'role', 'persona', 'contactrole'] },
    consent: { parse: cell.yesNo, synonyms: ['consent', 'optin', 'marketingconsent', 'surveyconsent'] },
    accountExternalId: {
      parse: text(externalId),
      synonyms: ['accountexternalid', 'accountid', 'accountcrmid', 'companyid', 'customerid'],
    },
    accountName: {
      parse: text(z.string().trim().max(200)),
      synonyms: [
        'accountname',
        'account',
        'company',
        'companyname',
        'organisation',
        'organization',
        'customer',
      ],
    },
  },
};

/** Column name → field name. */
export type Mapping = Record<string, string>;

const squash = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '');

/**
 * Suggests a mapping from the header's names: a column maps to the first field whose name or
 * synonym it matches (ignoring case, spaces and punctuation); each field is taken at most once.
 */
export function suggestMapping(kind: ImportKind, header: string[]): Mapping {
  const fields = IMPORT_FIELDS[kind];
  const mapping: Mapping = {};
  const taken = new Set<string>();
  // Exact field names first, so "Account ID" goes to accountExternalId before "id"-like synonyms.
  for (const pass of ['name', 'synonym'] as const) {
    for (const column of header) {
      if (mapping[column]) continue;
      const key = squash(column);
      const field = Object.entries(fields).find(
        ([name, spec]) =>
          !taken.has(name) &&
          (pass === 'name' ? squash(name) === key : spec.synonyms.map(squash).includes(key)),
      )?.[0];
      if (field) {
        mapping[column] = field;
        taken.add(field);
      }
    }
  }
  return mapping;
}

/** What is wrong with a mapping for this file, field by field (empty when it can be used). */
export function mappingProblems(
  kind: ImportKind,
  header: string[],
  mapping: Mapping,
): { field: string; message: string }[] {
  const fields = IMPORT_FIELDS[kind];
  const problems: { field: string; message: string }[] = [];
  const used = new Map<string, string>();
  for (const [column, field] of Object.entries(mapping)) {
    if (!header.includes(column))
      problems.push({ field: `mapping.${column}`, message: `No column "${column}" in the file` });
    if (!fields[field])
      problems.push({
        field: `mapping.${column}`,
        message: `Unknown field "${field}"; one of ${Object.keys(fields).join(', ')}`,
      });
    else if (used.has(field))
      problems.push({
        field: `mapping.${column}`,
        message: `"${field}" is already fed by column "${used.get(field)}"`,
      });
    used.set(field, column);
  }
  for (const [field, spec] of Object.entries(fields)) {
    if (spec.required && !used.has(field))
      problems.push({ field: 'mapping', message: `No column is mapped to the required field "${field}"` });
  }
  if (kind === 'contacts' && !used.has('accountExternalId') && !used.has('accountName'))
    problems.push({
      field: 'mapping',
      message: 'Map a column to accountExternalId or accountName: every contact belongs to an account',
    });
  return problems;
}

/** A mapping compiled against a header: which cell feeds which field. */
export interface CompiledMapping {
  kind: ImportKind;
  columns: { index: number; column: string; field: string; spec: FieldSpec }[];
  columnOf: Record<string, string>;
}

export function compileMapping(kind: ImportKind, header: string[], mapping: Mapping): CompiledMapping {
  const columns = Object.entries(mapping).map(([column, field]) => ({
    index: header.indexOf(column),
    column,
    field,
    spec: IMPORT_FIELDS[kind][field],
  }));
  return { kind, columns, columnOf: Object.fromEntries(columns.map((c) => [c.field, c.column])) };
}

/** One row's fields, normalised, or every problem with it (by column). */
export function recordOf(
  compiled: CompiledMapping,
  row: TableRow,
): { line: number; data: Record<string, unknown>; errors: RowError[] } {
  const data: Record<string, unknown> = {};
  const errors: RowError[] = [];
  for (const { index, column, field, spec } of compiled.columns) {
    const parsed = spec.parse.safeParse(row.cells[index] ?? '');
    if (!parsed.success) {
      errors.push({ line: row.line, column, message: parsed.error.issues[0]?.message ?? 'Invalid value' });
      continue;
    }
    if (parsed.data === null && spec.required) {
      errors.push({ line: row.line, column, message: 'Required' });
      continue;
    }
    if (parsed.data !== null) data[field] = parsed.data;
  }
  if (compiled.kind === 'contacts' && errors.length === 0 && !data.accountExternalId && !data.accountName) {
    errors.push({
      line: row.line,
      column: compiled.columnOf.accountExternalId ?? compiled.columnOf.accountName,
      message: 'No account given for this contact',
    });
  }
  return { line: row.line, data, errors };
}
