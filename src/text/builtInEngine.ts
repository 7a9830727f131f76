/**
 * The built-in text engine: reads a comment into the Forces of CX, sentiment, emotions and topics
 * with the trained model, offline and deterministically.
 */
import { FORCE_KEYS } from '../domain/forces/index.ts';
import type { FeatureTrace } from './commentFeatures.ts';
import { predictComment } from './commentPrediction.ts';
import { FORCE_LABELS, parseForceLabel, SENTIMENTS, TEXT_LANGUAGES, type TextLanguage } from './corpus.ts';
import { DEFAULT_CODEFRAME } from './defaultCodeframe.ts';
import { detectEmotions } from './emotions.ts';
import type { AnalyzeOptions, CommentAnalysis, SentimentResult, Span, TextEngine } from './engine.ts';
import { buildExampleTopic, type ExampleTopicDefinition, matchExampleTopics } from './exampleTopics.ts';
import { createProfileDetector, type LanguageDetector } from './languageDetection.ts';
import { compileLanguageModel, type LanguageRuntime, scoreText, type TextScores } from './modelRuntime.ts';
import { splitSentences } from './sentences.ts';
import { linearScores, softmaxInPlace } from './softmaxRegression.ts';
import type { TextModel } from './textModel.ts';
import { tokenize } from './tokenize.ts';
import { type Codeframe, type CompiledCodeframe, compileCodeframe, matchTopicTokens } from './topics.ts';

/** Options of the built-in engine. */
export type BuiltInEngineOptions = {
  /** Keyword topics; default {@link DEFAULT_CODEFRAME}; null for none. */
  codeframe?: Codeframe | null;
  /** Topics by examples (centroid of the examples' feature vectors, cosine ≥ threshold). */
  exampleTopics?: readonly (ExampleTopicDefinition & { language: TextLanguage })[];
  /** Language detection; default the trigram profile stored in the model. */
  languageDetector?: LanguageDetector;
  /** Other Forces are listed as secondary from this probability on (default 0.15). */
  secondaryThreshold?: number;
  /** At most this many words are returned as spans for the chosen label (default 4). */
  maxSpanWords?: number;
};

/** The engine's name in the registry. */
export const BUILT_IN_ENGINE_NAME = 'builtin';

function sentimentOf(
  probabilities: Float64Array,
  label = SENTIMENTS[argmax(probabilities)],
): SentimentResult {
  return { label, score: round(probabilities[0] - probabilities[1]) };
}

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}

/**
 * Per word, how much it pushes the comment towards label k: the features' contributions to the
 * log-probability of k under the three softmax experts, Σ_r x_r · (W[r, k] − Σ_m P_m · W[r, m]),
 * where x is the idf-weighted vector (the gradient of log P(k) with respect to x, times x).
 */
function wordContributions(
  runtime: LanguageRuntime,
  scores: TextScores,
  trace: FeatureTrace,
  label: number,
  wordCount: number,
): Float64Array {
  const { joint, force, polarity } = runtime.classifiers;
  const experts = [
    { model: joint, k: label },
    { model: force, k: label >> 1 },
    { model: polarity, k: label & 1 },
  ].map(({ model, k }) => ({
    model,
    k,
    p: softmaxInPlace(linearScores(model, scores.weighted, new Float64Array(model.labels.length))),
  }));
  let squares = 0;
  for (let i = 0; i < scores.raw.rows.length; i++) {
    const v = scores.raw.values[i] * runtime.idf[scores.raw.rows[i]];
    squares += v * v;
  }
  const norm = squares > 0 ? 1 / Math.sqrt(squares) : 0;
  const contributions = new Float64Array(wordCount);
  for (let i = 0; i < trace.buckets.length; i++) {
    const word = trace.tokens[i];
    const row = runtime.rowOf[trace.buckets[i]];
    if (word < 0 || row < 0) continue;
    const x = trace.values[i] * runtime.idf[row] * norm;
    let gradient = 0;
    for (const { model, k, p } of experts) {
      const K = model.labels.length;
      const base = row * K;
      let expected = 0;
      for (let m = 0; m < K; m++) expected += p[m] * model.weights[base + m];
      gradient += model.weights[base + k] - expected;
    }
    contributions[word] += x * gradient;
  }
  return contributions;
}

/**
 * Builds the built-in engine from a trained model.
 *
 * Per comment: language (given, or detected); sentences (Intl.Segmenter) each with its sentiment;
 * Force × polarity = the most probable of the 12 labels under the calibrated product of experts
 * ({@link scoreText}), confidence its probability; secondary = the best label of each other Force
 * whose probability reaches `secondaryThreshold`; sentiment = the calibrated sentiment classifier,
 * 'mixed' when sentences disagree strongly (threshold chosen by cross-validation), score = P(positive)
 * − P(negative); spans = the words contributing most to the chosen label; emotions from the lexicon;
 * topics from the codeframe rules and the example topics. A comment in another language, or without
 * words, gets no Force, a neutral sentiment and no emotions (keyword topics still apply).
 *
 * @param model - the trained model ({@link loadModel} or {@link trainModel}).
 * @param options - codeframe, example topics, detector, thresholds.
 * @returns the engine, named 'builtin'.
 * @example createBuiltInEngine(loadModel()).analyze('Invoices arrive late and full of errors.').force // 'fairTreatment' or another Force, never undefined
 */
