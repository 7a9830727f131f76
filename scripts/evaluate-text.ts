/**
 * Out-of-domain check of the built-in text engine on real public text, when it is present under
 * /work/shared/artefacts/feedback_text/ (or the folder given as the first argument):
 *   - Yelp review sentences (UCI sentiment labelled sentences): 0/1 → negative/positive; a mixed or
 *     neutral prediction counts as wrong.
 *   - SENTIPOLC 2016 Italian tweets, gold test set (no header: idtwitter, subj, opos, oneg, iro, lpos,
 *     lneg, top, text): polarity from opos/oneg, (1,0) positive, (0,1) negative, (0,0) neutral,
 *     (1,1) mixed (`--literal` uses lpos/lneg instead).
 *   - NPS verbatims: the Force distribution by journey stage (SURVEY_SUB_TYPE), with no labels.
 * These texts are unlike the B2B training comments (restaurant reviews, political tweets, consumer
 * NPS answers); the figures are reported as they come out. Exits 0 when the folder is absent.
 *
 * Usage: node scripts/evaluate-text.ts [FOLDER] [--literal]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { createBuiltInEngine } from '../src/text/builtInEngine.ts';
import { classificationReport } from '../src/text/classificationMetrics.ts';
import { SENTIMENTS, type TextLanguage } from '../src/text/corpus.ts';
import { loadModel } from '../src/text/modelFiles.ts';

const args = process.argv.slice(2);
const literal = args.includes('--literal');
const folder = args.find((a) => !a.startsWith('--')) ?? '/work/shared/artefacts/feedback_text';
const out = (line = '') => process.stdout.write(`${line}\n`);

if (!existsSync(folder)) {
  out(`No feedback text found at ${folder}: nothing to evaluate.`);
  process.exit(0);
}

const engine = createBuiltInEngine(loadModel());

function table(header: string[], rows: (string | number)[][]): void {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => r[c].length)));
  const line = (r: string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  out(line(cells[0]));
  out(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) out(line(r));
}

function sentimentTable(
  name: string,
  language: TextLanguage,
  items: { text: string; label: string }[],
): void {
  const predicted = items.map((item) => engine.analyze(item.text, { language }).sentiment.label);
  const report = classificationReport(
    items.map((i) => i.label),
    predicted,
    SENTIMENTS,
  );
  out(`\n## ${name}: ${items.length} texts, sentiment accuracy ${report.accuracy.toFixed(3)}`);
  table(
    ['label', 'support', 'predicted', 'precision', 'recall', 'F1'],
    report.labels.map((l) => [
      l.label,
      l.support,
      l.predicted,
      l.precision.toFixed(3),
      l.recall.toFixed(3),
      l.f1.toFixed(3),
    ]),
  );
  const confusion = new Map<string, number>();
  items.forEach((item, i) => {
    const key = `${item.label}→${predicted[i]}`;
    confusion.set(key, (confusion.get(key) ?? 0) + 1);
  });
  table(
    ['true \\ predicted', ...SENTIMENTS],
    SENTIMENTS.filter((t) => items.some((i) => i.label === t)).map((t) => [
      t,
      ...SENTIMENTS.map((p) => confusion.get(`${t}→${p}`) ?? 0),
    ]),
  );
}

out('# Built-in text engine on out-of-domain text');

const yelp = join(folder, 'uci_sentiment_labelled_sentences/yelp_labelled.txt');
if (existsSync(yelp)) {
  const items = readFileSync(yelp, 'utf8')
    .split('\n')
    .map((line) => line.split('\t'))
    .filter((parts) => parts.length === 2 && (parts[1].trim() === '0' || parts[1].trim() === '1'))
    .map(([text, label]) => ({ text, label: label.trim() === '1' ? 'positive' : 'negative' }));
  sentimentTable('Yelp sentences (English)', 'en', items);
} else out(`\n(Yelp sentences not found at ${yelp})`);

const sentipolc = join(folder, 'italian_sentipolc2016/test_set_sentipolc16_gold2000.csv');
if (existsSync(sentipolc)) {
  const rows: string[][] = parse(readFileSync(sentipolc, 'utf8'), {
    relax_column_count: true,
    relax_quotes: true,
  });
  const [posColumn, negColumn] = literal ? [5, 6] : [2, 3];
  const items = rows
    .filter((r) => r.length >= 9)
    .map((r) => {
      const pos = r[posColumn] === '1';
      const neg = r[negColumn] === '1';
      const label = pos && neg ? 'mixed' : pos ? 'positive' : neg ? 'negative' : 'neutral';
      return { text: r[8], label };
    });
  sentimentTable(`SENTIPOLC 2016 test (Italian, ${literal ? 'lpos/lneg' : 'opos/oneg'})`, 'it', items);
} else out(`\n(SENTIPOLC test set not found at ${sentipolc})`);

const nps = join(folder, 'nps_verbatims_textsummary/text_data_verbatim.csv');
if (existsSync(nps)) {
  const rows: Record<string, string>[] = parse(readFileSync(nps, 'utf8'), {
    columns: true,
    relax_column_count: true,
  });
  const stages = new Map<string, Map<string, number>>();
  const columns = new Set<string>();
  for (const row of rows) {
    const text = row.text ?? '';
    const a = engine.analyze(text, { language: 'en' });
    const key = a.force ?? 'none';
    columns.add(key);
    const stage = row.SURVEY_SUB_TYPE || '(none)';
    let counts = stages.get(stage);
    if (!counts) {
      counts = new Map();
      stages.set(stage, counts);
    }
    counts.set(key, (counts.get(key) ?? 0) + 1);
    counts.set('total', (counts.get('total') ?? 0) + 1);
    if (a.polarity === 'tension') counts.set('tension', (counts.get('tension') ?? 0) + 1);
  }
  const labels = [...columns].sort();
  out(`\n## NPS verbatims: ${rows.length} comments, Force by journey stage (share of the stage's comments)`);
  const share = (part: number, total: number) => `${Math.round((100 * part) / total)}%`;
  table(
    ['stage', 'n', ...labels, 'in tension'],
    [...stages]
      .sort((a, b) => (b[1].get('total') ?? 0) - (a[1].get('total') ?? 0))
      .map(([stage, counts]) => {
        const total = counts.get('total') ?? 0;
        return [
          stage,
          total,
          ...labels.map((l) => share(counts.get(l) ?? 0, total)),
          share(counts.get('tension') ?? 0, total),
        ];
      }),
  );
} else out(`\n(NPS verbatims not found at ${nps})`);
