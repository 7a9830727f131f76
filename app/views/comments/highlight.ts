/**
 * The stretches of a comment behind its labels, as pieces of text to render (pure). Spans may
 * overlap or run past the text; each piece carries every label whose span covers it, so the page
 * can mark it and say why. The text stays text: pieces are rendered by React, never as markup.
 */

export interface LabelledSpan {
  start: number;
  end: number;
  label: string;
}

export interface Piece {
  text: string;
  labels: string[];
}

/** The spans of an analysis: the Force spans as given, each emotion's spans under `emotion:key`. */
export function spansOf(
  analysis: { spans: unknown[]; emotions: unknown[] } | null | undefined,
): LabelledSpan[] {
  if (!analysis) return [];
  const spans: LabelledSpan[] = [];
  const isSpan = (value: unknown): value is { start: number; end: number } =>
    typeof value === 'object' &&
    value !== null &&
    Number.isInteger((value as { start: unknown }).start) &&
    Number.isInteger((value as { end: unknown }).end);
  for (const span of analysis.spans) {
    const label = (span as { label?: unknown } | null)?.label;
    if (isSpan(span) && typeof label === 'string') spans.push({ start: span.start, end: span.end, label });
  }
  for (const emotion of analysis.emotions) {
    const { key, spans: own } = emotion as { key?: unknown; spans?: unknown };
    if (typeof key !== 'string' || !Array.isArray(own)) continue;
    for (const span of own)
      if (isSpan(span)) spans.push({ start: span.start, end: span.end, label: `emotion:${key}` });
  }
  return spans;
}

export function highlight(text: string, spans: readonly LabelledSpan[]): Piece[] {
  const valid = spans
    .map((s) => ({ ...s, start: Math.max(0, s.start), end: Math.min(text.length, s.end) }))
    .filter((s) => s.end > s.start);
  const cuts = new Set([0, text.length]);
  for (const s of valid) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces: Piece[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const labels = [...new Set(valid.filter((s) => s.start <= from && s.end >= to).map((s) => s.label))];
    const last = pieces[pieces.length - 1];
    // Neighbouring pieces with the same labels are one piece.
    if (last && last.labels.join('\n') === labels.join('\n')) last.text += text.slice(from, to);
    else pieces.push({ text: text.slice(from, to), labels });
  }
  return pieces;
}
