export { type AnswerIssue, answerIssues } from './answerIssues.ts';
export {
  type Answers,
  type AnswerValue,
  type HiddenValues,
  isAnswered,
  type OtherChoice,
} from './answers.ts';
export {
  AGREEMENT_SCALE_LABELS,
  BUILT_IN_LANGUAGES,
  DISSONANCE_LABELS,
  NOT_APPLICABLE_LABEL,
  OTHER_CHOICE_LABEL,
} from './builtInLabels.ts';
export {
  CONDITION_OPERATORS,
  type Condition,
  type ConditionOperator,
  type ConditionValue,
  conditionSchema,
  type HiddenFieldCondition,
  type QuestionCondition,
} from './condition.ts';
export { type ConditionScope, conditionIssues } from './conditionIssues.ts';
export { END_OF_SURVEY } from './endOfSurvey.ts';
export { evaluateCondition } from './evaluateCondition.ts';
export {
  EMOTION_KEYS,
  type EmotionKey,
  type EmotionValence,
  EXPERIENCE_EMOTIONS,
  type ExperienceEmotion,
  emotionKeySchema,
} from './experienceEmotions.ts';
export { type ForceKey, forceKeySchema, SURVEY_FORCE_KEYS } from './forceKey.ts';
export { formatIssuePath, type LocatedIssue, type PathSegment, type SurveyIssue } from './issuePath.ts';
export { type LocalizedText, languageCodeSchema, localize, localizedTextSchema } from './localizedText.ts';
export { type ParsedSurveyDefinition, parseSurveyDefinition } from './parseSurveyDefinition.ts';
export { PIPING_NAMESPACES, type PipingContext, PLACEHOLDER_PATTERN, pipeText } from './pipeText.ts';
export {
  type AgreementQuestion,
  agreementQuestionSchema,
  type ChoiceOption,
  type ConsentQuestion,
  consentQuestionSchema,
  DEFAULT_TEXT_MAX_LENGTH,
  DISSONANCE_VALUES,
  type DissonanceQuestion,
  type DissonanceValue,
  dissonanceQuestionSchema,
  type EmotionsQuestion,
  emotionsQuestionSchema,
  type MatrixQuestion,
  type MultipleChoiceQuestion,
  matrixQuestionSchema,
  multipleChoiceQuestionSchema,
  NOT_APPLICABLE,
  type NpsQuestion,
  npsQuestionSchema,
  OTHER_CHOICE,
  OTHER_TEXT_MAX_LENGTH,
  optionValueSchema,
  type Question,
  type QuestionType,
  questionIdSchema,
  questionSchema,
  RATING_MEASURES,
  type RankingQuestion,
  type RatingMeasure,
  type RatingQuestion,
  rankingQuestionSchema,
  ratingQuestionSchema,
  type SingleChoiceQuestion,
  singleChoiceQuestionSchema,
  type TextQuestion,
  textQuestionSchema,
} from './questionSchema.ts';
export { randomizedOrder } from './randomizedOrder.ts';
export {
  type Block,
  blockSchema,
  hiddenFieldNameSchema,
  type Page,
  pageSchema,
  type SkipRule,
  SURVEY_FORMAT_VERSION,
  type SurveyDefinition,
  skipRuleSchema,
  surveyDefinitionSchema,
} from './surveyDefinitionSchema.ts';
export { surveyQuestions } from './surveyQuestions.ts';
export { mapSurveyTexts, type TextMapper } from './surveyTexts.ts';
export { translationIssues } from './translationIssues.ts';
export { validateAnswers } from './validateAnswers.ts';
export { collectDefinitionIssues, validateSurveyDefinition } from './validateSurveyDefinition.ts';
export { visibleQuestions } from './visibleQuestions.ts';
