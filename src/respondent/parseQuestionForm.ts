import {
  DISSONANCE_VALUES,
  EMOTION_KEYS,
  NOT_APPLICABLE,
  OTHER_CHOICE,
  type Question,
} from '../surveys/definition/index.ts';
import { answerField, CONSENT_VALUE, OTHER_TEXT_PART, partField } from './formFieldNames.ts';
import type { UiText } from './uiText.ts';

/** A posted form as the body parser gives it: repeated names become lists. */
export type FormValues = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Why a question's fields could not be read as an answer. */
export type FormProblem =
  | { readonly kind: 'invalid' }
  | { readonly kind: 'outOfRange'; readonly min: number; readonly max: number }
  | { readonly kind: 'rankingIncomplete'; readonly options: number };

/** The answer read from a question's fields (`undefined`: not answered) and any problem. */
export type ParsedQuestion = { readonly value: unknown; readonly problem?: FormProblem };

const INVALID: FormProblem = { kind: 'invalid' };
const MALFORMED = Symbol('malformed');

/**
 * The typed answer a question's form fields carry (naming scheme in `formFieldNames.ts`):
 * scales → integers (`notApplicable` for agreement opt-outs), choices → option values or
 * `{ other }`, multiple choice and emotions → lists in the order offered ("other" last), text → the
 * string with line breaks as `\n`, matrix → `{ rowId: point }` of the rows answered, ranking →
 * option values by position, consent → `true` when ticked, else `false`. Empty fields mean not
 * answered. Malformed values (not an integer, off the scale, unknown option, repeated pick, broken
 * ranking) give a problem and no answer (a matrix keeps its readable rows). Limits that
 * `validateAnswers` checks (required, too many picks, text length, blank "other") are left to it.
 * @param question the question
 * @param form the posted fields
 * @returns the answer (or undefined) and any problem
 * @example parseQuestionForm(nps, { 'q:nps': '9' }) // { value: 9 }
 */
export function parseQuestionForm(question: Question, form: FormValues): ParsedQuestion {
  const id = question.id;
  switch (question.type) {
    case 'nps':
      return integerField(form, answerField(id), 0, 10);
    case 'rating':
      return integerField(form, answerField(id), question.min, question.max);
    case 'agreement': {
      const raw = scalar(form, answerField(id));
      if (raw === MALFORMED) return { value: undefined, problem: INVALID };
      if (raw === undefined) return { value: undefined };
      if (raw === NOT_APPLICABLE && question.allowNotApplicable === true) return { value: NOT_APPLICABLE };
      const point = integer(raw);
      return point !== undefined && point >= 1 && point <= 5
        ? { value: point }
        : { value: undefined, problem: INVALID };
    }
    case 'dissonance':
      return oneOf(form, answerField(id), DISSONANCE_VALUES);
    case 'singleChoice':
      return singleChoice(question.options, question.other === true, form, id);
    case 'multipleChoice':
      return multipleChoice(question.options, question.other === true, form, id);
    case 'emotions':
      return picks(form, answerField(id), question.emotions ?? EMOTION_KEYS);
    case 'text': {
      const raw = scalar(form, answerField(id), false);
      if (raw === MALFORMED) return { value: undefined, problem: INVALID };
      return { value: raw === undefined ? undefined : lineBreaks(raw) };
    }
    case 'matrix':
      return matrix(question.rows, question.scale.min, question.scale.max, form, id);
    case 'ranking':
      return ranking(question.options, form, id);
    case 'consent': {
      const raw = scalar(form, answerField(id));
      if (raw === MALFORMED || (raw !== undefined && raw !== CONSENT_VALUE)) {
        return { value: undefined, problem: INVALID };
      }
      // An unticked box sends nothing: on a page that showed it, that is a "no".
      return { value: raw === CONSENT_VALUE };
    }
  }
}

/**
 * The respondent-facing message for a form problem.
 * @param ui the page strings
 * @param problem the problem
 * @returns the message
 * @example formProblemMessage(uiText('en'), { kind: 'outOfRange', min: 0, max: 10 }) // 'Enter a whole number from 0 to 10'
 */
export function formProblemMessage(ui: UiText, problem: FormProblem): string {
  switch (problem.kind) {
    case 'invalid':
      return ui.messages.invalid;
    case 'outOfRange':
      return ui.messages.outOfRange(problem.min, problem.max);
    case 'rankingIncomplete':
      return ui.messages.rankingIncomplete(problem.options);
  }
}

/**
 * One field's value: undefined when absent or blank, MALFORMED when a one-value field was posted
 * several times with different values.
 */
function scalar(form: FormValues, name: string, trim = true): string | undefined | typeof MALFORMED {
  const raw = form[name];
  let value: string | undefined;
  if (typeof raw === 'string' || raw === undefined) value = raw;
  else if (raw.length === 0) value = undefined;
  else if (raw.every((item) => item === raw[0])) value = raw[0];
  else return MALFORMED;
  if (value === undefined || value.trim() === '') return undefined;
  return trim ? value.trim() : value;
}

