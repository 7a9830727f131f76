import { z } from 'zod';
import { conditionSchema } from './condition.ts';
import { languageCodeSchema, localizedTextSchema } from './localizedText.ts';
import { questionSchema } from './questionSchema.ts';
import { collectDefinitionIssues } from './validateSurveyDefinition.ts';

/** The only format version this code reads and writes. */
export const SURVEY_FORMAT_VERSION = 1;

const elementIdSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'Ids start with a letter; letters, digits, _ . - up to 64');

export const hiddenFieldNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'Hidden field names start with a letter; letters, digits, _');

export const blockSchema = z.strictObject({
  id: elementIdSchema,
  randomize: z.boolean().optional(),
  questions: z.array(questionSchema).min(1),
});

export const skipRuleSchema = z.strictObject({
  when: conditionSchema,
  to: z.string().min(1),
});

export const pageSchema = z.strictObject({
  id: elementIdSchema,
  title: localizedTextSchema.optional(),
  description: localizedTextSchema.optional(),
  blocks: z.array(blockSchema).min(1),
  skipTo: z.array(skipRuleSchema).optional(),
});

/**
 * A survey definition, format version 1: the shape, then the cross-field rules of
 * `validateSurveyDefinition` (unique ids, logic that only looks back, complete translations…).
 */
export const surveyDefinitionSchema = z
  .strictObject({
    formatVersion: z.literal(SURVEY_FORMAT_VERSION),
    title: localizedTextSchema,
    description: localizedTextSchema.optional(),
    languages: z.array(languageCodeSchema).min(1),
    defaultLanguage: languageCodeSchema,
    hiddenFields: z.array(hiddenFieldNameSchema).optional(),
    pages: z.array(pageSchema).min(1),
    thankYou: localizedTextSchema.optional(),
  })
  .superRefine((definition, ctx) => {
    for (const issue of collectDefinitionIssues(definition)) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: [...issue.segments] });
    }
  });

export type SurveyDefinition = z.infer<typeof surveyDefinitionSchema>;
export type Page = z.infer<typeof pageSchema>;
export type Block = z.infer<typeof blockSchema>;
export type SkipRule = z.infer<typeof skipRuleSchema>;