export function createBuiltInEngine(model: TextModel, options: BuiltInEngineOptions = {}): TextEngine {
  const runtimes = Object.fromEntries(
    TEXT_LANGUAGES.map((language) => [
      language,
      compileLanguageModel(
        model.languages[language],
        model.settings.features,
        model.settings.sentimentPolarityWeight,
      ),
    ]),
  ) as Record<TextLanguage, LanguageRuntime>;
  const detector = options.languageDetector ?? createProfileDetector(model.languageProfile);
  const codeframe: CompiledCodeframe | null =
    options.codeframe === null ? null : compileCodeframe(options.codeframe ?? DEFAULT_CODEFRAME);
  const exampleTopics = TEXT_LANGUAGES.map((language) =>
    (options.exampleTopics ?? [])
      .filter((topic) => topic.language === language)
      .map((topic) => buildExampleTopic(topic, (text) => scoreText(runtimes[language], text).vector)),
  );
  const secondaryThreshold = options.secondaryThreshold ?? 0.15;
  const maxSpanWords = options.maxSpanWords ?? 4;

  const analyze = (text: string, analyzeOptions: AnalyzeOptions = {}): CommentAnalysis => {
    const language = analyzeOptions.language ?? detector.detect(text).language;
    if (language === 'other') {
      const tokens = tokenize(text);
      return {
        language,
        sentences: splitSentences(text).map((s) => ({ ...s, sentiment: { label: 'neutral', score: 0 } })),
        sentiment: { label: 'neutral', score: 0 },
        force: null,
        polarity: null,
        confidence: 0,
        secondary: [],
        emotions: [],
        topics: codeframe ? matchTopicTokens(tokens, codeframe).map((m) => m.topic) : [],
        spans: [],
      };
    }
    const runtime = runtimes[language];
    const trace: FeatureTrace = { buckets: [], tokens: [], values: [] };
    const prediction = predictComment(runtime, text, trace);
    const { scores, sentences, sentenceProbabilities } = prediction;
    const commentSentiment = sentimentOf(prediction.sentimentProbabilities, SENTIMENTS[prediction.sentiment]);
    const topics = codeframe ? matchTopicTokens(scores.tokens, codeframe).map((m) => m.topic) : [];
    for (const match of matchExampleTopics(scores.vector, exampleTopics[TEXT_LANGUAGES.indexOf(language)])) {
      if (!topics.includes(match.topic)) topics.push(match.topic);
    }
    const analysis: CommentAnalysis = {
      language,
      sentences: sentences.map((s, i) => ({ ...s, sentiment: sentimentOf(sentenceProbabilities[i]) })),
      sentiment: commentSentiment,
      force: null,
      polarity: null,
      confidence: 0,
      secondary: [],
      emotions: detectEmotions(text, scores.tokens, language, commentSentiment.score),
      topics,
      spans: [],
    };
    if (scores.tokens.length === 0) return analysis;

    const probabilities = prediction.forceProbabilities;
    const best = argmax(probabilities);
    const { force, polarity } = parseForceLabel(FORCE_LABELS[best]);
    analysis.force = force;
    analysis.polarity = polarity;
    analysis.confidence = round(probabilities[best]);
    analysis.secondary = FORCE_KEYS.map((other, f) => {
      const p = probabilities[2 * f] >= probabilities[2 * f + 1] ? 0 : 1;
      return {
        force: other,
        polarity: p === 0 ? 'fulfilled' : 'tension',
        confidence: round(probabilities[2 * f + p]),
      } as const;
    })
      .filter((s) => s.force !== force && s.confidence >= secondaryThreshold)
      .sort((a, b) => b.confidence - a.confidence);

    const contributions = wordContributions(runtime, scores, trace, best, scores.tokens.length);
    let top = 0;
    for (const c of contributions) top = Math.max(top, c);
    const chosen = [...contributions.keys()]
      .filter((word) => contributions[word] > 0 && contributions[word] >= 0.3 * top)
      .sort((a, b) => contributions[b] - contributions[a] || a - b)
      .slice(0, maxSpanWords)
      .sort((a, b) => a - b);
    const spans: (Span & { label: string })[] = [];
    for (const word of chosen) {
      const token = scores.tokens[word];
      const last = spans.at(-1);
      if (last && chosen.includes(word - 1) && last.end === scores.tokens[word - 1].end) last.end = token.end;
      else spans.push({ label: FORCE_LABELS[best], start: token.start, end: token.end });
    }
    analysis.spans = spans;
    return analysis;
  };

  return { name: BUILT_IN_ENGINE_NAME, analyze };
}
