import { describe, expect, it } from 'vitest';
import { EMOTION_KEYS, EXPERIENCE_EMOTIONS } from './experienceEmotions.ts';

describe('EXPERIENCE_EMOTIONS', () => {
  it('has 8 negative and 12 positive emotions with unique keys', () => {
    expect(EXPERIENCE_EMOTIONS.filter((e) => e.valence === 'negative')).toHaveLength(8);
    expect(EXPERIENCE_EMOTIONS.filter((e) => e.valence === 'positive')).toHaveLength(12);
    expect(new Set(EMOTION_KEYS).size).toBe(20);
  });

  it('labels and defines every emotion in English and Italian', () => {
    for (const emotion of EXPERIENCE_EMOTIONS) {
      for (const language of ['en', 'it'] as const) {
        expect(emotion.label[language].trim(), `${emotion.key} label ${language}`).not.toBe('');
        expect(emotion.definition[language].trim(), `${emotion.key} definition ${language}`).not.toBe('');
      }
    }
  });

  it('includes the emotions the domain names', () => {
    expect(EMOTION_KEYS).toEqual(
      expect.arrayContaining([
        'stressed',
        'frustrated',
        'unhappy',
        'safe',
        'trusting',
        'energetic',
        'happy',
        'pleased',
      ]),
    );
  });
});
