import {
  type Answers,
  isAnswered,
  OTHER_CHOICE,
  type Question,
  type SurveyDefinition,
} from '../surveys/definition/index.ts';
import { answerField, CONSENT_VALUE, OTHER_TEXT_PART, partField } from './formFieldNames.ts';
import { surveyPage } from './pageQuestions.ts';

/** Form fields as a browser posts them: repeated names (checkboxes) as lists. */
export type EncodedForm = Record<string, string | string[]>;

/**
 * The fields a browser would post for a page's questions with these answers ticked and typed: the
 * inverse of `parseFormAnswers` (naming scheme in `formFieldNames.ts`). Unanswered questions and an
 * unticked consent send nothing; a ticked consent sends `true`; a multiple choice and emotions send
 * a list; `{ other }` sends `_other` plus the text in `q:<id>:other`; a matrix sends one field per
 * answered row; a ranking sends each option's position (1 = first).
 * @param definition the survey
 * @param pageIndex the page, from 0
 * @param answers answers by question id (others are ignored)
 * @returns the form fields
 * @example encodeFormAnswers(def, 0, { nps: 9, reasons: ['price', { other: 'Speed' }] }) // { 'q:nps': '9', 'q:reasons': ['price', '_other'], 'q:reasons:other': 'Speed' }
 */
export function encodeFormAnswers(
  definition: SurveyDefinition,
  pageIndex: number,
  answers: Answers,
): EncodedForm {
  const form: EncodedForm = {};
  for (const block of surveyPage(definition, pageIndex).blocks) {
    for (const question of block.questions) {
      const value = answers[question.id];
      if (isAnswered(value)) encodeQuestion(question, value, form);
    }
  }
  return form;
}

function encodeQuestion(question: Question, value: unknown, form: EncodedForm): void {
  const name = answerField(question.id);
  switch (question.type) {
    case 'singleChoice':
      if (isOther(value)) {
        form[name] = OTHER_CHOICE;
        form[partField(question.id, OTHER_TEXT_PART)] = value.other;
      } else form[name] = String(value);
      return;
    case 'multipleChoice':
    case 'emotions': {
      const items = Array.isArray(value) ? value : [];
      form[name] = items.map((item) => (isOther(item) ? OTHER_CHOICE : String(item)));
      const other = items.find(isOther);
      if (other !== undefined) form[partField(question.id, OTHER_TEXT_PART)] = other.other;
      return;
    }
    case 'matrix':
      for (const [rowId, point] of Object.entries(value as Record<string, unknown>)) {
        form[partField(question.id, rowId)] = String(point);
      }
      return;
    case 'ranking':
      (Array.isArray(value) ? value : []).forEach((option, i) => {
        form[partField(question.id, String(option))] = String(i + 1);
      });
      return;
    case 'consent':
      if (value === true) form[name] = CONSENT_VALUE;
      return;
    default:
      form[name] = String(value);
  }
}

function isOther(value: unknown): value is { other: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { other?: unknown }).other === 'string'
  );
}
