/**
 * Rapport's offline text engine: reads B2B customer comments (English and Italian) into the Forces of
 * CX, sentiment, experience emotions and codeframe topics, deterministically, with a model trained
 * from the labelled corpus and committed under data/text/model/.
 */
export { BUILT_IN_ENGINE_NAME, type BuiltInEngineOptions, createBuiltInEngine } from './builtInEngine.ts';
export {
  type ClassificationReport,
  classificationReport,
  type LabelScores,
} from './classificationMetrics.ts';
export { parseClassifyLine, runTextCommand, type TextCommandIo } from './cli.ts';
export {
  type CorpusRecord,
  FORCE_LABELS,
  type ForceLabel,
  forceLabel,
  POLARITIES,
  type Polarity,
  parseForceLabel,
  SENTIMENTS,
  type Sentiment,
  TEXT_LANGUAGES,
  type TextLanguage,
} from './corpus.ts';
export { DEFAULT_CORPUS_DIR, readCorpus } from './corpusFiles.ts';
export { type CrossValidationScores, crossValidate } from './crossValidation.ts';
export { DEFAULT_CODEFRAME } from './defaultCodeframe.ts';
export { detectEmotions, type EmotionFinding } from './emotions.ts';
export {
  type AnalyzeOptions,
  type CommentAnalysis,
  createTextEngine,
  registerTextEngine,
  type SentimentResult,
  type Span,
  type TextEngine,
  type TextEngineFactory,
  textEngineNames,
} from './engine.ts';
export {
  type Evaluation,
  evaluateEngine,
  formatEvaluationMarkdown,
  type LanguageEvaluation,
  TEXT_TARGETS,
} from './evaluate.ts';
export {
  buildExampleTopic,
  DEFAULT_EXAMPLE_THRESHOLD,
  type ExampleTopic,
  type ExampleTopicDefinition,
  matchExampleTopics,
} from './exampleTopics.ts';
export { foldText } from './foldText.ts';
export {
  createProfileDetector,
  type LanguageDetector,
  type LanguageGuess,
  type LanguageProfile,
  trainLanguageProfile,
} from './languageDetection.ts';
export { DEFAULT_MODEL_DIR, loadModel, modelFileContents, saveModel } from './modelFiles.ts';
export { type SentenceSpan, splitSentences } from './sentences.ts';
export { type CorpusSplit, HELD_OUT_SHARE, heldOutSplit } from './split.ts';
export { DEFAULT_TRAINING_SETTINGS, type TextModel, type TrainingSettings } from './textModel.ts';
export { type Token, tokenize } from './tokenize.ts';
export {
  evaluateTopicRule,
  type RuleMatch,
  type TextSpan,
  type TopicRule,
  TopicRuleError,
} from './topicRule.ts';
export {
  type Codeframe,
  type CompiledCodeframe,
  compileCodeframe,
  matchTopics,
  matchTopicTokens,
  parseTopicRule,
  type TopicMatch,
} from './topics.ts';
export { trainModel } from './trainModel.ts';
