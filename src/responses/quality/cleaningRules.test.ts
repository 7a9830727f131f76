import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  type CleaningRules,
  type CleaningRulesOverrides,
  cleaningRulesSchema,
  DEFAULT_CLEANING_RULES,
  resolveCleaningRules,
} from './cleaningRules.ts';
import { QUALITY_FLAGS } from './qualityFlag.ts';

describe('DEFAULT_CLEANING_RULES', () => {
  it('holds the documented defaults', () => {
    expect(DEFAULT_CLEANING_RULES.speederShareOfMedian).toBe(0.33);
    expect(DEFAULT_CLEANING_RULES.minSecondsPerQuestion).toBe(1);
    expect(DEFAULT_CLEANING_RULES.straightLineMinItems).toBe(6);
    expect(DEFAULT_CLEANING_RULES.duplicateWindowHours).toBe(24);
    expect([...DEFAULT_CLEANING_RULES.excludeFlags].sort()).toEqual([...QUALITY_FLAGS].sort());
  });

  it('is frozen, so no caller can change the defaults of every survey', () => {
    expect(Object.isFrozen(DEFAULT_CLEANING_RULES)).toBe(true);
    expect(Object.isFrozen(DEFAULT_CLEANING_RULES.gibberish)).toBe(true);
    expect(Object.isFrozen(DEFAULT_CLEANING_RULES.excludeFlags)).toBe(true);
  });
});

describe('cleaningRulesSchema / resolveCleaningRules', () => {
  it('turns no overrides into the defaults', () => {
    expect(cleaningRulesSchema.parse({})).toEqual(DEFAULT_CLEANING_RULES);
    expect(resolveCleaningRules()).toEqual(DEFAULT_CLEANING_RULES);
    expect(resolveCleaningRules(null)).toEqual(DEFAULT_CLEANING_RULES);
  });

  it('merges a partial override field by field, nested gibberish thresholds included', () => {
    const rules = resolveCleaningRules({ speederShareOfMedian: 0.5, gibberish: { minWordLength: 7 } });
    expect(rules.speederShareOfMedian).toBe(0.5);
    expect(rules.gibberish.minWordLength).toBe(7);
    expect(rules.gibberish.maxConsonantRun).toBe(DEFAULT_CLEANING_RULES.gibberish.maxConsonantRun);
    expect(rules.duplicateWindowHours).toBe(24);
    expect(rules.excludeFlags).toEqual(DEFAULT_CLEANING_RULES.excludeFlags);
  });

  it('lets a survey record flags without excluding anything', () => {
    expect(resolveCleaningRules({ excludeFlags: [] }).excludeFlags).toEqual([]);
    expect(resolveCleaningRules({ excludeFlags: ['bot', 'duplicate'] }).excludeFlags).toEqual([
      'bot',
      'duplicate',
    ]);
  });

  it('gives each survey its own flag list', () => {
    const first = resolveCleaningRules();
    (first.excludeFlags as string[]).length = 0;
    expect(resolveCleaningRules().excludeFlags).toHaveLength(QUALITY_FLAGS.length);
  });

  it('accepts the boundaries of each range', () => {
    expect(() =>
      resolveCleaningRules({
        speederShareOfMedian: 0,
        minSecondsPerQuestion: 0,
        straightLineMinItems: 2,
        duplicateWindowHours: 0,
        gibberish: { minVowelShare: 1, maxImplausibleShare: 0 },
      }),
    ).not.toThrow();
    expect(() => resolveCleaningRules({ speederShareOfMedian: 1 })).not.toThrow();
  });

  it.each([
    [{ speederShareOfMedian: 1.01 }],
    [{ speederShareOfMedian: -0.1 }],
    [{ minSecondsPerQuestion: -1 }],
    [{ straightLineMinItems: 1 }],
    [{ straightLineMinItems: 6.5 }],
    [{ duplicateWindowHours: -1 }],
    [{ excludeFlags: ['fraud'] }],
    [{ gibberish: { minVowelShare: 2 } }],
    [{ gibberish: { minRepeats: 1 } }],
    [{ speederShare: 0.3 }],
    [{ gibberish: { vowels: 0.2 } }],
    [{ speederShareOfMedian: '0.3' }],
  ])('rejects %j', (overrides) => {
    expect(() => resolveCleaningRules(overrides)).toThrow();
  });

  it('documents every field, for the API reference', () => {
    const shape = cleaningRulesSchema.shape;
    for (const [key, field] of Object.entries(shape)) expect(field.description, key).toBeTruthy();
    for (const [key, field] of Object.entries(shape.gibberish.unwrap().shape)) {
      expect(field.description, `gibberish.${key}`).toBeTruthy();
    }
  });

  it('parses to the CleaningRules shape and accepts partial overrides (checked by tsc)', () => {
    expectTypeOf<z.output<typeof cleaningRulesSchema>>().toExtend<CleaningRules>();
    expectTypeOf<{ gibberish: { minWordLength: number } }>().toExtend<CleaningRulesOverrides>();
    expectTypeOf<{ excludeFlags: 'bot'[] }>().toExtend<CleaningRulesOverrides>();
  });
});
