import { describe, expect, it } from 'vitest';
import { SURVEY_FORCE_KEYS } from '../definition/index.ts';
import { forceItemQuestion } from './forceItemQuestion.ts';
import { FORCE_ITEMS } from './forceItems.ts';

describe('FORCE_ITEMS', () => {
  it.each(SURVEY_FORCE_KEYS)('has at least 2 fulfilled and 1 tension relationship item for %s', (force) => {
    const items = FORCE_ITEMS.filter((item) => item.force === force && item.use === 'relationship');
    expect(items.filter((item) => item.keying === 'fulfilled').length).toBeGreaterThanOrEqual(2);
    expect(items.filter((item) => item.keying === 'tension').length).toBeGreaterThanOrEqual(1);
  });

  it.each(SURVEY_FORCE_KEYS)('has exactly one touchpoint item for %s, keyed fulfilled', (force) => {
    const items = FORCE_ITEMS.filter((item) => item.force === force && item.use === 'touchpoint');
    expect(items.map((item) => item.keying)).toEqual(['fulfilled']);
  });

  it('words every item in English and Italian, each different', () => {
    for (const item of FORCE_ITEMS) {
      expect(Object.keys(item.text).sort(), item.id).toEqual(['en', 'it']);
      expect(item.text.en.trim(), item.id).not.toBe('');
      expect(item.text.it.trim(), item.id).not.toBe('');
      expect(item.text.it, item.id).not.toBe(item.text.en);
    }
    expect(new Set(FORCE_ITEMS.map((item) => item.text.en)).size).toBe(FORCE_ITEMS.length);
    expect(new Set(FORCE_ITEMS.map((item) => item.text.it)).size).toBe(FORCE_ITEMS.length);
  });

  it('has unique ids that name the Force and the keying', () => {
    expect(new Set(FORCE_ITEMS.map((item) => item.id)).size).toBe(FORCE_ITEMS.length);
    for (const item of FORCE_ITEMS) {
      const letter = item.use === 'touchpoint' ? 'p' : item.keying === 'fulfilled' ? 'f' : 't';
      expect(item.id).toMatch(new RegExp(`^${item.force}\\.${letter}\\d+$`));
    }
  });

  it('becomes an agreement question carrying the Force and keying', () => {
    const item = FORCE_ITEMS.find((candidate) => candidate.id === 'status.t1');
    expect(item).toBeDefined();
    expect(forceItemQuestion(item!, { allowNotApplicable: false, required: true })).toEqual({
      id: 'status.t1',
      type: 'agreement',
      text: item!.text,
      force: 'status',
      keying: 'tension',
      allowNotApplicable: false,
      required: true,
    });
  });
});
