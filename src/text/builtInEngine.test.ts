import { describe, expect, it } from 'vitest';
import { createBuiltInEngine } from './builtInEngine.ts';
import { readCorpus } from './corpusFiles.ts';
import { createTextEngine, textEngineNames } from './engine.ts';
import { loadModel } from './modelFiles.ts';
import { heldOutSplit } from './split.ts';

const model = loadModel();
const engine = createBuiltInEngine(model);
const sample = heldOutSplit(readCorpus()).heldOut.filter((_, i) => i % 8 === 0);

describe('built-in engine', () => {
  it('is registered by name', () => {
    expect(textEngineNames()).toContain('builtin');
    expect(createTextEngine('builtin', { model }).name).toBe('builtin');
    expect(() => createTextEngine('nope')).toThrow(/unknown text engine "nope"/);
  });

  it('returns spans and sentences that point at real substrings of the comment', () => {
    let spans = 0;
    for (const record of sample) {
      const a = engine.analyze(record.text, { language: record.language });
      for (const s of a.sentences) expect(record.text.slice(s.start, s.end)).toBe(s.text);
      for (const span of a.spans) {
        const word = record.text.slice(span.start, span.end);
        expect(word.trim()).toBe(word);
        expect(word).toMatch(/^[\p{L}\p{N}]/u);
        expect(span.label).toBe(`${a.force}:${a.polarity}`);
        spans++;
      }
      for (const e of a.emotions) for (const s of e.spans) expect(s.end).toBeGreaterThan(s.start);
    }
    expect(spans).toBeGreaterThan(sample.length);
  });

  it('gives calibrated probabilities, scores within −1…1 and secondary Forces other than the main one', () => {
    for (const record of sample) {
      const a = engine.analyze(record.text, { language: record.language });
      expect(a.confidence).toBeGreaterThan(0);
      expect(a.confidence).toBeLessThanOrEqual(1);
      expect(Math.abs(a.sentiment.score)).toBeLessThanOrEqual(1);
      for (const s of a.secondary) {
        expect(s.force).not.toBe(a.force);
        expect(s.confidence).toBeLessThanOrEqual(a.confidence);
      }
    }
  });

  it('reads a clear English and a clear Italian comment', () => {
    const en = engine.analyze(
      'The invoice had hidden fees again and nobody could explain the charges. Unfair!',
    );
    expect(en.language).toBe('en');
    expect(en).toMatchObject({
      force: 'fairTreatment',
      polarity: 'tension',
      sentiment: { label: 'negative' },
    });
    expect(en.topics).toContain('billing');
    const it = engine.analyze(
      'Siamo molto soddisfatti: le consegne arrivano sempre puntuali e ci avvisano in anticipo.',
    );
    expect(it.language).toBe('it');
    expect(it.polarity).toBe('fulfilled');
    expect(it.sentiment.score).toBeGreaterThan(0);
    expect(it.emotions.map((e) => e.key)).toContain('pleased');
  });

  it('is deterministic', () => {
    const text = 'Support is slow, but the account team makes us feel valued.';
    expect(engine.analyze(text)).toEqual(createBuiltInEngine(model).analyze(text));
  });

  it('gives no Force to text in another language or without words', () => {
    for (const text of ['Служба поддержки работает медленно.', '', '!!! ???']) {
      const a = engine.analyze(text);
      expect(a).toMatchObject({
        language: 'other',
        force: null,
        polarity: null,
        confidence: 0,
        emotions: [],
      });
    }
  });

  it('matches topics by examples', () => {
    const withTopics = createBuiltInEngine(model, {
      codeframe: null,
      exampleTopics: [
        {
          key: 'meterReadings',
          language: 'en',
          examples: [
            'Meter readings are estimated again',
            'Estimated meter readings every quarter',
            'Nobody reads the meter',
          ],
        },
      ],
    });
    expect(
      withTopics.analyze('Our meter readings were estimated again this month', { language: 'en' }).topics,
    ).toEqual(['meterReadings']);
    expect(
      withTopics.analyze('The account manager visits us every month', { language: 'en' }).topics,
    ).toEqual([]);
  });
});
