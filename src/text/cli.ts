/**
 * `rapport text …`: train the built-in model, classify comments from a JSON-lines file, evaluate on
 * the held-out split, and cross-validate settings.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createBuiltInEngine } from './builtInEngine.ts';
import { TEXT_LANGUAGES, type TextLanguage } from './corpus.ts';
import { DEFAULT_CORPUS_DIR, readCorpus } from './corpusFiles.ts';
import { crossValidate } from './crossValidation.ts';
import type { TextEngine } from './engine.ts';
import { evaluateEngine, formatEvaluationMarkdown, TEXT_TARGETS } from './evaluate.ts';
import { defaultLanguageDetector } from './fastTextDetection.ts';
import { createProfileDetector } from './languageDetection.ts';
import { DEFAULT_MODEL_DIR, loadModel, saveModel } from './modelFiles.ts';
import { heldOutSplit } from './split.ts';
import { DEFAULT_TRAINING_SETTINGS } from './textModel.ts';
import type { Codeframe } from './topics.ts';
import { trainModel } from './trainModel.ts';

/** Where the command writes: `process` fits. */
export type TextCommandIo = {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
};

/** The default path of the generated evaluation report. */
export const EVALUATION_REPORT = new URL('./EVALUATION.md', import.meta.url).pathname;

const USAGE = `rapport text <command> [options]

Commands:
  train [--corpus DIR] [--out DIR]
        Train the built-in model from the labelled corpus (training split only) and write its files
        (default data/text/model/). Deterministic: the same corpus gives the same bytes.
  classify --in FILE.jsonl [--json] [--model DIR] [--codeframe FILE.json]
        Read lines {"id", "text", "lang"?} and print one result per line (JSON lines with --json).
        Malformed lines are reported on stderr with their line number and skipped.
  evaluate [--model DIR] [--corpus DIR] [--write [FILE]]
        Score the model on the held-out split; --write writes the Markdown report (default
        src/text/EVALUATION.md). Exit 1 when a target is missed.
  tune [--folds K] [--calibrated]
        Cross-validate the default settings on the training split (never the held-out comments).`;

type ClassifyResult = {
  id: unknown;
  language: string;
  sentiment: { label: string; score: number };
  force: string | null;
  polarity: string | null;
  confidence: number;
  secondary: unknown[];
  emotions: unknown[];
  topics: string[];
};

/**
 * Parses one input line of `classify`.
 *
 * @param line - the line (not blank).
 * @returns the request, or the reason the line is malformed.
 * @example parseClassifyLine('{"id":1,"text":"Late again","lang":"en"}') // { id: 1, text: 'Late again', language: 'en' }
 */
export function parseClassifyLine(
  line: string,
): { id: string | number; text: string; language?: TextLanguage } | { error: string } {
  let value: any;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: 'not valid JSON' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { error: 'not a JSON object' };
  if (typeof value.id !== 'string' && typeof value.id !== 'number')
    return { error: '"id" must be a string or a number' };
  if (typeof value.text !== 'string') return { error: '"text" must be a string' };
  if (value.lang !== undefined && value.lang !== null && !TEXT_LANGUAGES.includes(value.lang)) {
    return { error: `"lang" must be one of ${TEXT_LANGUAGES.join(', ')} (or left out to detect it)` };
  }
  return { id: value.id, text: value.text, ...(value.lang ? { language: value.lang as TextLanguage } : {}) };
}

function classifyOne(engine: TextEngine, id: unknown, text: string, language?: TextLanguage): ClassifyResult {
  const a = engine.analyze(text, language ? { language } : {});
  return {
    id,
    language: a.language,
    sentiment: a.sentiment,
    force: a.force,
    polarity: a.polarity,
    confidence: a.confidence,
    secondary: a.secondary,
    emotions: a.emotions,
    topics: a.topics,
  };
}

function humanLine(r: ClassifyResult): string {
  const force = r.force ? `${r.force}:${r.polarity} (${r.confidence.toFixed(2)})` : '-';
  const emotions = (r.emotions as { key: string }[]).map((e) => e.key).join(',') || '-';
  return [
    r.id,
    r.language,
    `${r.sentiment.label} (${r.sentiment.score.toFixed(2)})`,
    force,
    emotions,
    r.topics.join(',') || '-',
  ].join('\t');
}

