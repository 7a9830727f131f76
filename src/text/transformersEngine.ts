/**
 * The optional transformer engine: a sequence-classification model run by transformers.js
 * (`@huggingface/transformers`, ONNX Runtime) from a local directory, never from a hub. The model's
 * labels (config.json id2label) are the 12 Force × polarity labels ("control:tension", …); it
 * decides the Force, polarity, confidence and secondary Forces. Language, sentences, sentiment,
 * emotions and topics stay the built-in engine's, which is given. It gives no word spans.
 *
 * `@huggingface/transformers` is not a dependency of Rapport (installing it downloads native ONNX
 * Runtime binaries): it is imported only when this engine is chosen, and its absence is an error
 * saying what to install.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { ForceKey } from '../domain/forces/index.ts';
import { FORCE_LABELS, type Polarity } from './corpus.ts';
import type { CommentAnalysis, TextEngine } from './engine.ts';
import { fnv1a } from './featureHash.ts';

/** The engine's name (RAPPORT_TEXT_ENGINE=transformers). */
export const TRANSFORMERS_ENGINE_NAME = 'transformers';

/** The npm package the engine needs. */
export const TRANSFORMERS_PACKAGE = '@huggingface/transformers';

/** A transformer engine: asynchronous, so it reads comments in batches. */
export type AsyncTextEngine = TextEngine & {
  analyzeBatch(texts: readonly string[]): Promise<CommentAnalysis[]>;
  /** Stored with each analysis: the directory's name and a hash of its config.json. */
  version: string;
  /** The same model over another built-in engine (e.g. one with an organisation's codeframe). */
  withFallback(fallback: TextEngine): AsyncTextEngine;
};

/** Thrown when the engine cannot be loaded; the message says what to do. */
export class TransformersEngineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransformersEngineError';
  }
}

type Classifier = (
  texts: string[],
  options: { top_k: number | null },
) => Promise<{ label: string; score: number }[][] | { label: string; score: number }[]>;
type TransformersModule = {
  env: { allowRemoteModels: boolean; allowLocalModels: boolean; localModelPath: string };
  pipeline: (task: string, model: string, options: Record<string, unknown>) => Promise<Classifier>;
};

/** Options of {@link loadTransformersEngine}. */
export type TransformersEngineOptions = {
  /** The model's directory (RAPPORT_TEXT_MODEL_DIR). */
  modelDir: string | undefined;
  /** The built-in engine, for everything but the Forces. */
  fallback: TextEngine;
  /** How the package is imported (tests replace it). */
  importModule?: (name: string) => Promise<unknown>;
  /** Secondary Forces from this probability on (default 0.15). */
  secondaryThreshold?: number;
};

/**
 * Checks a model directory before anything is imported: it must exist and hold config.json (with
 * Force × polarity labels), a tokenizer and an ONNX model.
 *
 * @param modelDir - the directory.
 * @returns the absolute directory and its labels.
 * @throws TransformersEngineError naming what is missing or wrong.
 * @example checkModelDirectory('/srv/models/rapport-forces') // { dir: '/srv/models/rapport-forces', labels: [...] }
 */
export function checkModelDirectory(modelDir: string | undefined): { dir: string; labels: string[] } {
  if (!modelDir) {
    throw new TransformersEngineError(
      'RAPPORT_TEXT_ENGINE=transformers needs RAPPORT_TEXT_MODEL_DIR: the directory of a local text-classification model (see the README, "Placing a transformer model")',
    );
  }
  const dir = resolve(modelDir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new TransformersEngineError(`RAPPORT_TEXT_MODEL_DIR ${dir} is not a directory`);
  }
  const missing = ['config.json', 'tokenizer.json'].filter((file) => !existsSync(join(dir, file)));
  const onnx = join(dir, 'onnx');
  const hasModel = existsSync(onnx) && readdirSync(onnx).some((file) => /^model.*\.onnx$/.test(file));
  if (!hasModel) missing.push('onnx/model.onnx (or a quantised onnx/model_quantized.onnx)');
  if (missing.length) {
    throw new TransformersEngineError(`the model directory ${dir} lacks ${missing.join(', ')}`);
  }
  let config: { id2label?: Record<string, string> };
  try {
    config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  } catch (error) {
    throw new TransformersEngineError(`${join(dir, 'config.json')} is not JSON: ${(error as Error).message}`);
  }
  const labels = Object.values(config.id2label ?? {});
  const unknown = labels.filter((label) => !(FORCE_LABELS as readonly string[]).includes(label));
  if (labels.length === 0 || unknown.length) {
    throw new TransformersEngineError(
      `${join(dir, 'config.json')}: id2label must hold Force × polarity labels such as "control:tension"${unknown.length ? `; unknown: ${unknown.slice(0, 5).join(', ')}` : ''}`,
    );
  }
  return { dir, labels };
}

