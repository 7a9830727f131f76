import { describe, expect, it } from 'vitest';
import { createProfileDetector, trainLanguageProfile } from './languageDetection.ts';
import { loadModel } from './modelFiles.ts';
import { decodeAscending, dequantiseColumns, encodeAscending, quantiseColumns } from './quantise.ts';

describe('trigram-profile language detector', () => {
  const detector = createProfileDetector(loadModel().languageProfile);

  it('tells English from Italian', () => {
    expect(detector.detect('The engineer never turned up and nobody called us back.').language).toBe('en');
    expect(detector.detect('Il tecnico non si è presentato e nessuno ci ha richiamato.').language).toBe('it');
  });

  it('says other for text with no letters or in another script', () => {
    expect(detector.detect('12345 !!!').language).toBe('other');
    expect(detector.detect('Служба поддержки работает медленно').language).toBe('other');
  });

  it('is learned from texts deterministically', () => {
    const texts = { en: ['the delivery was late'], it: ['la consegna era in ritardo'] };
    expect(trainLanguageProfile(texts)).toEqual(trainLanguageProfile(texts));
    expect(createProfileDetector(trainLanguageProfile(texts)).detect('the late delivery').language).toBe(
      'en',
    );
  });
});

describe('model number storage', () => {
  it('round-trips ascending integers exactly and weights within half a quantisation step', () => {
    const sorted = [0, 1, 127, 128, 16384, 262143];
    expect(Array.from(decodeAscending(encodeAscending(sorted)))).toEqual(sorted);
    const weights = Float64Array.of(0.5, -2, 0.01, 1.3, -0.7, 0.2);
    const stored = quantiseColumns(weights, 2);
    const back = dequantiseColumns(stored);
    weights.forEach((w, i) => {
      expect(Math.abs(back[i] - w)).toBeLessThanOrEqual(stored.scales[i % 2] / 2 + 1e-12);
    });
  });
});
