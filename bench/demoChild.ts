// Runs in its own process for `npm run bench -- demo`, so the peak memory measured is the demo's alone.
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { loadDemo } from '../src/demo/loadDemo.ts';

const started = performance.now();
const database = await openDatabase({ url: process.env.DATABASE_URL });
await migrateToLatest(database);
const result = await loadDemo(database, {
  responses: Number(process.argv[2]),
  seed: 42,
  password: 'bench-password',
});
await database.close();
process.stdout.write(
  `${JSON.stringify({
    seconds: (performance.now() - started) / 1000,
    writeSeconds: result.writeSeconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
