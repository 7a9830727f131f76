/**
 * Cleaning rules: the thresholds that decide when a response is flagged as low quality, and which
 * flags keep a response out of analysis. Every response is kept; flags only mark it for review.
 * A survey can override any rule; the overrides are merged onto `DEFAULT_CLEANING_RULES`.
 */

import { z } from 'zod';
import { QUALITY_FLAGS, type QualityFlag } from './qualityFlag.ts';

/** Thresholds of the dictionary-free gibberish check on verbatim comments (see `gibberish.ts`). */
export type GibberishThresholds = {
  /** A word that is one letter typed at least this many times ("qqqqq") is implausible. */
  readonly minRepeatedLetter: number;
  /**
   * Shortest word (after shortening elongations like "sooooo" to "soo") that the word signals judge.
   * Shorter words are never judged, so "ok", "thx", "pls", "hmm" and "n/a" are always accepted.
   */
  readonly minWordLength: number;
  /** A judged word whose share of vowels (a e i o u y) is below this is implausible ("zxcvbnm"). */
  readonly minVowelShare: number;
  /**
   * A judged word with a longer run of consonants is implausible ("hfjdksla" has 7). Real words reach
   * 5 ("strengths") and names 6 ("Knightsbridge").
   */
  readonly maxConsonantRun: number;
  /**
   * A judged word with a longer run of neighbouring keys on one keyboard row (QWERTY, QWERTZ or
   * AZERTY) is implausible ("asdfgh", "qwertyuiop"). Real words reach 4 ("were"), rarely 5 ("werewolf").
   */
  readonly maxKeyboardRun: number;
  /**
   * A comment whose letters are one short chunk repeated at least this many times is gibberish when
   * the chunk has no vowel or is itself a keyboard run ("xzxzxz", "asdasdasd"; not "no no no").
   */
  readonly minRepeats: number;
  /** A comment is gibberish when implausible words make up more than this share of its letters. */
  readonly maxImplausibleShare: number;
};

/** The cleaning rules of a survey. */
export type CleaningRules = {
  /**
   * A response that took less than this share of the survey's median duration is a speeder.
   * 0.33: faster than a third of the median. 0 turns the check off.
   */
  readonly speederShareOfMedian: number;
  /**
   * Bot check: a response faster than this many seconds per answered question is too fast for a
   * person to have read the questions. 0 turns the check off.
   */
  readonly minSecondsPerQuestion: number;
  /** Identical answers to at least this many agreement items (and no other answer) is straight-lining. */
  readonly straightLineMinItems: number;
  /** A second response of the same contact or anonymous fingerprint within this many hours is a duplicate. */
  readonly duplicateWindowHours: number;
  /** Thresholds of the gibberish check on comments. */
  readonly gibberish: GibberishThresholds;
  /** Flags that leave the response out of analysis. Other flags are recorded but not excluded. */
  readonly excludeFlags: readonly QualityFlag[];
};

/** The defaults a survey starts from; each value is explained on `CleaningRules`. */
export const DEFAULT_CLEANING_RULES: CleaningRules = Object.freeze({
  speederShareOfMedian: 0.33,
  minSecondsPerQuestion: 1,
  straightLineMinItems: 6,
  duplicateWindowHours: 24,
  gibberish: Object.freeze({
    minRepeatedLetter: 5,
    minWordLength: 6,
    minVowelShare: 0.1,
    maxConsonantRun: 6,
    maxKeyboardRun: 5,
    minRepeats: 3,
    maxImplausibleShare: 0.5,
  }),
  excludeFlags: Object.freeze([...QUALITY_FLAGS]),
});

const gibberishDefaults = DEFAULT_CLEANING_RULES.gibberish;

const gibberishThresholdsSchema = z.strictObject({
  minRepeatedLetter: z
    .int()
    .min(2)
    .default(gibberishDefaults.minRepeatedLetter)
    .describe('A word that is one letter typed at least this many times ("qqqqq") is implausible.'),
  minWordLength: z
    .int()
    .min(2)
    .default(gibberishDefaults.minWordLength)
    .describe(
      'Shortest word the word signals judge; shorter words ("ok", "thx", "n/a") are always accepted.',
    ),
  minVowelShare: z
    .number()
    .min(0)
    .max(1)
    .default(gibberishDefaults.minVowelShare)
    .describe('A judged word with a smaller share of vowels (a e i o u y) is implausible.'),
  maxConsonantRun: z
    .int()
    .min(1)
    .default(gibberishDefaults.maxConsonantRun)
    .describe('A judged word with a longer run of consonants is implausible.'),
  maxKeyboardRun: z
    .int()
    .min(1)
    .default(gibberishDefaults.maxKeyboardRun)
    .describe('A judged word with a longer run of neighbouring keys on one keyboard row is implausible.'),
  minRepeats: z
    .int()
    .min(2)
    .default(gibberishDefaults.minRepeats)
    .describe('A comment that repeats one vowelless or keyboard-run chunk this many times is gibberish.'),
  maxImplausibleShare: z
    .number()
    .min(0)
    .max(1)
    .default(gibberishDefaults.maxImplausibleShare)
    .describe('A comment is gibberish when implausible words make up more than this share of its letters.'),
});

/**
 * Per-survey cleaning rules as the API accepts them: every field is optional and falls back to
 * `DEFAULT_CLEANING_RULES` (the `gibberish` thresholds too, field by field); unknown fields are
 * rejected. Parsing yields complete `CleaningRules`.
 */
export const cleaningRulesSchema = z
  .strictObject({
    speederShareOfMedian: z
      .number()
      .min(0)
      .max(1)
      .default(DEFAULT_CLEANING_RULES.speederShareOfMedian)
      .describe('A response faster than this share of the median duration is a speeder (0 = off).'),
    minSecondsPerQuestion: z
      .number()
      .min(0)
      .default(DEFAULT_CLEANING_RULES.minSecondsPerQuestion)
      .describe('Bot check: fewer seconds than this per answered question is too fast to read (0 = off).'),
    straightLineMinItems: z
      .int()
      .min(2)
      .default(DEFAULT_CLEANING_RULES.straightLineMinItems)
      .describe('Identical answers to at least this many agreement items is straight-lining.'),
    duplicateWindowHours: z
      .number()
      .min(0)
      .default(DEFAULT_CLEANING_RULES.duplicateWindowHours)
      .describe(
        'A second response of the same contact or fingerprint within this many hours is a duplicate.',
      ),
    gibberish: gibberishThresholdsSchema
      .prefault({})
      .describe('Thresholds of the gibberish check on comments.'),
    excludeFlags: z
      .array(z.enum(QUALITY_FLAGS))
      .default(() => [...DEFAULT_CLEANING_RULES.excludeFlags])
      .describe('Flags that leave a response out of analysis (default: all of them).'),
  })
  .describe(
    'Cleaning rules of a survey; omitted fields take the defaults.',
  ) satisfies z.ZodType<CleaningRules>;

/** Per-survey overrides as sent to the API or stored with the survey: any subset of the rules. */
export type CleaningRulesOverrides = z.input<typeof cleaningRulesSchema>;

/**
 * The complete rules of a survey: its overrides merged onto the defaults, field by field.
 * @param overrides the survey's overrides (untrusted input is checked); none means the defaults
 * @returns the complete rules
 * @throws ZodError when an override is out of range or unknown
 * @example resolveCleaningRules({ gibberish: { minWordLength: 7 } }).gibberish.maxConsonantRun // 6
 */
export function resolveCleaningRules(overrides: unknown = {}): CleaningRules {
  return cleaningRulesSchema.parse(overrides ?? {});
}
