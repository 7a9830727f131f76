import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine, ENGINES, freshDatabase } from '../../test/engines.ts';
import { testApp } from '../../test/testApp.ts';
import { recordAudit } from '../audit/record.ts';
import type { Database } from '../db/database.ts';
import { loadDemo } from '../demo/loadDemo.ts';
import { BackupError } from './archive.ts';
import { runBackupCommand } from './cli.ts';
import { kyselyQuery, organisationTables, quoted } from './organisationTables.ts';
import { restoreBackup } from './restoreBackup.ts';
import { writeBackup } from './writeBackup.ts';

const PASSWORD = 'demo password 1';
const UNTIL = new Date('2026-11-01T00:00:00Z');
/** Every byte value once, and a file chunk to carry them: bytea must come back bit for bit. */
const EVERY_BYTE = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

/** The demo programme plus rows of the kinds the demo leaves out (bytea, an identity column). */
async function seedProgramme(database: Database): Promise<string> {
  const { orgId } = await loadDemo(database, { responses: 300, seed: 11, password: PASSWORD, until: UNTIL });
  const job = await database.db
    .insertInto('import_jobs')
    .values({
      org_id: orgId,
      kind: 'accounts',
      format: 'csv',
      file_name: 'accounts "q".csv',
      columns: '["a"]',
    })
    .returning('import_id')
    .executeTakeFirstOrThrow();
  await database.db
    .insertInto('import_file_chunks')
    .values({ org_id: orgId, import_id: job.import_id, seq: 0, bytes: EVERY_BYTE })
    .execute();
  for (const n of [1, 2, 3])
    await recordAudit(database.db, { orgId, userId: null, tokenId: null }, 'test.seed', null, {
      n,
      t: 'x\\y',
    });
  return orgId;
}

async function signInAs(app: FastifyInstance, email: string, organisation?: string) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { email, password: PASSWORD, ...(organisation ? { organisation } : {}) },
  });
  expect(response.statusCode).toBe(200);
  return `rapport_session=${response.cookies.find((c) => c.name === 'rapport_session')!.value}`;
}

/** Every analysis figure the dashboards show, for the owner and for a regional manager. */
async function figures(database: Database, organisation?: string) {
  const app = await testApp(database);
  try {
    const result: Record<string, unknown> = {};
    for (const email of ['owner@demo.rapport.dev', 'manager.south@demo.rapport.dev']) {
      const cookie = await signInAs(app, email, organisation);
      for (const url of [
        '/api/v1/analytics/overview',
        '/api/v1/analytics/overview?from=2026-05-01&to=2026-11-01&compareFrom=2025-05-01&compareTo=2025-11-01',
        '/api/v1/analytics/forces?outcome=nps',
        '/api/v1/analytics/forces?outcome=nps&bootstrap=40',
        '/api/v1/analytics/forces?outcome=nps&method=relative-weights',
        '/api/v1/analytics/forces?from=2026-05-01&to=2026-11-01&compareFrom=2025-05-01&compareTo=2025-11-01',
        '/api/v1/analytics/trend?grouping=month',
        '/api/v1/analytics/trend?grouping=quarter',
        '/api/v1/analytics/breakdown?by=unit',
        '/api/v1/analytics/breakdown?by=tier',
        '/api/v1/analytics/breakdown?by=segment',
        '/api/v1/analytics/accounts',
      ]) {
        const response = await app.inject({ method: 'GET', url, headers: { cookie } });
        result[`${email} ${url}`] = { status: response.statusCode, body: response.json() };
      }
    }
    return result;
  } finally {
    await app.close();
  }
}

async function rowCounts(database: Database, orgId: string) {
  const query = kyselyQuery(database.db);
  const counts: Record<string, number> = {};
  for (const table of await organisationTables(query))
    counts[table.name] = (
      await query<{ n: number }>(`select count(*)::int as n from ${quoted(table.name)} where org_id = $1`, [
        orgId,
      ])
    )[0].n;
  return counts;
}

