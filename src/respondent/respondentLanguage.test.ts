import { describe, expect, it } from 'vitest';
import { respondentLanguage } from './respondentLanguage.ts';

describe('respondentLanguage', () => {
  const survey = { languages: ['en', 'it', 'pt-BR'], defaultLanguage: 'it' };
  it('uses an offered language, its primary subtag, else the default', () => {
    expect(respondentLanguage(survey, 'en')).toBe('en');
    expect(respondentLanguage(survey, 'pt-BR')).toBe('pt-BR');
    expect(respondentLanguage(survey, 'en-GB')).toBe('en');
    expect(respondentLanguage(survey, 'fr')).toBe('it');
    expect(respondentLanguage(survey, '')).toBe('it');
  });
});
