import { parseArgs } from 'node:util';
import { runAnalyzeCommand } from '../analytics/cli/analyzeCommand.ts';
import { rebuildRollups } from '../analytics/rollups.ts';
import { BACKUP_USAGE, runBackupCommand } from '../backup/cli.ts';
import { transaction } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { loadDemo } from '../demo/loadDemo.ts';
import { runFeedbackImportCommand } from '../feedback/importCommand.ts';
import { randomSecret } from '../identity/secrets.ts';
import { createUser } from '../identity/users.ts';
import { runImportCommand } from '../imports/importCommand.ts';
import { loadConfig } from '../platform/config.ts';
import { isTransferCommand, runTransferCommand, TRANSFER_USAGE } from '../responseFiles/cli.ts';
import { openConfiguredDatabase, startServer } from '../server.ts';
import { isClusterWorker, startCluster, startClusterWorker } from '../serverCluster.ts';
import { runTextCommand } from '../text/cli.ts';
import { runRelabelCommand } from '../text/pipeline/relabelCommand.ts';

const USAGE = `rapport <command> [options]

Commands:
  start                         Serve Rapport (migrates, loads the demo on an empty database)
  migrate                       Bring the database schema up to date
  demo [--responses N] [--seed S] [--password P]
                                Create the demo programme (default 5000 responses, seed 42)
  user create --email E --password P [--name N] [--role R] [--org SLUG]
                                Add a user (the first one creates the organisation, as owner)
  rollups rebuild [--org SLUG]  Recompute the analytics rollups from the responses
  text train | classify --in FILE.jsonl [--json] | evaluate
                                The offline text engine (Forces, sentiment, emotions, topics)
  import accounts|contacts FILE [--mapping M] [--dry-run] [--skip-bad-rows] [--org SLUG]
                                Import accounts or contacts from CSV or XLSX (rapport import --help)
  import units FILE [--dry-run] [--skip-bad-rows]
                                Import the unit tree from CSV (a path column, or one column per level)
  text relabel [--org SLUG]     Re-label the comments with the current model, with a progress bar
  text import FILE [--source S] [--dry-run] [--json] [--org SLUG]
                                Import reviews, tickets, social posts (CSV or JSON) as comments
  analyze nps|drivers|segments --csv FILE …
                                Reproduce a figure from an export (rapport analyze --help)
${TRANSFER_USAGE}
${BACKUP_USAGE}

Configuration comes from the environment: see the README's configuration table.`;

