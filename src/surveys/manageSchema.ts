import { z } from 'zod';

export const surveyKindSchema = z.enum(['relationship', 'touchpoint', 'pulse', 'employee']);

export const createSurveyBody = z.strictObject({
  name: z.string().min(1).max(200).describe('Internal name of the survey'),
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{2,79}$/)
    .optional()
    .describe('URL name for the open link (/s/open/<slug>); generated when absent'),
  kind: surveyKindSchema.describe('relationship (per account contact), touchpoint, pulse or employee'),
  touchpointKey: z.string().max(100).optional().describe('The touchpoint a transactional survey attaches to'),
  definition: z.record(z.string(), z.unknown()).describe('The survey definition (docs/survey-format.md)'),
});

export const draftBody = z.strictObject({
  definition: z.record(z.string(), z.unknown()).describe('The whole new draft definition'),
});

export const translationBody = z.strictObject({
  texts: z
    .record(z.string().max(300), z.string().max(5000))
    .describe('Translated texts keyed by their path, e.g. "pages[0].blocks[0].questions[1].text"'),
});

export const linkBody = z.strictObject({
  contactId: z.string().uuid().optional().describe('A personal single-use link for this contact'),
  hidden: z
    .record(z.string().max(64), z.string().max(500))
    .default({})
    .describe('Hidden fields to pass (signed)'),
  language: z.enum(['en', 'it']).optional().describe('Language of a personal link (default: the contact’s)'),
  expiresInDays: z.number().int().min(1).max(365).default(30).describe('Days a personal link stays valid'),
});

export const issueList = z.array(z.object({ path: z.string(), message: z.string() }));

export const settingsBody = z.strictObject({
  cleaningRules: z
    .record(z.string(), z.unknown())
    .optional()
    .describe(
      'Overrides of the quality rules (speeders, straight-liners, duplicates, bots, gibberish); see the cleaning rules schema',
    ),
  widgetOrigins: z
    .array(z.url().max(300))
    .max(50)
    .optional()
    .describe('Web origins (https://app.example.com) allowed to post through the feedback widget'),
});
