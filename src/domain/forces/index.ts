/**
 * The Forces measurement core: the Forces framework as versioned data and the pure scoring of
 * Force items, NPS, CSAT, CES, relationship segments and relationship strength.
 */

export { type CesScale, cesEasy, cesEasyShare, cesScore, DEFAULT_CES_SCALE } from './ces.ts';
export { csatPoints, csatTopTwoBox, csatTopTwoBoxShare } from './csat.ts';
export {
  type AgreementScale,
  agreementToPoints,
  DEFAULT_AGREEMENT_SCALE,
  FORCE_TOP_BOX_THRESHOLD,
  type ForceItem,
  forceScore,
  forceTopBox,
  type Keying,
} from './forceScore.ts';
export {
  FORCE_KEYS,
  FORCES_2019,
  FORCES_B2B_2024,
  type Force,
  type ForceFacet,
  type ForceKey,
  type Framework,
  frameworkProblems,
  isForceKey,
  type LocalizedText,
  mapForceKey,
  mapForceScores,
} from './framework.ts';
export { type NpsCategory, netPromoterScore, npsCategory, npsPoints } from './nps.ts';
export {
  DEFAULT_SEGMENT_RULES,
  type RelationshipSegment,
  relationshipSegment,
  type SegmentInput,
  type SegmentResult,
  type SegmentRules,
} from './relationshipSegment.ts';
export {
  DEFAULT_LOCK_IN_RULES,
  DEFAULT_MIN_OUTCOMES,
  DEFAULT_STRENGTH_WEIGHTS,
  isLockedIn,
  type LockInInput,
  type LockInRules,
  OUTCOME_KEYS,
  type OutcomeKey,
  outcomePoints,
  type RelationshipOutcomes,
  relationshipStrength,
  type StrengthWeights,
} from './relationshipStrength.ts';
