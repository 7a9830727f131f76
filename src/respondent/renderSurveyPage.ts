import {
  type Answers,
  type HiddenValues,
  isAnswered,
  type LocalizedText,
  localize,
  type PipingContext,
  pipeText,
  type SurveyDefinition,
  visibleQuestions,
} from '../surveys/definition/index.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { ACTION_FIELD, controlId, HONEYPOT_FIELD } from './formFieldNames.ts';
import { type PageQuestion, pageQuestions, surveyPage } from './pageQuestions.ts';
import { PROGRESSIVE_SCRIPT } from './progressiveScript.ts';
import { questionMarkup } from './questionMarkup.ts';
import { respondentDocument } from './respondentDocument.ts';
import { respondentLanguage } from './respondentLanguage.ts';
import { languageName, type UiText, uiText } from './uiText.ts';

/** A problem with one question, already in the respondent's language. */
export type PageIssue = { readonly questionId: string; readonly message: string };

export type SurveyPageInput = {
  readonly definition: SurveyDefinition;
  readonly pageIndex: number;
  /** The requested language; see `respondentLanguage` for the fallback. */
  readonly language: string;
  /** Answers so far, every page: pre-fill this page and drive the logic. */
  readonly answers: Answers;
  readonly hidden: HiddenValues;
  readonly piping: PipingContext;
  /** Shown in the error summary and beside the field; the first per question wins. */
  readonly errors: readonly PageIssue[];
  readonly formAction: string;
  /** Hidden inputs the route needs (token, signature, csrf…). Names may not start with `q:`. */
  readonly formFields: Readonly<Record<string, string>>;
  /** The language switcher's links; shown when there are two or more. */
  readonly languages: readonly { readonly code: string; readonly href: string }[];
  readonly progress: { readonly page: number; readonly pages: number };
  /** The respondent seed for randomised blocks. */
  readonly seed: number;
  readonly isLastPage: boolean;
  readonly canGoBack: boolean;
  /** A CSP nonce for the inline style and script. */
  readonly nonce?: string;
};

/**
 * The survey page a respondent answers: a complete HTML document that works without JavaScript
 * (one `<form method="post">` per page, buttons `action=next|back|submit`) and is improved by
 * `PROGRESSIVE_SCRIPT`. Shown: the survey title (h1), "Page X of Y" with a progress bar (value =
 * (page − 1 + answered / shown questions on the page) / pages × 100), the error summary (h2) when
 * there are errors, the page title (h2) and description, the questions of `pageQuestions` pre-filled
 * from `answers`, the honeypot and the buttons. Every survey text is localised, piped, then escaped.
 * @param input the definition, page, language, answers, errors and what the route needs in the form
 * @returns the HTML document
 * @example renderSurveyPage({ ...input, language: 'it' }).includes('<html lang="it">') // true
 */
