import { describe, expect, it } from 'vitest';
import { compileMapping, mappingProblems, recordOf, suggestMapping } from './importFields.ts';

describe('import fields', () => {
  it('suggests a mapping from header names, each field at most once', () => {
    expect(suggestMapping('accounts', ['Company Name', 'CRM-ID', 'ARR', 'Notes', 'Account'])).toEqual({
      'Company Name': 'name',
      'CRM-ID': 'externalId',
      ARR: 'annualValue',
    });
    expect(suggestMapping('contacts', ['E-mail', 'First Name', 'Account ID', 'Account Name'])).toEqual({
      'E-mail': 'email',
      'First Name': 'firstName',
      'Account ID': 'accountExternalId',
      'Account Name': 'accountName',
    });
  });

  it('names every problem of a mapping', () => {
    const problems = mappingProblems('contacts', ['Mail', 'Who'], {
      Mail: 'firstName',
      Who: 'nickname',
      Gone: 'lastName',
    });
    expect(problems.map((p) => p.message)).toEqual([
      'Unknown field "nickname"; one of email, firstName, lastName, externalId, language, buyingRole, consent, accountExternalId, accountName',
      'No column "Gone" in the file',
      'No column is mapped to the required field "email"',
      'Map a column to accountExternalId or accountName: every contact belongs to an account',
    ]);
    expect(mappingProblems('accounts', ['A', 'B'], { A: 'name', B: 'name' })[0].message).toContain(
      'already fed',
    );
  });

  it('normalises cells and reports each bad one by column', () => {
    const header = ['Email', 'Role', 'Consent', 'Account'];
    const compiled = compileMapping('contacts', header, {
      Email: 'email',
      Role: 'buyingRole',
      Consent: 'consent',
      Account: 'accountName',
    });
    expect(recordOf(compiled, { line: 2, cells: [' Ana@X.Test ', 'Decision Maker', 'yes', 'Acme'] })).toEqual(
      {
        line: 2,
        data: { email: 'ana@x.test', buyingRole: 'decision_maker', consent: true, accountName: 'Acme' },
        errors: [],
      },
    );
    expect(recordOf(compiled, { line: 3, cells: ['', 'boss', 'maybe', ''] }).errors).toEqual([
      { line: 3, column: 'Email', message: 'Required' },
      { line: 3, column: 'Role', message: expect.stringContaining('Not one of') },
      { line: 3, column: 'Consent', message: 'Not yes or no' },
    ]);
    const accounts = compileMapping('accounts', ['n', 'v', 'd'], {
      n: 'name',
      v: 'annualValue',
      d: 'renewalDate',
    });
    expect(recordOf(accounts, { line: 4, cells: ['X', '1,234.5', '2026-02-28'] }).data).toEqual({
      name: 'X',
      annualValue: 1234.5,
      renewalDate: '2026-02-28',
    });
    expect(
      recordOf(accounts, { line: 5, cells: ['X', '-3', '2026-02-30'] }).errors.map((e) => e.message),
    ).toEqual(['Must not be negative', 'Not a date (YYYY-MM-DD)']);
  });
});
