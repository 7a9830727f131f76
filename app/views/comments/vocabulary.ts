/**
 * The label vocabulary the comments view offers. Emotion names come with the list (a type keeps it
 * complete against the survey's emotions); Forces, polarities and sentiments are the API's enums.
 */
import type { EmotionKey } from '../../../src/surveys/definition/experienceEmotions.ts';

export const POLARITIES = ['fulfilled', 'tension'] as const;
export const SENTIMENTS = ['positive', 'negative', 'mixed', 'neutral'] as const;
/** The comment languages the listing filters by. */
export const COMMENT_LANGUAGES = ['en', 'it', 'other'] as const;

export const EMOTION_NAMES: Record<EmotionKey, { en: string; it: string }> = {
  irritated: { en: 'Irritated', it: 'Irritato/a' },
  hurried: { en: 'Hurried', it: 'Di fretta' },
  neglected: { en: 'Neglected', it: 'Trascurato/a' },
  unhappy: { en: 'Unhappy', it: 'Infelice' },
  unsatisfied: { en: 'Unsatisfied', it: 'Insoddisfatto/a' },
  stressed: { en: 'Stressed', it: 'Stressato/a' },
  disappointed: { en: 'Disappointed', it: 'Deluso/a' },
  frustrated: { en: 'Frustrated', it: 'Frustrato/a' },
  happy: { en: 'Happy', it: 'Felice' },
  pleased: { en: 'Pleased', it: 'Contento/a' },
  trusting: { en: 'Trusting', it: 'Fiducioso/a' },
  valued: { en: 'Valued', it: 'Valorizzato/a' },
  caredFor: { en: 'Cared for', it: 'Seguito/a con cura' },
  safe: { en: 'Safe', it: 'Al sicuro' },
  focused: { en: 'Focused', it: 'Concentrato/a' },
  indulgent: { en: 'Pampered', it: 'Coccolato/a' },
  stimulated: { en: 'Stimulated', it: 'Stimolato/a' },
  exploratory: { en: 'Eager to explore', it: 'Invogliato/a a esplorare' },
  interested: { en: 'Interested', it: 'Interessato/a' },
  energetic: { en: 'Energised', it: 'Pieno/a di energia' },
};
export const EMOTIONS = Object.keys(EMOTION_NAMES) as EmotionKey[];

/** The built-in codeframe's topics (an organisation's own topics come from GET /text/topics). */
export const BUILT_IN_TOPICS = [
  'billing',
  'pricing',
  'delivery',
  'support',
  'onboarding',
  'digitalChannels',
  'accountManagement',
  'communication',
  'contract',
  'fieldService',
  'productQuality',
  'sustainability',
] as const;