function list(form: FormValues, name: string): string[] {
  const raw = form[name];
  const values = raw === undefined ? [] : typeof raw === 'string' ? [raw] : [...raw];
  return values.map((value) => value.trim()).filter((value) => value !== '');
}

function integer(text: string): number | undefined {
  return /^[+-]?\d{1,9}$/.test(text) ? Number(text) : undefined;
}

function integerField(form: FormValues, name: string, min: number, max: number): ParsedQuestion {
  const raw = scalar(form, name);
  if (raw === undefined) return { value: undefined };
  const value = raw === MALFORMED ? undefined : integer(raw);
  if (value === undefined || value < min || value > max) {
    return { value: undefined, problem: { kind: 'outOfRange', min, max } };
  }
  return { value };
}

function oneOf(form: FormValues, name: string, values: readonly string[]): ParsedQuestion {
  const raw = scalar(form, name);
  if (raw === undefined) return { value: undefined };
  return raw !== MALFORMED && values.includes(raw) ? { value: raw } : { value: undefined, problem: INVALID };
}

/** Browsers post textarea line breaks as CRLF; `maxlength` counted them as one character. */
function lineBreaks(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

function otherTextField(form: FormValues, id: string): string | typeof MALFORMED {
  const raw = scalar(form, partField(id, OTHER_TEXT_PART), false);
  return raw === undefined ? '' : raw === MALFORMED ? raw : lineBreaks(raw);
}

function singleChoice(
  options: readonly { value: string }[],
  allowOther: boolean,
  form: FormValues,
  id: string,
): ParsedQuestion {
  const raw = scalar(form, answerField(id));
  const other = allowOther ? otherTextField(form, id) : '';
  if (raw === MALFORMED || other === MALFORMED) return { value: undefined, problem: INVALID };
  if (raw === undefined) {
    // Typing an "other" answer without picking anything counts as picking "other".
    return other.trim() === '' ? { value: undefined } : { value: { other } };
  }
  if (raw === OTHER_CHOICE && allowOther) return { value: { other } };
  return options.some((option) => option.value === raw)
    ? { value: raw }
    : { value: undefined, problem: INVALID };
}

function multipleChoice(
  options: readonly { value: string }[],
  allowOther: boolean,
  form: FormValues,
  id: string,
): ParsedQuestion {
  const picked = list(form, answerField(id));
  const other = allowOther ? otherTextField(form, id) : '';
  const known = new Set([...options.map((option) => option.value), ...(allowOther ? [OTHER_CHOICE] : [])]);
  if (
    other === MALFORMED ||
    new Set(picked).size !== picked.length ||
    picked.some((value) => !known.has(value))
  ) {
    return { value: undefined, problem: INVALID };
  }
  const chosen: (string | { other: string })[] = options
    .filter((option) => picked.includes(option.value))
    .map((option) => option.value);
  // A typed "other" answer counts even if its box was left unticked.
  if (picked.includes(OTHER_CHOICE) || other.trim() !== '') chosen.push({ other });
  return { value: chosen.length === 0 ? undefined : chosen };
}

function picks(form: FormValues, name: string, offered: readonly string[]): ParsedQuestion {
  const picked = list(form, name);
  if (new Set(picked).size !== picked.length || picked.some((value) => !offered.includes(value))) {
    return { value: undefined, problem: INVALID };
  }
  const chosen = offered.filter((key) => picked.includes(key));
  return { value: chosen.length === 0 ? undefined : chosen };
}

function matrix(
  rows: readonly { id: string }[],
  min: number,
  max: number,
  form: FormValues,
  id: string,
): ParsedQuestion {
  const points: Record<string, number> = {};
  let problem: FormProblem | undefined;
  for (const row of rows) {
    const parsed = integerField(form, partField(id, row.id), min, max);
    if (parsed.problem !== undefined) problem ??= parsed.problem;
    else if (typeof parsed.value === 'number') points[row.id] = parsed.value;
  }
  const value = Object.keys(points).length === 0 ? undefined : points;
  return problem === undefined ? { value } : { value, problem };
}

function ranking(options: readonly { value: string }[], form: FormValues, id: string): ParsedQuestion {
  const count = options.length;
  const positions = options.map((option) => scalar(form, partField(id, option.value)));
  if (positions.every((position) => position === undefined)) return { value: undefined };
  const numbers = positions.map((position) => (typeof position === 'string' ? integer(position) : undefined));
  const complete =
    numbers.every((n) => n !== undefined && n >= 1 && n <= count) && new Set(numbers).size === count;
  if (!complete) return { value: undefined, problem: { kind: 'rankingIncomplete', options: count } };
  const order = options.map((option, i) => ({ value: option.value, position: numbers[i] as number }));
  return { value: order.sort((a, b) => a.position - b.position).map((item) => item.value) };
}
