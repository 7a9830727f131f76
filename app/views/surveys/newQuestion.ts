import type { Question } from './draft.ts';

export const QUESTION_TYPES = [
  'nps',
  'rating',
  'agreement',
  'singleChoice',
  'multipleChoice',
  'text',
  'matrix',
  'ranking',
  'dissonance',
  'emotions',
  'consent',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Starting texts of a new question, in the survey's default language (the rest are then to translate). */
export interface StarterTexts {
  question: string;
  option: (n: number) => string;
  row: (n: number) => string;
  low: string;
  high: string;
  unlikely: string;
  likely: string;
}

/**
 * A new question of a type with the fields its type needs, its texts in one language only (the
 * others show as missing translations until written).
 * @example newQuestion('singleChoice', 'q1', 'en', texts).options.length // 2
 */
export function newQuestion(type: QuestionType, id: string, language: string, texts: StarterTexts): Question {
  const one = (value: string) => ({ [language]: value });
  const base = { id, text: one(texts.question) };
  const options = (count: number) =>
    Array.from({ length: count }, (_, i) => ({ value: `o${i + 1}`, text: one(texts.option(i + 1)) }));
  switch (type) {
    case 'nps':
      return { ...base, type, minLabel: one(texts.unlikely), maxLabel: one(texts.likely) };
    case 'rating':
      return { ...base, type, min: 1, max: 5, minLabel: one(texts.low), maxLabel: one(texts.high) };
    case 'agreement':
      return { ...base, type };
    case 'singleChoice':
      return { ...base, type, options: options(2) };
    case 'multipleChoice':
      return { ...base, type, options: options(3) };
    case 'ranking':
      return { ...base, type, options: options(3) };
    case 'text':
      return { ...base, type, multiline: true };
    case 'matrix':
      return {
        ...base,
        type,
        rows: [1, 2].map((n) => ({ id: `r${n}`, text: one(texts.row(n)) })),
        scale: { min: 1, max: 5, minLabel: one(texts.low), maxLabel: one(texts.high) },
      };
    case 'dissonance':
      return { ...base, type };
    case 'emotions':
      return { ...base, type, maxPicks: 3 };
    case 'consent':
      return { ...base, type };
  }
}
