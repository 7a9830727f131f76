/**
 * The text engine interface: what reading one customer comment yields, and a registry of engines by
 * name so that another engine (a transformer, a hosted model) can be plugged in beside the built-in one.
 */
import type { ForceKey } from '../domain/forces/index.ts';
import type { EmotionKey } from '../surveys/definition/index.ts';
import { BUILT_IN_ENGINE_NAME, createBuiltInEngine } from './builtInEngine.ts';
import type { Polarity, Sentiment, TextLanguage } from './corpus.ts';
import { loadModel } from './modelFiles.ts';
import type { TextModel } from './textModel.ts';

/** A sentiment with its strength: score in −1…1 (P(positive) − P(negative) for the built-in engine). */
export type SentimentResult = { label: Sentiment; score: number };

/** A stretch of the comment: `text.slice(start, end)`. */
export type Span = { start: number; end: number };

/** Everything an engine reads from one comment. */
export type CommentAnalysis = {
  language: TextLanguage | 'other';
  sentences: (Span & { text: string; sentiment: SentimentResult })[];
  sentiment: SentimentResult;
  /** The Force the comment is mostly about, or null when it is about none that the engine can tell. */
  force: ForceKey | null;
  polarity: Polarity | null;
  /** Calibrated probability of the Force × polarity label, 0…1 (0 when force is null). */
  confidence: number;
  /** Other Forces the comment also touches, most likely first. */
  secondary: { force: ForceKey; polarity: Polarity; confidence: number }[];
  emotions: { key: EmotionKey; confidence: number; spans: Span[] }[];
  /** Codeframe topics the comment matches. */
  topics: string[];
  /** The words that weigh most for the chosen Force × polarity, labelled "force:polarity". */
  spans: (Span & { label: string })[];
};

/** Options of one analysis. */
export type AnalyzeOptions = {
  /** The comment's language when known (skips detection). */
  language?: TextLanguage;
};

/**
 * A text engine. `analyze` is synchronous and deterministic; an engine that can only read
 * asynchronously (a transformer) offers `analyzeBatch`, which the pipeline prefers when present.
 */
export type TextEngine = {
  readonly name: string;
  analyze(text: string, options?: AnalyzeOptions): CommentAnalysis;
  analyzeBatch?(texts: readonly string[]): Promise<CommentAnalysis[]>;
};

/** Builds an engine; options are engine-specific. */
export type TextEngineFactory = (options?: Record<string, unknown>) => TextEngine;

const factories = new Map<string, TextEngineFactory>();

/**
 * Registers an engine factory under a name (replacing any earlier one of that name).
 *
 * @param name - the engine's name, e.g. 'builtin'.
 * @param factory - builds the engine.
 * @returns nothing.
 * @example registerTextEngine('echo', () => echoEngine); textEngineNames().includes('echo') // true
 */
export function registerTextEngine(name: string, factory: TextEngineFactory): void {
  factories.set(name, factory);
}

/**
 * The names of the registered engines, sorted.
 *
 * @returns the names.
 * @example textEngineNames() // ['builtin']
 */
export function textEngineNames(): string[] {
  return [...factories.keys()].sort();
}

/**
 * Builds a registered engine.
 *
 * @param name - the engine's name.
 * @param options - passed to its factory.
 * @returns the engine.
 * @throws Error naming the registered engines when `name` is unknown.
 * @example createTextEngine('builtin').name // 'builtin'
 */
export function createTextEngine(name: string, options?: Record<string, unknown>): TextEngine {
  const factory = factories.get(name);
  if (!factory)
    throw new Error(`unknown text engine "${name}" (registered: ${textEngineNames().join(', ') || 'none'})`);
  return factory(options);
}

// The built-in engine: options.model (a TextModel) or the committed model files; the other options
// are those of createBuiltInEngine.
registerTextEngine(BUILT_IN_ENGINE_NAME, (options = {}) =>
  createBuiltInEngine((options.model as TextModel | undefined) ?? loadModel(), options),
);
