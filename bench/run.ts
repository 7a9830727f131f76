/**
 * `npm run bench -- NAME [options]`: runs one benchmark and ends with one line of JSON:
 * {"bench":NAME,"metrics":{...},"goals":{KEY:{"target":n,"op":">=","met":bool}}}.
 */
import { analyticsBench } from './analytics.ts';
import { appBench } from './app.ts';
import { demoBench } from './demo.ts';
import { importBench } from './import.ts';
import { ingestBench } from './ingest.ts';
import { loopBench } from './loop.ts';
import { textBench } from './text.ts';

export interface Goal {
  target: number;
  op: '>=' | '<=';
}

export interface BenchResult {
  metrics: Record<string, number>;
  goals: Record<string, Goal>;
}

const BENCHES: Record<string, (args: string[]) => Promise<BenchResult>> = {
  demo: demoBench,
  analytics: analyticsBench,
  app: appBench,
  ingest: ingestBench,
  import: importBench,
  loop: loopBench,
  text: textBench,
};

const [name, ...args] = process.argv.slice(2);
const bench = name ? BENCHES[name] : undefined;
if (!bench) {
  process.stderr.write(`usage: npm run bench -- <${Object.keys(BENCHES).join('|')}> [options]\n`);
  process.exit(2);
}
const result = await bench(args);
const goals = Object.fromEntries(
  Object.entries(result.goals)
    .filter(([key]) => key in result.metrics)
    .map(([key, goal]) => {
      const value = result.metrics[key];
      const met = goal.op === '>=' ? value >= goal.target : value <= goal.target;
      return [key, { ...goal, met }];
    }),
);
process.stdout.write(`${JSON.stringify({ bench: name, metrics: result.metrics, goals })}\n`);
