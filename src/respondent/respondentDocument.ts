import { html, SafeHtml } from '../web/html.ts';
import { RESPONDENT_STYLES } from './styles.ts';

/** Languages written right to left (primary subtags). */
const RTL_LANGUAGES = new Set(['ar', 'fa', 'he', 'ur', 'yi']);

export type RespondentDocumentInput = {
  /** The `lang` of `<html>`: the language the content is in. */
  readonly language: string;
  readonly title: string;
  /** Content of `<main>`. */
  readonly main: SafeHtml;
  /** Content of `<header>` (e.g. the language switcher); no header when absent. */
  readonly header?: SafeHtml;
  /** An inline script placed at the end of `<body>`. */
  readonly script?: string;
  /** A CSP nonce for the inline style and script. */
  readonly nonce?: string;
};

/**
 * The HTML document shared by the survey and status pages: `lang` (and `dir` for right-to-left
 * languages), a mobile viewport, no indexing, no referrer (links carry tokens), the inline CSS.
 * @param input language, title, main content, optional header, script and CSP nonce
 * @returns the full document
 * @example respondentDocument({ language: 'it', title: 'Grazie', main: html`<h1>Grazie</h1>` }).startsWith('<!doctype html><html lang="it">') // true
 */
export function respondentDocument(input: RespondentDocumentInput): string {
  const direction = RTL_LANGUAGES.has(input.language.split('-')[0]) ? html` dir="rtl"` : html``;
  const nonce = input.nonce === undefined ? html`` : html` nonce="${input.nonce}"`;
  const header = input.header === undefined ? html`` : html`<header>${input.header}</header>`;
  const script =
    input.script === undefined
      ? html``
      : html`<script${nonce}>${new SafeHtml(scriptSafe(input.script))}</script>`;
  return html`<!doctype html><html lang="${input.language}"${direction}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex,nofollow"><meta name="referrer" content="no-referrer"><title>${input.title}</title><style${nonce}>${new SafeHtml(RESPONDENT_STYLES)}</style></head><body>${header}<main>${input.main}</main>${script}</body></html>`
    .value;
}

/** A script must not contain `</script`; ours never does, but fail loudly rather than break the page. */
function scriptSafe(script: string): string {
  if (/<\/script/i.test(script)) throw new Error('Inline script contains </script');
  return script;
}
