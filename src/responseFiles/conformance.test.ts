import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/engines.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import type { Database } from '../db/database.ts';
import { parseSurveyDefinition } from '../surveys/definition/index.ts';
import { csvRecords } from './csvRecords.ts';
import type { ImportFormat } from './exportLayout.ts';
import { importResponses, importTarget } from './importResponses.ts';
import { sourceChunks } from './importSource.ts';
import { inferSurvey } from './inferSurvey.ts';
import { publishSurvey } from './publishSurvey.ts';
import { convertQsf } from './qsf/convertQsf.ts';

/**
 * Real exports made by other people's Qualtrics and LimeSurvey accounts (see shared/artefacts/README.md),
 * read from `shared/artefacts` beside the repository or any folder above it (RAPPORT_ARTEFACTS
 * overrides). In scope: every .csv (response exports) and .qsf (survey definitions) under
 * qualtrics/ and survey_platform_exports/. LimeSurvey's structure exports (.txt, .lsg) describe
 * surveys in LimeSurvey's own format and are listed as out of scope.
 */
function artefactsFolder(): string | null {
  if (process.env.RAPPORT_ARTEFACTS) return process.env.RAPPORT_ARTEFACTS;
  for (let dir = resolve('.'); ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'artefacts');
    if (existsSync(join(candidate, 'qualtrics'))) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

const root = artefactsFolder();
if (!root) console.warn('shared/artefacts is not on this machine: the import conformance suite is skipped');
const files = root
  ? [...filesUnder(join(root, 'qualtrics')), ...filesUnder(join(root, 'survey_platform_exports'))]
  : [];
const csvFiles = files.filter((f) => f.endsWith('.csv'));
const qsfFiles = files.filter((f) => f.endsWith('.qsf'));
const outOfScope = files.filter((f) => !f.endsWith('.csv') && !f.endsWith('.qsf'));

function formatOf(file: string): ImportFormat {
  if (file.includes('/qualtrics/')) return 'qualtrics';
  if (file.toLowerCase().includes('limesurvey')) return 'limesurvey';
  throw new Error(`${file}: no importer for this platform; decide its format before adding it`);
}

/** Data rows: records after the header rows (one for LimeSurvey and legacy Qualtrics, else three). */
async function dataRows(file: string, format: ImportFormat): Promise<number> {
  let records = 0;
  let legacy = false;
  for await (const record of csvRecords(sourceChunks({ path: file }))) {
    if (records === 0) legacy = record.fields[0] === 'V1';
    records++;
  }
  return records - (format === 'limesurvey' ? 1 : legacy ? 2 : 3);
}

describe.skipIf(!root)('conformance: every real export and QSF in shared/artefacts', () => {
  let handle: Awaited<ReturnType<typeof freshDatabase>>;
  let database: Database;
  let orgId: string;
  const report: string[] = [];
  beforeAll(async () => {
    handle = await freshDatabase('pglite');
    database = handle.database;
    orgId = (await seedOrganisation(database, 'conformance')).orgId;
  });
  afterAll(async () => {
    console.info(
      [
        `artefacts in ${root}:`,
        ...report,
        ...outOfScope.map(
          (f) => `  out of scope (LimeSurvey structure export, not responses or QSF): ${relative(root!, f)}`,
        ),
      ].join('\n'),
    );
    await handle?.drop();
  });

  it('finds the files', () => {
    expect(csvFiles.length).toBeGreaterThanOrEqual(20);
    expect(qsfFiles.length).toBeGreaterThanOrEqual(10);
  });

  it.each(qsfFiles.map((f) => [relative(root ?? '', f), f]))('converts %s', (_name, file) => {
    const conversion = convertQsf(readFileSync(file, 'utf8'));
    for (const u of conversion.unsupported) expect(u.type).toMatch(/\S/);
    if (conversion.definition) {
      expect(parseSurveyDefinition(conversion.definition).ok).toBe(true);
      expect(conversion.converted.length).toBeGreaterThan(0);
    } else {
      // Nothing convertible: every question is reported by name instead.
      expect(conversion.converted).toEqual([]);
      expect(conversion.unsupported.length).toBeGreaterThan(0);
    }
    report.push(
      `  ${relative(root!, file)}: ${conversion.converted.length} converted, ${conversion.unsupported.length} not (${[...new Set(conversion.unsupported.map((u) => u.type))].join(', ') || 'none'})`,
    );
  });

  it.each(csvFiles.map((f) => [relative(root ?? '', f), f]))('imports %s', async (_name, file) => {
    const format = formatOf(file);
    const folderQsf = qsfFiles.filter((q) => dirname(q) === dirname(file));
    const conversion = folderQsf.length === 1 ? convertQsf(readFileSync(folderQsf[0], 'utf8')) : null;
    let slug: string;
    let mapping = null;
    if (conversion?.definition) {
      slug = (await publishSurvey(database, orgId, conversion.name, conversion.definition)).slug;
    } else {
      // No QSF beside it: build the survey from the export itself (`--create-survey`).
      const inferred = await inferSurvey(format, { path: file }, relative(root!, file));
      slug = (await publishSurvey(database, orgId, 'inferred', inferred.definition)).slug;
      mapping = inferred.mapping;
    }
    const target = (await importTarget(database, orgId, { slug }))!;
    const summary = await importResponses(database, target, { path: file }, { format, mapping });
    expect(summary.rows).toBe(await dataRows(file, format));
    expect(summary.imported + summary.skipped.count).toBe(summary.rows);
    expect(summary.mapping.length).toBeGreaterThan(0);
    const again = await importResponses(database, target, { path: file }, { format, mapping });
    expect(again.imported).toBe(0);
    report.push(
      `  ${relative(root!, file)}: ${summary.shape}, ${summary.rows} rows, ${summary.imported} imported, ${summary.mapping.length} columns mapped${summary.skipped.count ? `; skipped: ${summary.skipped.reasons.map((r) => `${r.count} × ${r.reason}`).join('; ')}` : ''}`,
    );
  });
});
