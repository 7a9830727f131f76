import { z } from 'zod';
import type { LocalizedText } from './localizedText.ts';

export type EmotionValence = 'negative' | 'positive';

export type ExperienceEmotion = {
  readonly key: string;
  readonly valence: EmotionValence;
  readonly label: Readonly<LocalizedText>;
  readonly definition: Readonly<LocalizedText>;
};

/**
 * The 20 experience emotions a respondent can pick: 8 negative, 12 positive. Labels are short so they
 * fit on a phone; the definitions are help text for analysts and translators, not shown as items.
 */
export const EXPERIENCE_EMOTIONS = [
  {
    key: 'irritated',
    valence: 'negative',
    label: { en: 'Irritated', it: 'Irritato/a' },
    definition: {
      en: 'Annoyed by small things that keep going wrong.',
      it: 'Infastidito da piccoli intoppi che si ripetono.',
    },
  },
  {
    key: 'hurried',
    valence: 'negative',
    label: { en: 'Hurried', it: 'Di fretta' },
    definition: {
      en: 'Pushed to decide or act faster than feels right.',
      it: 'Spinto a decidere o agire più in fretta del necessario.',
    },
  },
  {
    key: 'neglected',
    valence: 'negative',
    label: { en: 'Neglected', it: 'Trascurato/a' },
    definition: {
      en: 'Left without the attention or follow-up that was due.',
      it: 'Lasciato senza l’attenzione o il seguito dovuti.',
    },
  },
  {
    key: 'unhappy',
    valence: 'negative',
    label: { en: 'Unhappy', it: 'Infelice' },
    definition: {
      en: 'A general low mood about how the relationship is going.',
      it: 'Uno stato d’animo negativo sull’andamento del rapporto.',
    },
  },
  {
    key: 'unsatisfied',
    valence: 'negative',
    label: { en: 'Unsatisfied', it: 'Insoddisfatto/a' },
    definition: {
      en: 'What was received fell short of what was needed.',
      it: 'Quanto ricevuto non è stato all’altezza del bisogno.',
    },
  },
  {
    key: 'stressed',
    valence: 'negative',
    label: { en: 'Stressed', it: 'Stressato/a' },
    definition: {
      en: 'Under pressure because of worry about the outcome.',
      it: 'Sotto pressione per la preoccupazione sul risultato.',
    },
  },
  {
    key: 'disappointed',
    valence: 'negative',
    label: { en: 'Disappointed', it: 'Deluso/a' },
    definition: {
      en: 'Let down after expecting something better.',
      it: 'Amareggiato dopo essersi aspettato qualcosa di meglio.',
    },
  },
  {
    key: 'frustrated',
    valence: 'negative',
    label: { en: 'Frustrated', it: 'Frustrato/a' },
    definition: {
      en: 'Blocked from getting something done despite trying.',
      it: 'Bloccato nel portare a termine qualcosa, nonostante gli sforzi.',
    },
  },
  {
    key: 'happy',
    valence: 'positive',
    label: { en: 'Happy', it: 'Felice' },
    definition: {
      en: 'Glad overall about the relationship and how it feels.',
      it: 'Contento nel complesso del rapporto e di come lo si vive.',
    },
  },
  {
    key: 'pleased',
    valence: 'positive',
    label: { en: 'Pleased', it: 'Contento/a' },
    definition: {
      en: 'Content with a result that met or beat the need.',
      it: 'Appagato da un risultato pari o superiore al bisogno.',
    },
  },
  {
    key: 'trusting',
    valence: 'positive',
    label: { en: 'Trusting', it: 'Fiducioso/a' },
    definition: {
      en: 'Willing to rely on the supplier without checking everything.',
      it: 'Disposto ad affidarsi al fornitore senza controllare tutto.',
    },
  },
  {
    key: 'valued',
    valence: 'positive',
    label: { en: 'Valued', it: 'Valorizzato/a' },
    definition: {
      en: 'Feeling that one’s business and opinion count.',
      it: 'Percepire che il proprio lavoro e la propria opinione contano.',
    },
  },
  {
    key: 'caredFor',
    valence: 'positive',
    label: { en: 'Cared for', it: 'Seguito/a con cura' },
    definition: {
      en: 'Looked after by people who pay real attention.',
      it: 'Accompagnato da persone che prestano vera attenzione.',
    },
  },
  {
    key: 'safe',
    valence: 'positive',
    label: { en: 'Safe', it: 'Al sicuro' },
    definition: {
      en: 'Protected from nasty surprises and risks.',
      it: 'Protetto da rischi e brutte sorprese.',
    },
  },
  {
    key: 'focused',
    valence: 'positive',
    label: { en: 'Focused', it: 'Concentrato/a' },
    definition: {
      en: 'Free to concentrate on one’s own work, not on chasing the supplier.',
      it: 'Libero di concentrarsi sul proprio lavoro, senza rincorrere il fornitore.',
    },
  },
  {
    key: 'indulgent',
    valence: 'positive',
    label: { en: 'Pampered', it: 'Coccolato/a' },
    definition: {
      en: 'Treated to small extras beyond what was owed.',
      it: 'Gratificato da piccoli extra oltre il dovuto.',
    },
  },
  {
    key: 'stimulated',
    valence: 'positive',
    label: { en: 'Stimulated', it: 'Stimolato/a' },
    definition: {
      en: 'Sparked by new ideas or ways of working.',
      it: 'Acceso da idee o modi di lavorare nuovi.',
    },
  },
  {
    key: 'exploratory',
    valence: 'positive',
    label: { en: 'Eager to explore', it: 'Invogliato/a a esplorare' },
    definition: {
      en: 'Keen to discover more of what the supplier offers.',
      it: 'Desideroso di scoprire altro di ciò che il fornitore offre.',
    },
  },
  {
    key: 'interested',
    valence: 'positive',
    label: { en: 'Interested', it: 'Interessato/a' },
    definition: {
      en: 'Engaged and paying attention to what comes next.',
      it: 'Coinvolto e attento a ciò che verrà.',
    },
  },
  {
    key: 'energetic',
    valence: 'positive',
    label: { en: 'Energised', it: 'Pieno/a di energia' },
    definition: {
      en: 'Lifted and motivated by working together.',
      it: 'Carico e motivato dal lavorare insieme.',
    },
  },
] as const satisfies readonly ExperienceEmotion[];

export type EmotionKey = (typeof EXPERIENCE_EMOTIONS)[number]['key'];

export const EMOTION_KEYS = EXPERIENCE_EMOTIONS.map((emotion) => emotion.key) as readonly EmotionKey[];

export const emotionKeySchema = z.enum(EMOTION_KEYS as [EmotionKey, ...EmotionKey[]]);
