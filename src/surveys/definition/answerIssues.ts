import { EMOTION_KEYS } from './experienceEmotions.ts';
import type { PathSegment } from './issuePath.ts';
import {
  DEFAULT_TEXT_MAX_LENGTH,
  DISSONANCE_VALUES,
  NOT_APPLICABLE,
  OTHER_TEXT_MAX_LENGTH,
  type Question,
} from './questionSchema.ts';

export type AnswerIssue = { readonly at: readonly PathSegment[]; readonly message: string };

/**
 * The problems with one given (non-empty) answer to a shown question: its shape, range and limits
 * for the question type; for a required question also that it is complete (every matrix row, a
 * consent given).
 * @param question the question answered
 * @param value the raw answer (already known to be answered)
 * @returns the issues, each with a path relative to the answer
 * @example answerIssues({ id: 'nps', type: 'nps', text: { en: 'Recommend?' }, minLabel: { en: '0' }, maxLabel: { en: '10' } }, 11) // [{ at: [], message: 'Must be an integer from 0 to 10' }]
 */
export function answerIssues(question: Question, value: unknown): AnswerIssue[] {
  switch (question.type) {
    case 'nps':
      return integerIssues(value, 0, 10);
    case 'rating':
      return integerIssues(value, question.min, question.max);
    case 'agreement':
      if (question.allowNotApplicable === true && value === NOT_APPLICABLE) return [];
      return integerIssues(value, 1, 5);
    case 'singleChoice':
      return choiceIssues(value, optionValues(question.options), question.other === true, []);
    case 'multipleChoice':
      return multipleChoiceIssues(question, value);
    case 'text': {
      if (typeof value !== 'string') return [issue('Must be a string')];
      const max = question.maxLength ?? DEFAULT_TEXT_MAX_LENGTH;
      return value.length > max ? [issue(`Must be at most ${max} characters`)] : [];
    }
    case 'matrix':
      return matrixIssues(question, value);
    case 'ranking':
      return rankingIssues(optionValues(question.options), value);
    case 'dissonance':
      return (DISSONANCE_VALUES as readonly unknown[]).includes(value)
        ? []
        : [issue(`Must be one of ${DISSONANCE_VALUES.join(', ')}`)];
    case 'emotions':
      return emotionsIssues(question.emotions ?? EMOTION_KEYS, question.maxPicks, value);
    case 'consent':
      if (typeof value !== 'boolean') return [issue('Must be true or false')];
      return question.required === true && !value ? [issue('Consent is required')] : [];
  }
}

function issue(message: string, at: readonly PathSegment[] = []): AnswerIssue {
  return { at, message };
}

function optionValues(options: readonly { value: string }[]): string[] {
  return options.map((option) => option.value);
}

function integerIssues(value: unknown, min: number, max: number): AnswerIssue[] {
  const ok = typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
  return ok ? [] : [issue(`Must be an integer from ${min} to ${max}`)];
}

function choiceIssues(
  value: unknown,
  values: readonly string[],
  allowOther: boolean,
  at: readonly PathSegment[],
): AnswerIssue[] {
  if (typeof value === 'string') {
    return values.includes(value) ? [] : [issue(`Unknown option "${value}"`, at)];
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'other' in value) {
    if (!allowOther) return [issue('This question has no "other" choice', at)];
    if (Object.keys(value).length !== 1) return [issue('An "other" choice has only the key "other"', at)];
    const text = (value as { other: unknown }).other;
    if (typeof text !== 'string' || text.trim() === '')
      return [issue('The "other" text must be filled in', at)];
    if (text.length > OTHER_TEXT_MAX_LENGTH) {
      return [issue(`The "other" text must be at most ${OTHER_TEXT_MAX_LENGTH} characters`, at)];
    }
    return [];
  }
  return [issue('Must be an option value or { "other": text }', at)];
}

function multipleChoiceIssues(
  question: Extract<Question, { type: 'multipleChoice' }>,
  value: unknown,
): AnswerIssue[] {
  if (!Array.isArray(value)) return [issue('Must be a list of choices')];
  const values = optionValues(question.options);
  const issues = value.flatMap((item, i) => choiceIssues(item, values, question.other === true, [i]));
  const keys = value.map((item) => (typeof item === 'string' ? item : '{other}'));
  if (new Set(keys).size !== keys.length) issues.push(issue('Each choice may be picked once'));
  if (question.minSelections !== undefined && value.length < question.minSelections) {
    issues.push(issue(`Pick at least ${question.minSelections}`));
  }
  if (question.maxSelections !== undefined && value.length > question.maxSelections) {
    issues.push(issue(`Pick at most ${question.maxSelections}`));
  }
  return issues;
}

function matrixIssues(question: Extract<Question, { type: 'matrix' }>, value: unknown): AnswerIssue[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [issue('Must be an object of row id to scale point')];
  }
  const rowIds = question.rows.map((row) => row.id);
  const { min, max } = question.scale;
  const issues: AnswerIssue[] = [];
  for (const [rowId, point] of Object.entries(value)) {
    if (!rowIds.includes(rowId)) issues.push(issue(`Unknown row "${rowId}"`, [rowId]));
    else if (point !== null && point !== undefined) {
      issues.push(...integerIssues(point, min, max).map((found) => issue(found.message, [rowId])));
    }
  }
  if (question.required === true) {
    const answered = value as Record<string, unknown>;
    for (const rowId of rowIds) {
      if (answered[rowId] === undefined || answered[rowId] === null) issues.push(issue('Required', [rowId]));
    }
  }
  return issues;
}

function rankingIssues(values: readonly string[], value: unknown): AnswerIssue[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    return [issue('Must be a list of option values, most preferred first')];
  }
  const isPermutation =
    value.length === values.length &&
    new Set(value).size === value.length &&
    value.every((v) => values.includes(v));
  return isPermutation ? [] : [issue(`Must rank every option exactly once: ${values.join(', ')}`)];
}

function emotionsIssues(offered: readonly string[], maxPicks: number, value: unknown): AnswerIssue[] {
  if (!Array.isArray(value)) return [issue('Must be a list of emotion keys')];
  const issues = value.flatMap((item, i) =>
    typeof item === 'string' && offered.includes(item)
      ? []
      : [issue(`Unknown emotion "${String(item)}"`, [i])],
  );
  if (new Set(value).size !== value.length) issues.push(issue('Each emotion may be picked once'));
  if (value.length > maxPicks) issues.push(issue(`Pick at most ${maxPicks}`));
  return issues;
}
