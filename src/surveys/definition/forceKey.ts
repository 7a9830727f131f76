import { z } from 'zod';

/**
 * The six Forces of CX, as a survey item may tag them. Kept local to the survey format (the Forces
 * core lives elsewhere); the union is identical, so the two types are interchangeable.
 */
export const SURVEY_FORCE_KEYS = [
  'certainty',
  'control',
  'fairTreatment',
  'belonging',
  'status',
  'enjoyment',
] as const;

export const forceKeySchema = z.enum(SURVEY_FORCE_KEYS);

export type ForceKey = z.infer<typeof forceKeySchema>;
