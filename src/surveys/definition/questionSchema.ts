import { z } from 'zod';
import { conditionSchema } from './condition.ts';
import { emotionKeySchema } from './experienceEmotions.ts';
import { forceKeySchema } from './forceKey.ts';
import { localizedTextSchema } from './localizedText.ts';

/** Longest verbatim comment accepted when a `text` question sets no `maxLength`. */
export const DEFAULT_TEXT_MAX_LENGTH = 5000;

/** Longest free text accepted in the "other" choice of a choice question. */
export const OTHER_TEXT_MAX_LENGTH = 500;

/**
 * The value by which conditions refer to the free-text "other" choice. Option values must start with
 * a letter or digit, so this can never collide with one.
 */
export const OTHER_CHOICE = '_other';

/** The answer to an agreement question with `allowNotApplicable`, when the respondent opts out. */
export const NOT_APPLICABLE = 'notApplicable';

/** Question ids are answer keys: stable across versions, safe in URLs and exports. */
export const questionIdSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'Ids start with a letter; letters, digits, _ . - up to 64');

export const optionValueSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'Values start with a letter or digit; letters, digits, _ . -');

const baseShape = {
  id: questionIdSchema,
  text: localizedTextSchema,
  help: localizedTextSchema.optional(),
  required: z.boolean().optional(),
  displayIf: conditionSchema.optional(),
};

const choiceOptionSchema = z.strictObject({ value: optionValueSchema, text: localizedTextSchema });

const scaleSchema = z.strictObject({
  min: z.int(),
  max: z.int(),
  minLabel: localizedTextSchema,
  maxLabel: localizedTextSchema,
});

export const npsQuestionSchema = z.strictObject({
  ...baseShape,
  type: z.literal('nps'),
  minLabel: localizedTextSchema,
  maxLabel: localizedTextSchema,
});

export const RATING_MEASURES = ['csat', 'ces', 'attachment', 'continue', 'buyMore', 'shareOfSpend'] as const;

export const ratingQuestionSchema = z.strictObject({
  ...baseShape,
  type: z.literal('rating'),
  min: z.int(),
  max: z.int(),
  minLabel: localizedTextSchema,
  maxLabel: localizedTextSchema,
  measure: z.enum(RATING_MEASURES).optional(),
});

export const agreementQuestionSchema = z.strictObject({
  ...baseShape,
  type: z.literal('agreement'),
  force: forceKeySchema.optional(),
  keying: z.enum(['fulfilled', 'tension']).optional(),
  measure: z.literal('attachment').optional(),
  allowNotApplicable: z.boolean().optional(),
  scaleLabels: z
    .tuple([
      localizedTextSchema,
      localizedTextSchema,
      localizedTextSchema,
      localizedTextSchema,
      localizedTextSchema,
    ])
    .optional(),
  notApplicableLabel: localizedTextSchema.optional(),
});

export const singleChoiceQuestionSchema = z.strictObject({
  ...baseShape,
  type: z.literal('singleChoice'),
  options: z.array(choiceOptionSchema).min(2),
  other: z.boolean().optional(),
  otherLabel: localizedTextSchema.optional(),
  measure: z.enum(['shareOfSpend', 'criticalIncident']).optional(),
});

export const multipleChoiceQuestionSchema = z.strictObject({
  ...baseShape,
  type: z.literal('multipleChoice'),
  options: z.array(choiceOptionSchema).min(1),
  other: z.boolean().optional(),
  otherLabel: localizedTextSchema.optional(),
  minSelections: z.int().min(1).optional(),
  maxSelections: z.int().min(1).optional(),
  measure: z.literal('incidentResponse').optional(),
});

export const textQuestionSchema = z.strictObject({
  ...baseShape,
  type: z.literal('text'),
  maxLength: z.int().min(1).max(20_000).optional(),
  multiline: z.boolean().optional(),
});

export const matrixQuestionSchema = z.strictObject({
  ...baseShape,
  type: z.literal('matrix'),
  rows: z.array(z.strictObject({ id: optionValueSchema, text: localizedTextSchema })).min(1),
  scale: scaleSchema,
});

export const rankingQuestionSchema = z.strictObject({
  ...baseShape,
  type: z.literal('ranking'),
  options: z.array(choiceOptionSchema).min(2),
  measure: z.literal('preference').optional(),
  supplierOption: optionValueSchema.optional(),
});

export const DISSONANCE_VALUES = ['worse', 'inLine', 'better'] as const;

export const dissonanceQuestionSchema = z.strictObject({
  ...baseShape,
  type: z.literal('dissonance'),
  scaleLabels: z
    .strictObject({ worse: localizedTextSchema, inLine: localizedTextSchema, better: localizedTextSchema })
    .optional(),
});

export const emotionsQuestionSchema = z.strictObject({
  ...baseShape,
  type: z.literal('emotions'),
  maxPicks: z.int().min(1).max(20),
  emotions: z.array(emotionKeySchema).min(1).optional(),
  labels: z.partialRecord(emotionKeySchema, localizedTextSchema).optional(),
});

export const consentQuestionSchema = z.strictObject({
  ...baseShape,
  type: z.literal('consent'),
});

export const questionSchema = z.discriminatedUnion('type', [
  npsQuestionSchema,
  ratingQuestionSchema,
  agreementQuestionSchema,
  singleChoiceQuestionSchema,
  multipleChoiceQuestionSchema,
  textQuestionSchema,
  matrixQuestionSchema,
  rankingQuestionSchema,
  dissonanceQuestionSchema,
  emotionsQuestionSchema,
  consentQuestionSchema,
]);

export type NpsQuestion = z.infer<typeof npsQuestionSchema>;
export type RatingQuestion = z.infer<typeof ratingQuestionSchema>;
export type RatingMeasure = (typeof RATING_MEASURES)[number];
export type AgreementQuestion = z.infer<typeof agreementQuestionSchema>;
export type SingleChoiceQuestion = z.infer<typeof singleChoiceQuestionSchema>;
export type MultipleChoiceQuestion = z.infer<typeof multipleChoiceQuestionSchema>;
export type TextQuestion = z.infer<typeof textQuestionSchema>;
export type MatrixQuestion = z.infer<typeof matrixQuestionSchema>;
export type RankingQuestion = z.infer<typeof rankingQuestionSchema>;
export type DissonanceQuestion = z.infer<typeof dissonanceQuestionSchema>;
export type DissonanceValue = (typeof DISSONANCE_VALUES)[number];
export type EmotionsQuestion = z.infer<typeof emotionsQuestionSchema>;
export type ConsentQuestion = z.infer<typeof consentQuestionSchema>;
export type ChoiceOption = z.infer<typeof choiceOptionSchema>;
export type Question = z.infer<typeof questionSchema>;
export type QuestionType = Question['type'];
