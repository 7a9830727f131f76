/**
 * The built-in text engine: comments analysed per second on one core (the held-out comments,
 * repeated to at least --analyses, default 20,000), the process's peak memory, and the held-out
 * scores the product must meet (the weaker language counts).
 */
import { parseArgs } from 'node:util';
import { createBuiltInEngine } from '../src/text/builtInEngine.ts';
import { readCorpus } from '../src/text/corpusFiles.ts';
import { evaluateEngine, TEXT_TARGETS } from '../src/text/evaluate.ts';
import { loadModel } from '../src/text/modelFiles.ts';
import { heldOutSplit } from '../src/text/split.ts';
import type { BenchResult } from './run.ts';

export async function textBench(args: string[]): Promise<BenchResult> {
  const { values } = parseArgs({ args, options: { analyses: { type: 'string', default: '20000' } } });
  const target = Math.max(1, Number(values.analyses));
  const model = loadModel();
  const engine = createBuiltInEngine(model);
  const { heldOut } = heldOutSplit(readCorpus(), model.settings.heldOutShare);

  // Warm up the JIT on one pass, then time whole passes until the target count is reached.
  for (const record of heldOut) engine.analyze(record.text, { language: record.language });
  let analyses = 0;
  let checksum = 0;
  const started = process.cpuUsage();
  const wall = performance.now();
  while (analyses < target) {
    for (const record of heldOut) {
      checksum += engine.analyze(record.text, { language: record.language }).confidence;
      analyses++;
    }
  }
  const cpu = process.cpuUsage(started);
  const seconds = (performance.now() - wall) / 1000;
  // Single-threaded: per core = per wall-clock second on the one thread doing the work.
  const evaluation = evaluateEngine(engine, heldOut);
  return {
    metrics: {
      analyses,
      seconds: Math.round(seconds * 100) / 100,
      cpu_seconds: Math.round(((cpu.user + cpu.system) / 1e6) * 100) / 100,
      comments_per_s_per_core: Math.round(analyses / seconds),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      heldout_macro_f1: Math.round(evaluation.minMacroF1 * 1000) / 1000,
      heldout_sentiment_accuracy: Math.round(evaluation.minSentimentAccuracy * 1000) / 1000,
      checksum: Math.round(checksum),
    },
    goals: {
      comments_per_s_per_core: { target: 2000, op: '>=' },
      heldout_macro_f1: { target: TEXT_TARGETS.macroF1, op: '>=' },
      heldout_sentiment_accuracy: { target: TEXT_TARGETS.sentimentAccuracy, op: '>=' },
    },
  };
}
