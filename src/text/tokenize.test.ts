import { describe, expect, it } from 'vitest';
import { foldText } from './foldText.ts';
import { splitSentences } from './sentences.ts';
import { tokenize } from './tokenize.ts';

describe('tokenize', () => {
  it('splits Italian elisions, keeps English contractions whole, folds case and accents', () => {
    const text = "Dall'ufficio non c’è risposta, we don't know WHY";
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.norm)).toEqual([
      'dall',
      'ufficio',
      'non',
      'c',
      'e',
      'risposta',
      'we',
      'dont',
      'know',
      'why',
    ]);
    for (const t of tokens) expect(foldText(text.slice(t.start, t.end)).replace(/'/g, '')).toBe(t.norm);
  });

  it('writes out chat shorthands', () => {
    expect(tokenize('nn ho capito xke, thx').map((t) => t.norm)).toEqual([
      'non',
      'ho',
      'capito',
      'perche',
      'thanks',
    ]);
  });
});

describe('splitSentences', () => {
  it('splits on sentence ends with offsets into the comment, trimming white space', () => {
    const text = '  Delivery was late again.   Nobody called! Will it happen next week?';
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual([
      'Delivery was late again.',
      'Nobody called!',
      'Will it happen next week?',
    ]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('splits Italian too and returns nothing for blank text', () => {
    expect(splitSentences('Consegna puntuale. Fattura corretta.', 'it')).toHaveLength(2);
    expect(splitSentences('   ')).toEqual([]);
  });
});
