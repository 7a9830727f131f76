import { html } from '../web/html.ts';
import { respondentDocument } from './respondentDocument.ts';
import { type StatusKind, uiLanguage, uiText } from './uiText.ts';

export type StatusPageOptions = {
  /** Replaces the standard text, e.g. the survey's own (localised, piped) thank-you message. */
  readonly message?: string;
  /** A CSP nonce for the inline style. */
  readonly nonce?: string;
};

/**
 * A small page with the survey pages' look for a link that cannot (or no longer) be answered, or for
 * the end: closed, expired, already answered, thank you, not found. No form and no script.
 * @param kind which page
 * @param language the respondent's language (English or Italian strings; others fall back to English)
 * @param surveyTitle the survey title in that language, shown above the heading when known
 * @param options a replacement message, a CSP nonce
 * @returns the HTML document
 * @example renderStatusPage('expired', 'it').includes('<h1>Questo link è scaduto</h1>') // true
 */
export function renderStatusPage(
  kind: StatusKind,
  language: string,
  surveyTitle?: string,
  options: StatusPageOptions = {},
): string {
  const ui = uiText(language);
  const status = ui.status[kind];
  const context =
    surveyTitle === undefined || surveyTitle === '' ? html`` : html`<p class="pg">${surveyTitle}</p>`;
  const body = options.message === undefined || options.message.trim() === '' ? status.body : options.message;
  return respondentDocument({
    language: uiLanguage(language),
    title:
      surveyTitle === undefined || surveyTitle === '' ? status.title : `${status.title} – ${surveyTitle}`,
    main: html`${context}<h1>${status.title}</h1><p>${body}</p>`,
    ...(options.nonce === undefined ? {} : { nonce: options.nonce }),
  });
}
