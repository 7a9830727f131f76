import { describe, expect, it } from 'vitest';
import { botSignals } from './bot.ts';

const human = { honeypot: undefined, durationSeconds: 120, answeredQuestions: 20 };

describe('botSignals', () => {
  it('finds nothing in a human response', () => {
    expect(botSignals(human)).toEqual([]);
    expect(botSignals({ ...human, honeypot: '' })).toEqual([]);
    expect(botSignals({ ...human, honeypot: '   ' })).toEqual([]);
    expect(botSignals({ ...human, honeypot: null })).toEqual([]);
  });

  it('reports a filled honeypot', () => {
    expect(botSignals({ ...human, honeypot: 'http://cheap-pills.example' })).toEqual(['honeypot']);
    expect(botSignals({ ...human, honeypot: 'x' })).toEqual(['honeypot']);
  });

  it('reports answering faster than one second per answered question, strictly', () => {
    expect(botSignals({ ...human, durationSeconds: 19.9 })).toEqual(['too_fast_to_read']);
    expect(botSignals({ ...human, durationSeconds: 20 })).toEqual([]);
  });

  it('scales with the survey setting and can be turned off', () => {
    expect(botSignals({ ...human, durationSeconds: 59 }, { minSecondsPerQuestion: 3 })).toEqual([
      'too_fast_to_read',
    ]);
    expect(botSignals({ ...human, durationSeconds: 60 }, { minSecondsPerQuestion: 3 })).toEqual([]);
    expect(botSignals({ ...human, durationSeconds: 0 }, { minSecondsPerQuestion: 0 })).toEqual([]);
  });

  it('needs a known duration and at least one answer to judge speed', () => {
    expect(botSignals({ ...human, durationSeconds: null })).toEqual([]);
    expect(botSignals({ ...human, durationSeconds: undefined })).toEqual([]);
    expect(botSignals({ ...human, durationSeconds: 0, answeredQuestions: 0 })).toEqual([]);
  });

  it('reports both signals in a fixed order', () => {
    expect(botSignals({ honeypot: 'spam', durationSeconds: 2, answeredQuestions: 20 })).toEqual([
      'honeypot',
      'too_fast_to_read',
    ]);
  });
});
