import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { runImportCommand } from './importCommand.ts';
import { xlsxOf } from './testFiles.ts';

function capture() {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

describeEachEngine('rapport import', (database) => {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-import-'));
  let org: Awaited<ReturnType<typeof seedOrganisation>>;
  let slug: string;

  beforeAll(async () => {
    org = await seedOrganisation(database(), 'cli');
    slug = (
      await database()
        .db.selectFrom('organisations')
        .select('slug')
        .where('org_id', '=', org.orgId)
        .executeTakeFirstOrThrow()
    ).slug;
  });

  const file = (name: string, content: string | Buffer) => {
    const path = join(dir, `${Math.random().toString(36).slice(2)}-${name}`);
    writeFileSync(path, content);
    return path;
  };
  async function cli(...args: string[]) {
    const stdout = capture();
    const stderr = capture();
    const code = await runImportCommand([...args, '--org', slug], database(), {
      stdout: stdout.stream,
      stderr: stderr.stream,
    });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  }
  const count = async (table: 'accounts' | 'contacts' | 'org_units') =>
    (await database().db.selectFrom(table).select('org_id').where('org_id', '=', org.orgId).execute()).length;

  it('imports a unit tree, then again without duplicating', async () => {
    const tree = file('tree.csv', 'path\nEMEA/Italy/Milan\nEMEA/Italy/Rome\nAPAC\n');
    const first = await cli('units', tree);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('created 5 units');
    const again = await cli('units', tree);
    expect(again.stdout).toContain('created 0 units, 5 already there');
  });

  it('dry-runs accounts with every bad line on stderr, then commits with a mapping', async () => {
    const csv = file(
      'accounts.csv',
      'Firm;Ref;Where\nNorth Co;N-1;EMEA/Italy\nSouth Co;S-1;Atlantis\nEast Co;E-1;Milan\n',
    );
    const before = await count('accounts');
    const dry = await cli('accounts', csv, '--mapping', 'Firm=name,Ref=externalId,Where=unit', '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.stderr).toContain('line 3, column "Where": No unit "Atlantis"');
    expect(dry.stdout).toContain('validated: 3 rows, 0 created, 0 updated, 1 bad');
    const refused = await cli(
      'accounts',
      csv,
      '--mapping',
      '{"Firm":"name","Ref":"externalId","Where":"unit"}',
    );
    expect(refused.code).toBe(1);
    expect(await count('accounts')).toBe(before);
    const done = await cli(
      'accounts',
      csv,
      '--mapping',
      'Firm=name,Ref=externalId,Where=unit',
      '--skip-bad-rows',
      '--json',
    );
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ status: 'completed', created: 2, badRows: 1 });
    expect(await count('accounts')).toBe(before + 2);
  });

  it('imports contacts from XLSX with the suggested mapping', async () => {
    const xlsx = file(
      'contacts.xlsx',
      await xlsxOf([
        ['Email', 'First name', 'Account ID'],
        ['z@north.test', 'Zoe', 'N-1'],
      ]),
    );
    const done = await cli('contacts', xlsx);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain('completed: 1 rows, 1 created');
  });

  it('refuses a file that turns out ragged deep inside, leaving nothing imported', async () => {
    const lines = ['name,externalId'];
    for (let i = 0; i < 5000; i++) lines.push(`Bulk ${i},B-${i}`);
    lines.push('Broken,B-x,extra');
    const before = await count('accounts');
    const result = await cli('accounts', file('bulk.csv', `${lines.join('\n')}\n`));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Line 5002: This row has 3 fields but the header has 2');
    expect(result.stderr).toContain('Nothing was imported');
    expect(await count('accounts')).toBe(before);
    const staged = await database()
      .db.selectFrom('import_rows')
      .select('line')
      .where('org_id', '=', org.orgId)
      .execute();
    expect(staged.filter((row) => row.line > 4000)).toEqual([]);
  });

  it('names the line of a file that is not UTF-8, and rejects unknown usage', async () => {
    const latin1 = file(
      'latin1.csv',
      Buffer.concat([
        Buffer.from('name\n'),
        Buffer.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]),
        Buffer.from('\n'),
      ]),
    );
    const result = await cli('accounts', latin1);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Line 2: This line is not valid UTF-8');
    expect((await cli('responses', latin1)).code).toBe(2);
  });
});