/** Empties the organisation's slot, children before parents (the reverse of the insertion order). */
async function dropOrganisationRows(database: Database, orgId: string) {
  const query = kyselyQuery(database.db);
  for (const table of (await organisationTables(query)).reverse())
    await query(`delete from ${quoted(table.name)} where org_id = $1`, [orgId]);
}

/**
 * The backup's lines with the moment it was taken left out, to compare two backups: each table's
 * rows in a stable order, as a restore may lay rows out in another physical order than the original
 * (the space the deleted rows left is reused as the pages are pruned), and a backup reads them in
 * physical order.
 */
const contentOf = async (file: string) => {
  const lines = gunzipSync(await readFile(file))
    .toString('utf8')
    .replace(/"takenAt":"[^"]+"/, '')
    .split('\n');
  const out: string[] = [];
  let section: string[] = [];
  for (const line of lines) {
    if (line.startsWith('{"table":') || line.startsWith('{"end":')) {
      out.push(...section.sort(), line);
      section = [];
    } else if (out.length === 0) out.push(line);
    else section.push(line);
  }
  out.push(...section.sort());
  return out.join('\n');
};

const backupTo = async (database: Database, orgId: string, file: string) =>
  writeBackup(database, orgId, createWriteStream(file));

describeEachEngine('organisation backup and restore', (db, engine) => {
  let dir: string;
  let orgId: string;
  let before: Record<string, unknown>;
  let counts: Record<string, number>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), `rapport-backup-${engine}-`));
    orgId = await seedProgramme(db());
    before = await figures(db());
    counts = await rowCounts(db(), orgId);
  }, 120_000);

  it('reproduces every figure and every row after dropping the organisation and restoring it', async () => {
    const database = db();
    const first = join(dir, 'first.jsonl.gz');
    const rows = await backupTo(database, orgId, first);
    expect(rows).toBe(Object.values(counts).reduce((a, b) => a + b, 0));
    // The tables a programme fills are in the backup, with the rollups and the bytea chunk.
    for (const table of [
      'responses',
      'comments',
      'rollup_daily',
      'rollup_monthly',
      'import_file_chunks',
      'audit_log',
    ])
      expect(counts[table], table).toBeGreaterThan(0);

    await dropOrganisationRows(database, orgId);
    expect(Object.values(await rowCounts(database, orgId)).every((n) => n === 0)).toBe(true);

    const restored = await restoreBackup(database, createReadStream(first));
    expect(restored).toMatchObject({ orgId, slug: 'demo', rows });
    expect(await rowCounts(database, orgId)).toEqual(counts);
    const chunk = await database.db
      .selectFrom('import_file_chunks')
      .select('bytes')
      .where('org_id', '=', orgId)
      .executeTakeFirstOrThrow();
    expect(Buffer.compare(chunk.bytes, EVERY_BYTE)).toBe(0);

    // A second backup of the restored organisation is the same file, line for line.
    const second = join(dir, 'second.jsonl.gz');
    await backupTo(database, orgId, second);
    expect(await contentOf(second)).toBe(await contentOf(first));
    // And every figure is the same, bit for bit (computed after the comparison: signing in adds
    // sessions).
    expect(await figures(database)).toEqual(before);

    // The identity sequence moved past the restored values: a new audit entry gets a fresh number.
    await recordAudit(database.db, { orgId, userId: null, tokenId: null }, 'test.after', null);
    const ids = await database.db
      .selectFrom('audit_log')
      .select('audit_id')
      .where('org_id', '=', orgId)
      .execute();
    expect(new Set(ids.map((r) => String(r.audit_id))).size).toBe(ids.length);
  }, 120_000);

  it('refuses an organisation that exists, another schema version and a cut-short file, writing nothing', async () => {
    const database = db();
    const file = join(dir, 'refusals.jsonl.gz');
    await backupTo(database, orgId, file);
    const restoring = (bytes: Buffer, options = {}) => {
      const path = join(dir, `variant-${Math.random()}.gz`);
      return writeFile(path, bytes).then(() => restoreBackup(database, createReadStream(path), options));
    };
    const original = await readFile(file);
    const text = gunzipSync(original).toString('utf8');

    await expect(restoring(original)).rejects.toThrow(/already exists here/);
    const otherVersion = text.replace(/"schemaVersion":"[^"]+"/, '"schemaVersion":"0001_foundation"');
    await expect(restoring(gzipSync(otherVersion), { asNewOrg: true })).rejects.toThrow(
      /schema version 0001_foundation/,
    );
    const lines = text.split('\n');
    const cut = lines.slice(0, Math.floor(lines.length * 0.9)).join('\n');
    await expect(restoring(gzipSync(`${cut}\n`), { asNewOrg: true })).rejects.toThrow(BackupError);
    await expect(restoring(Buffer.from('not gzip'), { asNewOrg: true })).rejects.toThrow();
    const slugs = await database.db.selectFrom('organisations').select('slug').execute();
    expect(slugs.map((s) => s.slug)).toEqual(['demo']);
    expect(await rowCounts(database, orgId)).toMatchObject({ responses: counts.responses });

    // The CLI says why in one line and exits 2.
    let stderr = '';
    const status = await runBackupCommand('restore', [file], database, {
      stdout: () => {},
      stderr: (t) => {
        stderr += t;
      },
    });
    expect(status).toBe(2);
    expect(stderr).toMatch(/^rapport restore: the organisation .* already exists here.*nothing was restored/);
  }, 120_000);

  it('restores beside the original as a new organisation with the same figures (`rapport backup` / `restore`)', async () => {
    const database = db();
    const file = join(dir, 'cli.jsonl.gz');
    const atBackup = await rowCounts(database, orgId);
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t) };
    expect(await runBackupCommand('backup', ['--org', 'demo', '--out', file], database, io)).toBe(0);
    expect(
      await runBackupCommand('restore', [file, '--as-new-org', '--slug', 'demo-copy'], database, io),
    ).toBe(0);
    const result = JSON.parse(out[1]);
    expect(result.slug).toBe('demo-copy');
    expect(result.orgId).not.toBe(orgId);
    expect(await rowCounts(database, result.orgId)).toEqual(atBackup);
    expect(await figures(database, 'demo-copy')).toEqual(before);
    expect(await figures(database, 'demo')).toEqual(before);
  }, 120_000);

  it('gives the same account figures, bit for bit, whatever the physical order of the account cells', async () => {
    const database = db();
    const query = kyselyQuery(database.db);
    // The account cells are taken out and put back in another order (by a hash of their key), as a
    // restore may lay them out; the account sums join them to the accounts, whose plan may change too.
    await query(
      `with moved as (delete from rollup_account_monthly where org_id = $1 returning *)
       insert into rollup_account_monthly select * from moved order by md5(cell_key)`,
      [orgId],
    );
    expect(await figures(database)).toEqual(before);
  }, 120_000);
});

describe.skipIf(!ENGINES.includes('postgres'))('backup from PGlite, restore into Postgres', () => {
  it('gives the same figures and the same backup on the other engine', async () => {
    const source = await freshDatabase('pglite');
    const target = await freshDatabase('postgres');
    try {
      const orgId = await seedProgramme(source.database);
      const expected = await figures(source.database);
      const dir = await mkdtemp(join(tmpdir(), 'rapport-backup-cross-'));
      await backupTo(source.database, orgId, join(dir, 'pglite.jsonl.gz'));
      await restoreBackup(target.database, createReadStream(join(dir, 'pglite.jsonl.gz')));
      await backupTo(target.database, orgId, join(dir, 'postgres.jsonl.gz'));
      expect(await contentOf(join(dir, 'postgres.jsonl.gz'))).toBe(
        await contentOf(join(dir, 'pglite.jsonl.gz')),
      );
      expect(await figures(target.database)).toEqual(expected);
    } finally {
      await source.drop();
      await target.drop();
    }
  }, 180_000);
});
