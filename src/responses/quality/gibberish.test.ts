import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLEANING_RULES } from './cleaningRules.ts';
import { isGibberish } from './gibberish.ts';
import { GENUINE_COMMENTS, GIBBERISH_COMMENTS } from './sampleComments.fixture.ts';

const defaults = DEFAULT_CLEANING_RULES.gibberish;
const only = (overrides: Partial<typeof defaults>) => ({
  ...defaults,
  maxConsonantRun: 100,
  maxKeyboardRun: 100,
  minVowelShare: 0,
  ...overrides,
});

describe('isGibberish on sample comments', () => {
  it('has at least 30 genuine and 20 gibberish samples', () => {
    expect(GENUINE_COMMENTS.length).toBeGreaterThanOrEqual(30);
    expect(GIBBERISH_COMMENTS).toHaveLength(20);
  });

  it('flags none of the genuine English and Italian comments', () => {
    expect(GENUINE_COMMENTS.filter((comment) => isGibberish(comment))).toEqual([]);
    expect(GENUINE_COMMENTS.filter((comment) => isGibberish(comment, 'it'))).toEqual([]);
  });

  it('catches at least 18 of the 20 gibberish comments', () => {
    const missed = GIBBERISH_COMMENTS.filter((comment) => !isGibberish(comment));
    expect(missed.length).toBeLessThanOrEqual(2);
    expect(missed).toEqual(['asdf']);
  });

  const corpus = new URL('../../../data/text/corpus/', import.meta.url);
  it.skipIf(!existsSync(corpus))('flags none of the labelled English and Italian comment corpus', () => {
    const comments = ['en', 'it'].flatMap((language) =>
      readdirSync(new URL(`${language}/`, corpus)).flatMap((file) =>
        readFileSync(new URL(`${language}/${file}`, corpus), 'utf8')
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => ({ language, text: (JSON.parse(line) as { text: string }).text })),
      ),
    );
    expect(comments.length).toBeGreaterThan(1000);
    expect(comments.filter(({ text, language }) => isGibberish(text, language))).toEqual([]);
  });
});

describe('isGibberish signals at their boundaries', () => {
  it('never judges empty text, numbers or punctuation', () => {
    for (const text of ['', '   ', '42', '1.000 €', '!!!!!!!!', '......', '???', '---']) {
      expect(isGibberish(text), text).toBe(false);
    }
  });

  it('held-down letter: five or more times', () => {
    expect(isGibberish('qqqq')).toBe(false);
    expect(isGibberish('qqqqq')).toBe(true);
    expect(isGibberish('qqqq', undefined, { ...defaults, minRepeatedLetter: 4 })).toBe(true);
  });

  it('shortens elongated emphasis before judging', () => {
    for (const text of ['Sooooo gooooood', 'grrrrrrrr', 'hmmmmmmmm', 'NOOOOOOO', 'pfffffft']) {
      expect(isGibberish(text), text).toBe(false);
    }
  });

  it('judges only words of six letters or more', () => {
    expect(isGibberish('zxcvb')).toBe(false);
    expect(isGibberish('zxcvbn')).toBe(true);
    expect(isGibberish('zxcvb', undefined, { ...defaults, minWordLength: 5 })).toBe(true);
  });

  it('vowel share: a judged word needs at least 10% vowels', () => {
    const rules = only({ minVowelShare: 0.1 });
    expect(isGibberish('bcbcbcbcba', undefined, rules)).toBe(false); // 1 of 10
    expect(isGibberish('bcbcbcbcbcba', undefined, rules)).toBe(true); // 1 of 12
    expect(isGibberish('bcbcbcbcbcba', undefined, only({}))).toBe(false);
  });

  it('consonant run: up to six is real ("Knightsbridge"), seven is not', () => {
    expect(isGibberish('Knightsbridge')).toBe(false);
    expect(isGibberish('hfjdksla')).toBe(true);
    expect(isGibberish('Knightsbridge', undefined, { ...defaults, maxConsonantRun: 5 })).toBe(true);
  });

  it('keyboard run: up to five neighbouring keys is real ("werewolf"), six is not', () => {
    expect(isGibberish('werewolf')).toBe(false);
    expect(isGibberish('asdfgh')).toBe(true);
    expect(isGibberish('qwertyuiop')).toBe(true);
    expect(isGibberish('werewolf', undefined, { ...defaults, maxKeyboardRun: 4 })).toBe(true);
  });

  it('knows the AZERTY and QWERTZ rows too', () => {
    const keyboardOnly = only({ maxKeyboardRun: 5 });
    expect(isGibberish('azertyu', undefined, keyboardOnly)).toBe(true);
    expect(isGibberish('qwertzuio', undefined, keyboardOnly)).toBe(true);
    expect(isGibberish('aqzsedrf', undefined, keyboardOnly)).toBe(false);
  });

  it('share of implausible letters: more than half', () => {
    expect(isGibberish('asdfgh barel')).toBe(true); // 6 of 11 letters
    expect(isGibberish('asdfgh barely')).toBe(false); // 6 of 12
    expect(isGibberish('asdfgh is not a real word')).toBe(false);
    expect(isGibberish('asdfgh barely', undefined, { ...defaults, maxImplausibleShare: 0.4 })).toBe(true);
  });

  it('repeated chunk: three repeats of a vowelless or keyboard chunk', () => {
    expect(isGibberish('xzxzxz')).toBe(true);
    expect(isGibberish('xzxzx')).toBe(false);
    expect(isGibberish('asd asd asd')).toBe(true);
    expect(isGibberish('sdfg sdfg')).toBe(false);
    expect(isGibberish('sdfg sdfg', undefined, { ...defaults, minRepeats: 2 })).toBe(true);
  });

  it('repeated chunk: emphatic repeats with real syllables pass', () => {
    for (const text of ['no no no', 'hahahaha', 'bene bene bene', 'nope nope nope', 'ok ok ok', 'ab ab ab']) {
      expect(isGibberish(text), text).toBe(false);
    }
  });

  it('skips codes, links, e-mail addresses and short acronyms', () => {
    for (const text of [
      'ORD-QWRTZ-991',
      'XKCDF',
      'HTTPS SFTP',
      'https://sdfghjkl.example',
      'www.zxcvbnm.example',
      'zxcvbnm@example.com',
      'ref ab12cd3 qwrtzpsdfg9',
    ]) {
      expect(isGibberish(text), text).toBe(false);
    }
    expect(isGibberish('ASDFGHJKL')).toBe(true);
  });

  it('strips accents and ignores other scripts', () => {
    expect(isGibberish('perché così tanto ritardo?')).toBe(false);
    expect(isGibberish('привет, всё хорошо')).toBe(false);
    expect(isGibberish('ありがとうございます')).toBe(false);
  });

  it('judges only languages its signals suit', () => {
    expect(isGibberish('zxcvbnm', 'en')).toBe(true);
    expect(isGibberish('zxcvbnm', 'it')).toBe(true);
    expect(isGibberish('zxcvbnm', 'pt-BR')).toBe(true);
    expect(isGibberish('zxcvbnm', 'IT')).toBe(true);
    // Czech writes syllables without vowels ("čtvrthrst"), so nothing is flagged there.
    expect(isGibberish('čtvrthrst', 'cs')).toBe(false);
    expect(isGibberish('zxcvbnm', 'cs')).toBe(false);
  });
});
