import { describe, expect, it } from 'vitest';
import { localize } from './localizedText.ts';

describe('localize', () => {
  it('returns the wanted language', () => {
    expect(localize({ en: 'Yes', it: 'Sì' }, 'it', 'en')).toBe('Sì');
  });

  it('falls back when the language is missing or blank', () => {
    expect(localize({ en: 'Yes', it: 'Sì' }, 'fr', 'it')).toBe('Sì');
    expect(localize({ en: 'Yes', it: ' ' }, 'it', 'en')).toBe('Yes');
  });

  it('then uses any translation, else the empty string', () => {
    expect(localize({ de: 'Ja' }, 'fr', 'en')).toBe('Ja');
    expect(localize({}, 'fr', 'en')).toBe('');
  });
});
