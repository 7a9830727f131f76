export { type EncodedForm, encodeFormAnswers } from './encodeFormAnswers.ts';
export {
  ACTION_FIELD,
  ACTIONS,
  answerField,
  CONSENT_VALUE,
  controlId,
  describedId,
  type FormAction,
  HONEYPOT_FIELD,
  OTHER_TEXT_PART,
  partField,
  SAVE_PARTIAL_HEADER,
} from './formFieldNames.ts';
export { localizeAnswerIssue, pageIssues } from './pageIssues.ts';
export { type PageNavigation, pageNavigation, pagePath } from './pageNavigation.ts';
export { type PageQuestion, pageQuestions } from './pageQuestions.ts';
export { type ParsedForm, parseFormAnswers } from './parseFormAnswers.ts';
export type { FormValues } from './parseQuestionForm.ts';
export { PROGRESSIVE_SCRIPT } from './progressiveScript.ts';
export { MAX_RADIO_POINTS } from './questionParts.ts';
export { questionTypesSurvey } from './questionTypesSurvey.ts';
export { type PageIssue, renderSurveyPage, type SurveyPageInput } from './renderSurveyPage.ts';
export { respondentLanguage } from './respondentLanguage.ts';
export { renderStatusPage, type StatusPageOptions } from './statusPages.ts';
export { RESPONDENT_STYLES } from './styles.ts';
export {
  languageName,
  type StatusKind,
  UI_LANGUAGES,
  type UiLanguage,
  type UiText,
  uiLanguage,
  uiText,
} from './uiText.ts';
