import { describe, expect, it } from 'vitest';
import { languageName, type UiText, uiLanguage, uiText } from './uiText.ts';

/** Every string of a UiText, functions called with sample arguments, by path. */
function flatten(text: UiText): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string') out[path] = value;
    else if (typeof value === 'function') out[path] = String(value(2, 5, 'low', 'high'));
    else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) walk(child, path === '' ? key : `${path}.${key}`);
    }
  };
  walk(text, '');
  return out;
}

describe('uiText', () => {
  it('has every English string translated into Italian (no copy left in English)', () => {
    const en = flatten(uiText('en'));
    const it_ = flatten(uiText('it'));
    expect(Object.keys(it_)).toEqual(Object.keys(en));
    const sameOnPurpose = new Set<string>();
    for (const [path, english] of Object.entries(en)) {
      expect(it_[path].trim(), path).not.toBe('');
      if (it_[path] === english) sameOnPurpose.add(path);
    }
    expect([...sameOnPurpose]).toEqual([]);
  });

  it('chooses the language by primary subtag, English otherwise', () => {
    expect(uiLanguage('it-CH')).toBe('it');
    expect(uiLanguage('IT')).toBe('it');
    expect(uiLanguage('fr')).toBe('en');
    expect(uiText('it').submit).toBe('Invia');
  });

  it('writes ordinals for the ranking selects', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(uiText('en').ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '101st',
    ]);
    expect(uiText('it').ordinal(3)).toBe('3°');
  });

  it('states selection limits', () => {
    const en = uiText('en');
    expect(en.selectionHint(undefined, 3)).toBe('Choose up to 3.');
    expect(en.selectionHint(2, undefined)).toBe('Choose at least 2.');
    expect(en.selectionHint(1, 3)).toBe('Choose between 1 and 3.');
    expect(en.selectionHint(2, 2)).toBe('Choose 2.');
    expect(en.selectionHint(undefined, undefined)).toBe('');
    expect(uiText('it').selectionHint(undefined, 3)).toBe('Ne scelga fino a 3.');
  });

  it('names languages in their own language', () => {
    expect(languageName('it')).toBe('Italiano');
    expect(languageName('en')).toBe('English');
    expect(languageName('pl')).toBe('Polski');
    expect(languageName('zz-!!')).toBe('ZZ-!!');
  });
});
