import { describe, expect, it } from 'vitest';
import { detectEmotions } from './emotions.ts';
import { tokenize } from './tokenize.ts';

const emotions = (text: string, language: 'en' | 'it', score = 0) =>
  detectEmotions(text, tokenize(text), language, score);

describe('detectEmotions', () => {
  it('finds English emotions with spans on the words that express them', () => {
    const text = 'We are frustrated and honestly a bit disappointed.';
    const found = emotions(text, 'en', -0.8);
    // Equal confidence: listed in EXPERIENCE_EMOTIONS order.
    expect(found.map((e) => e.key)).toEqual(['disappointed', 'frustrated']);
    expect(found.map((e) => text.slice(e.spans[0].start, e.spans[0].end))).toEqual([
      'disappointed',
      'frustrated',
    ]);
    expect(found[0].confidence).toBeCloseTo(0.8, 10);
  });

  it('finds Italian emotions, accents and case aside', () => {
    const text = 'Siamo DELUSI, e il team è stressato.';
    const found = emotions(text, 'it', -0.7);
    expect(found.map((e) => e.key).sort()).toEqual(['disappointed', 'stressed']);
    for (const e of found)
      for (const s of e.spans) expect(text.slice(s.start, s.end).length).toBeGreaterThan(0);
  });

  it('turns a negated positive feeling into its opposite, with the negation in the span', () => {
    const text = 'We are not happy with the service.';
    const found = emotions(text, 'en', -0.6);
    expect(found.map((e) => e.key)).toEqual(['unhappy']);
    expect(text.slice(found[0].spans[0].start, found[0].spans[0].end)).toBe('not happy');
  });

  it('halves the confidence of an emotion that contradicts the comment sentiment', () => {
    const positive = emotions('They were happy to help.', 'en', 0.9)[0].confidence;
    const negative = emotions('They were happy to help.', 'en', -0.9)[0].confidence;
    expect(negative).toBeCloseTo(positive / 2, 10);
  });

  it('combines hits: two explicit hits beat one', () => {
    const one = emotions('We feel valued.', 'en')[0].confidence;
    const two = emotions('We feel valued and appreciated.', 'en')[0].confidence;
    expect(two).toBeGreaterThan(one);
  });
});