function fail(message: string): never {
  process.stderr.write(`rapport: ${message}\n`);
  process.exit(2);
}

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) fail(`--${name} must be a whole number, got "${value}"`);
  return n;
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (command === 'analyze') {
    // Reproduces figures from an export; needs no database.
    process.exitCode = await runAnalyzeCommand(rest, {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
    });
    return;
  }
  if (command === 'text' && rest[0] === 'import') {
    const database = await openConfiguredDatabase(config);
    try {
      await migrateToLatest(database);
      process.exitCode = await runFeedbackImportCommand(database, rest.slice(1), process);
    } finally {
      await database.close();
    }
    return;
  }
  if (command === 'text' && rest[0] === 'relabel') {
    const database = await openConfiguredDatabase(config);
    try {
      await migrateToLatest(database);
      process.exitCode = await runRelabelCommand(database, rest.slice(1), process);
    } finally {
      await database.close();
    }
    return;
  }
  if (command === 'text') {
    process.exitCode = await runTextCommand(rest, { stdout: process.stdout, stderr: process.stderr });
    return;
  }
  if (command === 'start' && config.separateBackground && !isClusterWorker()) {
    await startCluster(config);
    return;
  }
  if (command === 'start') {
    const server = isClusterWorker() ? await startClusterWorker(config) : await startServer(config);
    const stop = async () => {
      await server.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return;
  }
  const database = await openConfiguredDatabase(config);
  try {
    if (command === 'migrate') {
      const applied = await migrateToLatest(database);
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'schema is current\n');
    } else if (command === 'demo') {
      const { values } = parseArgs({
        args: rest,
        options: { responses: { type: 'string' }, seed: { type: 'string' }, password: { type: 'string' } },
      });
      await migrateToLatest(database);
      const password = values.password ?? config.demoPassword ?? randomSecret(12);
      const responses = positiveInteger('responses', values.responses, config.demoResponses);
      const started = Date.now();
      const result = await loadDemo(database, {
        responses,
        seed: positiveInteger('seed', values.seed, 42),
        password,
        onProgress: (written, total) =>
          process.stderr.write(`\r${written.toLocaleString('en')} / ${total.toLocaleString('en')} responses`),
      });
      process.stderr.write('\n');
      process.stdout.write(
        `${JSON.stringify({ ...result, seconds: (Date.now() - started) / 1000, owner: 'owner@demo.rapport.dev', password })}\n`,
      );
    } else if (isTransferCommand(command, rest)) {
      await migrateToLatest(database);
      process.exitCode = await runTransferCommand(command, rest, database, {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
        progress: process.stderr,
      });
    } else if (command === 'backup' || command === 'restore') {
      await migrateToLatest(database);
      process.exitCode = await runBackupCommand(command, rest, database, {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
        progress: process.stderr,
      });
    } else if (command === 'import') {
      await migrateToLatest(database);
      process.exitCode = await runImportCommand(rest, database, {
        stdout: process.stdout,
        stderr: process.stderr,
      });
    } else if (command === 'rollups' && rest[0] === 'rebuild') {
      const { values } = parseArgs({ args: rest.slice(1), options: { org: { type: 'string' } } });
      await migrateToLatest(database);
      let query = database.db.selectFrom('organisations').select(['org_id', 'slug']);
      if (values.org) query = query.where('slug', '=', values.org);
      const organisations = await query.execute();
      if (values.org && organisations.length === 0) fail(`no organisation "${values.org}"`);
      for (const organisation of organisations) {
        const started = Date.now();
        const cells = await rebuildRollups(database, organisation.org_id);
        process.stdout.write(
          `${JSON.stringify({ organisation: organisation.slug, cells, seconds: (Date.now() - started) / 1000 })}\n`,
        );
      }
    } else if (command === 'user' && rest[0] === 'create') {
      const { values } = parseArgs({
        args: rest.slice(1),
        options: {
          email: { type: 'string' },
          password: { type: 'string' },
          name: { type: 'string' },
          role: { type: 'string' },
          org: { type: 'string' },
        },
      });
      if (!values.email || !values.password) fail('user create needs --email and --password');
      if (values.password.length < 10) fail('--password must have at least 10 characters');
      const role = (values.role ?? 'owner') as 'owner' | 'admin' | 'analyst' | 'manager' | 'agent' | 'viewer';
      if (!['owner', 'admin', 'analyst', 'viewer', 'agent'].includes(role))
        fail(`--role must be owner, admin, analyst, agent or viewer (managers need a unit: use the API)`);
      await migrateToLatest(database);
      const result = await transaction(database, async (trx) => {
        let org = values.org
          ? await trx
              .selectFrom('organisations')
              .select('org_id')
              .where('slug', '=', values.org)
              .executeTakeFirst()
          : await trx.selectFrom('organisations').select('org_id').orderBy('created_at').executeTakeFirst();
        if (!org) {
          const slug = values.org ?? 'main';
          org = await trx
            .insertInto('organisations')
            .values({ name: slug, slug, signing_key: randomSecret() })
            .returning('org_id')
            .executeTakeFirstOrThrow();
        }
        const userId = await createUser(trx, {
          orgId: org.org_id,
          email: values.email!,
          password: values.password!,
          name: values.name ?? values.email!,
          role,
          unitId: null,
        });
        return { orgId: org.org_id, userId };
      });
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } else {
      fail(`unknown command "${argv.join(' ')}"\n\n${USAGE}`);
    }
  } finally {
    await database.close();
  }
}

await main(process.argv.slice(2));