export function renderSurveyPage(input: SurveyPageInput): string {
  const { definition, answers, hidden } = input;
  const language = respondentLanguage(definition, input.language);
  const ui = uiText(language);
  const text = (value: Readonly<LocalizedText>) =>
    pipeText(localize(value, language, definition.defaultLanguage), input.piping);
  const page = surveyPage(definition, input.pageIndex);
  const placed = pageQuestions(definition, input.pageIndex, answers, hidden, input.seed);
  const errors = firstErrorPerQuestion(input.errors, placed);

  const questions = placed.map((item) =>
    questionMarkup(item, {
      ui,
      text,
      answer: answers[item.question.id],
      error: errors.get(item.question.id),
    }),
  );
  const summary = errorSummary(placed, errors, ui, text);
  const surveyTitle = text(definition.title);
  const pageTitle = page.title === undefined ? '' : text(page.title);
  const documentTitle = `${errors.size > 0 ? ui.errorTitlePrefix : ''}${pageTitle === '' ? '' : `${pageTitle} – `}${surveyTitle}`;
  const pages = Math.max(1, input.progress.pages);
  const current = Math.min(pages, Math.max(1, input.progress.page));
  const percent = progressPercent(definition, placed, answers, hidden, current, pages);
  const description =
    input.pageIndex === 0 && definition.description !== undefined
      ? html`<p>${text(definition.description)}</p>`
      : html``;
  const pageHeading = pageTitle === '' ? html`` : html`<h2>${pageTitle}</h2>`;
  const pageDescription =
    page.description === undefined ? html`` : html`<p class="hint">${text(page.description)}</p>`;
  const primary = input.isLastPage ? 'submit' : 'next';
  const back = input.canGoBack
    ? html`<button type="submit" name="${ACTION_FIELD}" value="back">${ui.back}</button>`
    : html``;

  const main = html`<h1>${surveyTitle}</h1>${description}<p class="pg" id="pg">${ui.progress(current, pages)}</p><progress aria-labelledby="pg" max="100" value="${percent}">${percent}%</progress>${summary}<form method="post" action="${input.formAction}" accept-charset="utf-8" novalidate data-p="${current}" data-ps="${pages}" data-rq="${ui.messages.required}" data-rg="${ui.messages.outOfRange('{min}', '{max}')}" data-et="${ui.errorSummaryTitle}" data-sd="${ui.saved}">${hiddenInputs(input.formFields)}${pageHeading}${pageDescription}${questions}<div class="hp"><label for="${HONEYPOT_FIELD}">${ui.honeypotLabel}</label><input type="text" id="${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" value="" tabindex="-1" autocomplete="off"></div><div class="nav"><button type="submit" name="${ACTION_FIELD}" value="${primary}">${primary === 'submit' ? ui.submit : ui.next}</button>${back}</div><p class="sv">${ui.savedForLater}</p><p class="sv" id="sv" role="status"></p></form>`;

  return respondentDocument({
    language,
    title: documentTitle,
    main,
    header: languageSwitcher(input.languages, language, ui),
    script: PROGRESSIVE_SCRIPT,
    ...(input.nonce === undefined ? {} : { nonce: input.nonce }),
  });
}

function firstErrorPerQuestion(
  errors: readonly PageIssue[],
  placed: readonly PageQuestion[],
): Map<string, string> {
  const onPage = new Set(placed.map((item) => item.question.id));
  const first = new Map<string, string>();
  for (const error of errors) {
    if (onPage.has(error.questionId) && !first.has(error.questionId))
      first.set(error.questionId, error.message);
  }
  return first;
}

function errorSummary(
  placed: readonly PageQuestion[],
  errors: ReadonlyMap<string, string>,
  ui: UiText,
  text: (value: Readonly<LocalizedText>) => string,
): SafeHtml {
  if (errors.size === 0) return html``;
  // In page order, so the list reads like the form.
  const items = placed
    .filter((item) => errors.has(item.question.id))
    .map(
      ({ question }) =>
        html`<li><a href="#${controlId(question.id, 0)}">${errors.get(question.id)}: ${text(question.text)}</a></li>`,
    );
  return html`<div class="es" id="es" role="alert" tabindex="-1"><h2>${ui.errorSummaryTitle}</h2><ul>${items}</ul></div>`;
}

function progressPercent(
  definition: SurveyDefinition,
  placed: readonly PageQuestion[],
  answers: Answers,
  hidden: HiddenValues,
  page: number,
  pages: number,
): number {
  const shown = new Set(visibleQuestions(definition, answers, hidden).map((question) => question.id));
  const onPage = placed.filter((item) => shown.has(item.question.id));
  const answered = onPage.filter((item) => isAnswered(answers[item.question.id])).length;
  const share = onPage.length === 0 ? 1 : answered / onPage.length;
  return Math.round(((page - 1 + share) / pages) * 100);
}

function hiddenInputs(fields: Readonly<Record<string, string>>): SafeHtml[] {
  return Object.entries(fields).map(([name, value]) => {
    if (name.startsWith('q:') || name === ACTION_FIELD || name === HONEYPOT_FIELD) {
      throw new Error(`Form field name "${name}" is reserved by the survey page`);
    }
    return html`<input type="hidden" name="${name}" value="${value}">`;
  });
}

function languageSwitcher(
  links: readonly { readonly code: string; readonly href: string }[],
  current: string,
  ui: UiText,
): SafeHtml | undefined {
  if (links.length < 2) return undefined;
  const items = links.map((link) =>
    link.code === current
      ? html`<a href="${link.href}" lang="${link.code}" hreflang="${link.code}" aria-current="true">${languageName(link.code)}</a>`
      : html`<a href="${link.href}" lang="${link.code}" hreflang="${link.code}">${languageName(link.code)}</a>`,
  );
  return html`<nav aria-label="${ui.languageLabel}">${items}</nav>`;
}
