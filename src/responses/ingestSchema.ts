import { z } from 'zod';

export const hiddenValuesSchema = z
  .record(z.string().max(64), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]))
  .describe('Values for the hidden fields the survey declares (account, touchpoint, order reference…)');

export const postResponseBody = z.strictObject({
  answers: z
    .record(z.string().max(64), z.unknown())
    .describe('Answers keyed by question id, typed per question (see docs/survey-format.md)'),
  hidden: hiddenValuesSchema.default({}),
  contactId: z.string().uuid().optional().describe('The contact who answered'),
  contactEmail: z.string().email().max(320).optional().describe('Or the contact, by email'),
  accountId: z.string().uuid().optional().describe('The account; defaults to the contact’s'),
  accountExternalId: z.string().max(200).optional().describe('Or the account, by CRM id'),
  touchpointKey: z.string().max(100).optional().describe('The touchpoint the response is about'),
  language: z
    .string()
    .regex(/^[a-z]{2}(-[A-Z]{2})?$/)
    .default('en')
    .describe('Language the survey was answered in'),
  channel: z
    .string()
    .max(40)
    .default('api')
    .describe('Where the response came from (api, web, widget, email…)'),
  startedAt: z.iso.datetime({ offset: true }).optional().describe('When the respondent started'),
});

export const postResponseHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Retries with the same key return the first response instead of creating another'),
});

export const postResponseReply = z.object({
  responseId: z.string(),
  created: z.boolean().describe('false when an earlier request with the same Idempotency-Key stored it'),
});
