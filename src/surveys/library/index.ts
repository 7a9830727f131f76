export { ATTACHMENT_ITEMS } from './attachmentItems.ts';
export { finishTemplate, LIBRARY_LANGUAGES, type LibraryLanguage } from './finishTemplate.ts';
export { forceItemQuestion } from './forceItemQuestion.ts';
export { FORCE_ITEMS, type ForceItem } from './forceItems.ts';
export {
  CRITICAL_INCIDENT_ID,
  OUTCOME_ITEMS,
  type OutcomeItems,
  PULSE_ITEMS,
  type PulseItems,
} from './outcomeItems.ts';
export { type RelationshipSurveyOptions, relationshipSurveyTemplate } from './relationshipSurveyTemplate.ts';
export { type TouchpointPulseOptions, touchpointPulseTemplate } from './touchpointPulseTemplate.ts';
