/**
 * Response quality and fraud detection: pure checks that flag speeders, straight-liners,
 * duplicates, bots and gibberish comments under per-survey cleaning rules. Flagged responses are
 * kept, left out of analysis by default, and can be reviewed and restored.
 */

export { type BotCheckInput, type BotSignal, botSignals } from './bot.ts';
export {
  type CleaningRules,
  type CleaningRulesOverrides,
  cleaningRulesSchema,
  DEFAULT_CLEANING_RULES,
  type GibberishThresholds,
  resolveCleaningRules,
} from './cleaningRules.ts';
export {
  type DuplicateCandidate,
  type FingerprintInput,
  isDuplicate,
  responseFingerprint,
} from './duplicate.ts';
export { isGibberish } from './gibberish.ts';
export { QUALITY_FLAGS, type QualityFlag } from './qualityFlag.ts';
export { type QualityCheckInput, type QualityVerdict, qualityFlags } from './qualityFlags.ts';
export { isSpeeder } from './speeder.ts';
export { isStraightLiner } from './straightLining.ts';