async function classify(args: string[], io: TextCommandIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      in: { type: 'string' },
      json: { type: 'boolean', default: false },
      model: { type: 'string' },
      codeframe: { type: 'string' },
    },
  });
  if (!values.in) {
    io.stderr.write('rapport text classify: --in FILE.jsonl is required\n');
    return 2;
  }
  if (!existsSync(values.in)) {
    io.stderr.write(`rapport text classify: no such file: ${values.in}\n`);
    return 2;
  }
  let codeframe: Codeframe | undefined;
  if (values.codeframe) {
    if (!existsSync(values.codeframe)) {
      io.stderr.write(`rapport text classify: no such file: ${values.codeframe}\n`);
      return 2;
    }
    codeframe = JSON.parse(readFileSync(values.codeframe, 'utf8')) as Codeframe;
  }
  const model = loadModel(values.model ?? DEFAULT_MODEL_DIR);
  const engine = createBuiltInEngine(model, {
    codeframe,
    languageDetector: await defaultLanguageDetector(model),
  });
  const lines = readFileSync(values.in, 'utf8').split('\n');
  let classified = 0;
  let malformed = 0;
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const request = parseClassifyLine(line);
    if ('error' in request) {
      malformed++;
      io.stderr.write(`${values.in}:${i + 1}: skipped: ${request.error}\n`);
      return;
    }
    const result = classifyOne(engine, request.id, request.text, request.language);
    io.stdout.write(`${values.json ? JSON.stringify(result) : humanLine(result)}\n`);
    classified++;
  });
  io.stderr.write(`classified ${classified} comment(s); skipped ${malformed} malformed line(s)\n`);
  return 0;
}

function train(args: string[], io: TextCommandIo): number {
  const { values } = parseArgs({ args, options: { corpus: { type: 'string' }, out: { type: 'string' } } });
  const corpus = readCorpus(values.corpus ?? DEFAULT_CORPUS_DIR);
  const model = trainModel(corpus);
  const written = saveModel(model, values.out ?? DEFAULT_MODEL_DIR);
  for (const language of TEXT_LANGUAGES) {
    const cv = model.languages[language].crossValidation;
    io.stderr.write(
      `${language}: ${model.languages[language].trainingComments} training comments; calibration cross-validation macro-F1 ${cv.macroF1.toFixed(3)}, sentiment accuracy ${cv.sentimentAccuracy.toFixed(3)}\n`,
    );
  }
  io.stdout.write(`${written.join('\n')}\n`);
  return 0;
}

function evaluate(args: string[], io: TextCommandIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      model: { type: 'string' },
      corpus: { type: 'string' },
      write: { type: 'boolean', default: false },
    },
  });
  const model = loadModel(values.model ?? DEFAULT_MODEL_DIR);
  const { heldOut } = heldOutSplit(
    readCorpus(values.corpus ?? DEFAULT_CORPUS_DIR),
    model.settings.heldOutShare,
  );
  const evaluation = evaluateEngine(
    createBuiltInEngine(model),
    heldOut,
    createProfileDetector(model.languageProfile),
  );
  const markdown = formatEvaluationMarkdown(evaluation, {
    corpusFingerprint: model.corpus.fingerprint,
    trainComments: model.corpus.trainComments,
    heldOutComments: heldOut.length,
    crossValidation: { en: model.languages.en.crossValidation, it: model.languages.it.crossValidation },
  });
  if (values.write) {
    const path = positionals[0] ?? EVALUATION_REPORT;
    writeFileSync(path, markdown);
    io.stderr.write(`wrote ${path}\n`);
  }
  io.stdout.write(markdown);
  const met =
    evaluation.minMacroF1 >= TEXT_TARGETS.macroF1 &&
    evaluation.minSentimentAccuracy >= TEXT_TARGETS.sentimentAccuracy;
  return met ? 0 : 1;
}

function tune(args: string[], io: TextCommandIo): number {
  const { values } = parseArgs({
    args,
    options: { folds: { type: 'string', default: '5' }, calibrated: { type: 'boolean', default: false } },
  });
  const folds = Number(values.folds);
  if (!Number.isInteger(folds) || folds < 2) {
    io.stderr.write('rapport text tune: --folds must be a whole number ≥ 2\n');
    return 2;
  }
  for (const s of crossValidate(readCorpus(), DEFAULT_TRAINING_SETTINGS, folds, values.calibrated)) {
    io.stdout.write(
      `${s.language}\tmacro-F1 ${s.macroF1.toFixed(3)}\tsentiment accuracy ${s.sentimentAccuracy.toFixed(3)}\n`,
    );
  }
  return 0;
}

/**
 * Runs `rapport text <command>`.
 *
 * @param args - the arguments after `text`.
 * @param io - where to write output and diagnostics.
 * @returns the exit code: 0 done; 1 evaluation below target; 2 usage error or missing input file.
 * @example await runTextCommand(['classify', '--in', 'comments.jsonl', '--json'], process) // 0
 */
export async function runTextCommand(args: string[], io: TextCommandIo): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'train':
        return train(rest, io);
      case 'classify':
        return await classify(rest, io);
      case 'evaluate':
        return evaluate(rest, io);
      case 'tune':
        return tune(rest, io);
      case undefined:
      case 'help':
      case '--help':
        io.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        io.stderr.write(`rapport text: unknown command "${command}"\n${USAGE}\n`);
        return 2;
    }
  } catch (error) {
    if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`rapport text ${command}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
