import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenize.ts';
import { evaluateTopicRule, parseTopicRule, TopicRuleError } from './topicRule.ts';
import { compileCodeframe, matchTopics } from './topics.ts';

const matches = (rule: string, text: string) =>
  evaluateTopicRule(parseTopicRule(rule), tokenize(text)).matched;

function errorOf(rule: string): TopicRuleError {
  try {
    parseTopicRule(rule);
  } catch (error) {
    if (error instanceof TopicRuleError) return error;
    throw error;
  }
  throw new Error(`"${rule}" parsed without error`);
}

describe('parseTopicRule', () => {
  it('binds AND tighter than OR', () => {
    // a OR (b AND c): true with a alone, false with b alone.
    expect(matches('late OR invoice AND wrong', 'late again')).toBe(true);
    expect(matches('late OR invoice AND wrong', 'invoice received')).toBe(false);
    expect(matches('late OR invoice AND wrong', 'invoice wrong')).toBe(true);
  });

  it('lets parentheses override precedence', () => {
    expect(matches('(late OR invoice) AND wrong', 'late again')).toBe(false);
    expect(matches('(late OR invoice) AND wrong', 'late and wrong')).toBe(true);
  });

  it('negates with NOT, which binds tighter than AND', () => {
    const rule = '(invoice OR billing) AND NOT thanks';
    expect(matches(rule, 'The invoice is wrong')).toBe(true);
    expect(matches(rule, 'Thanks for fixing the invoice')).toBe(false);
    expect(matches('NOT late AND invoice', 'late invoice')).toBe(false);
    expect(matches('NOT late AND invoice', 'wrong invoice')).toBe(true);
    expect(matches('NOT NOT late', 'late')).toBe(true);
  });

  it('reads adjacent operands as AND and operators in any case', () => {
    expect(matches('late delivery', 'delivery was late')).toBe(true);
    expect(matches('late delivery', 'delivery on time')).toBe(false);
    expect(matches('late or slow', 'slow')).toBe(true);
  });

  it('matches quoted phrases as consecutive words, and quoted operators as words', () => {
    expect(matches('"on time"', 'always on time')).toBe(true);
    expect(matches('"on time"', 'time was on our side')).toBe(false);
    expect(matches('"not"', 'not again')).toBe(true);
  });

  it('matches a trailing * as a prefix, also inside phrases', () => {
    expect(matches('invoic*', 'Invoicing is a mess')).toBe(true);
    expect(matches('invoic*', 'the voice')).toBe(false);
    expect(matches('"late deliver*"', 'late deliveries again')).toBe(true);
  });

  it('ignores case and accents, in the rule and in the text', () => {
    expect(matches('perche AND citta', 'Perché la CITTÀ?')).toBe(true);
    expect(matches('FATTUR*', "Le fatture dell'ufficio")).toBe(true);
    expect(matches('ufficio', "dell'ufficio")).toBe(true);
  });

  it('reports malformed rules with the position of the problem', () => {
    expect(errorOf('').position).toBe(0);
    expect(errorOf('(late OR slow').position).toBe(0);
    expect(errorOf('late OR slow)').position).toBe(12);
    expect(errorOf('late AND').position).toBe(8);
    expect(errorOf('late OR OR slow').position).toBe(8);
    expect(errorOf('"on time').position).toBe(0);
    expect(errorOf('in*voice').position).toBe(2);
    expect(errorOf('a*').position).toBe(1);
    expect(errorOf('late ()').position).toBe(6);
    expect(errorOf('late AND -').position).toBe(9);
    expect(errorOf('late OR slow)').message).toContain('character 13');
  });
});

describe('matchTopics', () => {
  const codeframe = {
    topics: [
      { key: 'billing', rule: '(invoice* OR billing OR fattur*) AND NOT thank*' },
      { key: 'delivery', rule: 'deliver* OR consegn*' },
    ],
  };

  it('returns the matching topics with the spans that made them match', () => {
    const text = 'Invoices late, delivery too.';
    const found = matchTopics(text, codeframe);
    expect(found.map((m) => m.topic)).toEqual(['billing', 'delivery']);
    expect(found[0].spans.map((s) => text.slice(s.start, s.end))).toEqual(['Invoices']);
    expect(found[1].spans.map((s) => text.slice(s.start, s.end))).toEqual(['delivery']);
  });

  it('names the topic whose rule is malformed', () => {
    expect(() => compileCodeframe({ topics: [{ key: 'broken', rule: 'late AND' }] })).toThrow(
      /topic "broken"/,
    );
  });
});