/**
 * Loads the transformer engine from a local directory, with remote models switched off.
 *
 * @param options - the directory, the built-in engine, how to import the package.
 * @returns the engine (use `analyzeBatch`; `analyze` throws, the engine being asynchronous).
 * @throws TransformersEngineError when the directory or the package is missing or wrong.
 * @example const engine = await loadTransformersEngine({ modelDir: process.env.RAPPORT_TEXT_MODEL_DIR, fallback })
 */
export async function loadTransformersEngine(options: TransformersEngineOptions): Promise<AsyncTextEngine> {
  const { dir } = checkModelDirectory(options.modelDir);
  const importModule = options.importModule ?? ((name: string) => import(name));
  let transformers: TransformersModule;
  try {
    transformers = (await importModule(TRANSFORMERS_PACKAGE)) as TransformersModule;
  } catch (error) {
    throw new TransformersEngineError(
      `RAPPORT_TEXT_ENGINE=transformers needs the optional package ${TRANSFORMERS_PACKAGE}, which is not installed: run \`npm install ${TRANSFORMERS_PACKAGE}\` (it downloads ONNX Runtime binaries while installing) (${(error as Error).message})`,
    );
  }
  // Never a hub: only the directory given.
  transformers.env.allowRemoteModels = false;
  transformers.env.allowLocalModels = true;
  transformers.env.localModelPath = dirname(dir);
  let classify: Classifier;
  try {
    classify = await transformers.pipeline('text-classification', basename(dir), { local_files_only: true });
  } catch (error) {
    throw new TransformersEngineError(`the model in ${dir} could not be loaded: ${(error as Error).message}`);
  }
  const secondaryThreshold = options.secondaryThreshold ?? 0.15;
  const version = `${TRANSFORMERS_ENGINE_NAME}:${basename(dir)}:${fnv1a(
    readFileSync(join(dir, 'config.json'), 'utf8'),
  )
    .toString(16)
    .padStart(8, '0')}`;
  return engineOver(options.fallback);

  function engineOver(fallback: TextEngine): AsyncTextEngine {
    return {
      name: TRANSFORMERS_ENGINE_NAME,
      version,
      analyze() {
        throw new TransformersEngineError('the transformer engine is asynchronous: call analyzeBatch');
      },
      analyzeBatch: (texts) => analyzeBatch(fallback, texts),
      withFallback: engineOver,
    };
  }

  async function analyzeBatch(fallback: TextEngine, texts: readonly string[]): Promise<CommentAnalysis[]> {
    if (texts.length === 0) return [];
    const base = texts.map((text) => fallback.analyze(text));
    const inputs = texts.filter((_, i) => base[i].language !== 'other');
    const raw = inputs.length ? await classify(inputs, { top_k: null }) : [];
    const scored = (inputs.length === 1 && !Array.isArray(raw[0]) ? [raw] : raw) as {
      label: string;
      score: number;
    }[][];
    let next = 0;
    return base.map((analysis) => {
      if (analysis.language === 'other') return analysis;
      const scores = [...scored[next++]].sort((a, b) => b.score - a.score);
      const [best] = scores;
      const [force, polarity] = best.label.split(':') as [ForceKey, Polarity];
      const seen = new Set<string>([force]);
      const secondary: CommentAnalysis['secondary'] = [];
      for (const s of scores.slice(1)) {
        const [f, p] = s.label.split(':') as [ForceKey, Polarity];
        if (seen.has(f) || s.score < secondaryThreshold) continue;
        seen.add(f);
        secondary.push({ force: f, polarity: p, confidence: Math.round(s.score * 10000) / 10000 });
      }
      return {
        ...analysis,
        force,
        polarity,
        confidence: Math.round(best.score * 10000) / 10000,
        secondary,
        spans: [],
      };
    });
  }
}
