import { describe, expect, it } from 'vitest';
import { highlight, spansOf } from './highlight.ts';

describe('highlighting the spans behind labels', () => {
  it('cuts the text at span edges and labels each piece with every span covering it', () => {
    const text = 'The invoice was wrong again';
    const pieces = highlight(text, [
      { start: 4, end: 11, label: 'control:tension' },
      { start: 8, end: 21, label: 'emotion:frustrated' },
    ]);
    expect(pieces).toEqual([
      { text: 'The ', labels: [] },
      { text: 'invo', labels: ['control:tension'] },
      { text: 'ice', labels: ['control:tension', 'emotion:frustrated'] },
      { text: ' was wrong', labels: ['emotion:frustrated'] },
      { text: ' again', labels: [] },
    ]);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
  });

  it('clamps spans that run past the text and drops empty ones; markup stays plain text', () => {
    const text = '<img src=x onerror=alert(1)>';
    const pieces = highlight(text, [
      { start: -3, end: 4, label: 'a' },
      { start: 20, end: 99, label: 'b' },
      { start: 6, end: 6, label: 'c' },
    ]);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    expect(pieces.flatMap((p) => p.labels)).toEqual(['a', 'b']);
  });

  it('reads the Force spans and each emotion’s spans from an analysis, ignoring malformed ones', () => {
    expect(
      spansOf({
        spans: [{ start: 0, end: 3, label: 'status:tension' }, { start: 'x' }],
        emotions: [{ key: 'happy', confidence: 0.8, spans: [{ start: 4, end: 9 }] }, { key: 1 }],
      }),
    ).toEqual([
      { start: 0, end: 3, label: 'status:tension' },
      { start: 4, end: 9, label: 'emotion:happy' },
    ]);
    expect(spansOf(null)).toEqual([]);
  });
});
