import { sql } from 'kysely';
import { recordAudit } from '../audit/record.ts';
import { bulkInsert } from '../db/bulkInsert.ts';
import { type Database, transaction } from '../db/database.ts';
import type { ImportKind, ImportStatus } from '../db/schema.ts';
import type { ScopedActor } from '../hierarchy/unitCommands.ts';
import { FileProblem } from './fileProblem.ts';
import { compileMapping, type Mapping, mappingProblems, recordOf, suggestMapping } from './importFields.ts';
import { type MergeContext, mergeStagedRows, resolveStagedRows } from './importMerge.ts';
import { openTable, type TableFormat } from './tableReader.ts';
import { unitLookup } from './unitLookup.ts';

export interface ImportRequest {
  importId: string;
  kind: ImportKind;
  format: TableFormat;
  mapping: Mapping | null;
  dryRun: boolean;
  skipBadRows: boolean;
}

export interface ImportOutcome {
  status: ImportStatus;
  rows: number;
  badRows: number;
  created: number;
  updated: number;
  failure: string | null;
}

const PROGRESS_EVERY = 1000;
const STAGED_COLUMNS = ['org_id', 'import_id', 'line', 'data', 'errors'] as const;

async function setJob(
  database: Database,
  actor: ScopedActor,
  importId: string,
  values: Record<string, unknown>,
) {
  await database.db
    .updateTable('import_jobs')
    .set({ ...values, updated_at: new Date() })
    .where('org_id', '=', actor.orgId)
    .where('import_id', '=', importId)
    .execute();
}

/**
 * Runs an import: reads the file row by row into import_rows (each row normalised or refused with
 * its line and reason, progress counted as it goes), then in one transaction checks the staged rows
 * against the database and each other and, unless it is a dry run or a bad row forbids it, writes
 * the good ones into accounts or contacts. A file that cannot be read, or any failure, leaves
 * accounts and contacts untouched: they are only written by that last transaction.
 */
export async function runImport(
  database: Database,
  actor: ScopedActor,
  request: ImportRequest,
  source: () => AsyncIterable<Buffer | Uint8Array>,
  onProgress: (rows: number) => void = () => {},
): Promise<ImportOutcome> {
  const { importId, kind } = request;
  const outcome: ImportOutcome = {
    status: 'failed',
    rows: 0,
    badRows: 0,
    created: 0,
    updated: 0,
    failure: null,
  };
  await database.db
    .deleteFrom('import_rows')
    .where('org_id', '=', actor.orgId)
    .where('import_id', '=', importId)
    .execute();
  await setJob(database, actor, importId, {
    status: 'validating',
    done: 0,
    bad_rows: 0,
    failure: null,
    summary: '{}',
  });
  try {
    const table = await openTable(source(), request.format);
    const mapping = request.mapping ?? suggestMapping(kind, table.header);
    const problems = mappingProblems(kind, table.header, mapping);
    if (problems.length)
      throw new FileProblem(
        table.headerLine,
        `The column mapping cannot be used: ${problems.map((p) => p.message).join('; ')}.`,
      );
    const compiled = compileMapping(kind, table.header, mapping);
    const findUnit = kind === 'accounts' ? await unitLookup(database.db, actor) : null;
    let rows = 0;
    let lastReport = 0;
    async function* staged() {
      for await (const row of table.rows) {
        const record = recordOf(compiled, row);
        if (findUnit && typeof record.data.unit === 'string') {
          const found = findUnit(record.data.unit);
          if ('unitId' in found) record.data.unitId = found.unitId;
          else record.errors.push({ line: row.line, column: compiled.columnOf.unit, message: found.error });
          delete record.data.unit;
        }
        rows++;
        yield {
          org_id: actor.orgId,
          import_id: importId,
          line: row.line,
          data: record.data,
          errors: record.errors.length
            ? record.errors.map(({ column, message }) => ({ column, message }))
            : null,
        };
        if (rows - lastReport >= PROGRESS_EVERY) {
          lastReport = rows;
          onProgress(rows);
          await setJob(database, actor, importId, { done: rows });
        }
      }
    }
    await bulkInsert(database, 'import_rows', STAGED_COLUMNS, staged());
    outcome.rows = rows;
    onProgress(rows);
    await setJob(database, actor, importId, {
      done: rows,
      total: rows,
      status: request.dryRun ? 'validating' : 'committing',
      mapping: JSON.stringify(mapping),
    });

    await transaction(database, async (trx) => {
      // One import at a time per organisation: the checks stay true until the rows are written.
      await sql`select pg_advisory_xact_lock(hashtext(${`directory-import:${actor.orgId}`}))`.execute(trx);
      const context: MergeContext = { trx, actor, importId, columnOf: compiled.columnOf };
      outcome.badRows = await resolveStagedRows(context, kind);
      if (request.dryRun) {
        outcome.status = 'validated';
      } else if (outcome.badRows > 0 && !request.skipBadRows) {
        outcome.status = 'failed';
        outcome.failure = `${outcome.badRows} of ${rows} rows are wrong; nothing was imported (fix them, or ask to skip bad rows).`;
      } else {
        Object.assign(outcome, await mergeStagedRows(context, kind));
        outcome.status = 'completed';
        await recordAudit(
          trx,
          actor,
          `import.${kind}`,
          { type: 'import', id: importId },
          {
            rows,
            created: outcome.created,
            updated: outcome.updated,
            skipped: outcome.badRows,
          },
        );
      }
      await trx
        .updateTable('import_jobs')
        .set({
          status: outcome.status,
          bad_rows: outcome.badRows,
          failure: outcome.failure,
          summary: JSON.stringify({
            created: outcome.created,
            updated: outcome.updated,
            skipped: request.dryRun ? 0 : outcome.badRows,
          }),
          updated_at: new Date(),
        })
        .where('org_id', '=', actor.orgId)
        .where('import_id', '=', importId)
        .execute();
    });
    return outcome;
  } catch (error) {
    // The file could not be read (or something broke): drop what was staged and say why.
    outcome.status = 'failed';
    outcome.failure =
      error instanceof FileProblem
        ? `${error.message} Nothing was imported.`
        : 'The import failed unexpectedly; nothing was imported.';
    await database.db
      .deleteFrom('import_rows')
      .where('org_id', '=', actor.orgId)
      .where('import_id', '=', importId)
      .execute();
    await setJob(database, actor, importId, {
      status: 'failed',
      failure: outcome.failure,
      done: 0,
      bad_rows: 0,
    });
    if (!(error instanceof FileProblem)) throw error;
    return outcome;
  }
}
