// Runs the import and the export for `npm run bench -- import` in its own process, so the memory
// measured is theirs alone.

import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { writeResponseExport } from '../src/responseFiles/exportResponses.ts';
import { importResponses, importTarget } from '../src/responseFiles/importResponses.ts';
import { publishSurvey } from '../src/responseFiles/publishSurvey.ts';
import { relationshipSurveyTemplate } from '../src/surveys/library/index.ts';
import { BackendCpu, ownCpuSeconds } from './backendCpu.ts';

const [file, exportFile] = process.argv.slice(2);
const database = await openDatabase({ url: process.env.DATABASE_URL, poolMax: 4 });
await migrateToLatest(database);
const orgId = randomUUID();
await database.db
  .insertInto('organisations')
  .values({ org_id: orgId, name: 'Bench', slug: 'bench', signing_key: 'k' })
  .execute();
const { slug } = await publishSurvey(database, orgId, 'Relationship history', relationshipSurveyTemplate());
const target = (await importTarget(database, orgId, { slug }))!;

const backends = new BackendCpu(process.env.DATABASE_URL!);
await backends.start();
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
const importStarted = performance.now();
const importCpuStart = [ownCpuSeconds(), await backends.total()];
const summary = await importResponses(database, target, { path: file }, { format: 'qualtrics' });
const importSeconds = (performance.now() - importStarted) / 1000;
const importCpu = [ownCpuSeconds() - importCpuStart[0], (await backends.total()) - importCpuStart[1]];
peakRss = Math.max(peakRss, process.memoryUsage().rss);
clearInterval(sampler);

const exportStarted = performance.now();
const exportCpuStart = [ownCpuSeconds(), await backends.total()];
await writeResponseExport(database, { orgId, unitPath: null }, target, 'csv', createWriteStream(exportFile));
const exportSeconds = (performance.now() - exportStarted) / 1000;
const exportCpu = [ownCpuSeconds() - exportCpuStart[0], (await backends.total()) - exportCpuStart[1]];
await backends.stop();

// Importing the same file again (as a dry run) shows the idempotency check at scale; optional, as it
// reads and converts the whole file a second time.
let reimported = -1;
let reimportSeconds = 0;
if (process.env.BENCH_REIMPORT) {
  const reimportStarted = performance.now();
  reimported = (
    await importResponses(database, target, { path: file }, { format: 'qualtrics', dryRun: true })
  ).imported;
  reimportSeconds = (performance.now() - reimportStarted) / 1000;
}
await database.close();
process.stdout.write(
  `${JSON.stringify({
    rows: summary.rows,
    imported: summary.imported,
    skipped: summary.skipped,
    unmapped: summary.unmapped.map((u) => u.column),
    importSeconds,
    importPeakRssMb: peakRss / 2 ** 20,
    importNodeCpuSeconds: importCpu[0],
    importPostgresCpuSeconds: importCpu[1],
    exportNodeCpuSeconds: exportCpu[0],
    exportPostgresCpuSeconds: exportCpu[1],
    exportSeconds,
    exportBytes: (await stat(exportFile)).size,
    reimported,
    reimportSeconds,
  })}\n`,
);
