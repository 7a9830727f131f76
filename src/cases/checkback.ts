import { createHmac } from 'node:crypto';
import { sameSecret } from '../identity/secrets.ts';
import { respondentDocument } from '../respondent/respondentDocument.ts';
import { html } from '../web/html.ts';

/**
 * Closing the loop with the customer: once a case is resolved they are asked "was this resolved to
 * your satisfaction?". The link carries an HMAC of the case under the organisation's signing key,
 * so only the person emailed can answer. Opening the link only shows the question (mail scanners
 * open links); the answer is a form post. Yes closes the case, no reopens it.
 */

export function checkbackSignature(signingKey: string, orgId: string, caseId: string): string {
  return createHmac('sha256', signingKey).update(`checkback:${orgId}:${caseId}`).digest('base64url');
}

export function verifyCheckback(
  signingKey: string,
  orgId: string,
  caseId: string,
  signature: string,
): boolean {
  return sameSecret(checkbackSignature(signingKey, orgId, caseId), signature);
}

export function checkbackLink(
  baseUrl: string,
  signingKey: string,
  orgId: string,
  caseId: string,
  answer?: 'yes' | 'no',
) {
  const sig = checkbackSignature(signingKey, orgId, caseId);
  const url = new URL(`/loop/${orgId}/${caseId}`, baseUrl);
  url.searchParams.set('sig', sig);
  if (answer) url.searchParams.set('answer', answer);
  return url.toString();
}

type Language = 'en' | 'it';

const TEXT: Record<
  Language,
  {
    subject: string;
    question: string;
    yes: string;
    no: string;
    thanksYes: string;
    thanksNo: string;
    invalid: string;
    intro: (name: string) => string;
  }
> = {
  en: {
    subject: 'Was this resolved to your satisfaction?',
    question: 'Was this resolved to your satisfaction?',
    yes: 'Yes, resolved',
    no: 'No, not resolved',
    thanksYes: 'Thank you. We are glad it is resolved.',
    thanksNo: 'Thank you for telling us. We have reopened the matter and will be in touch.',
    invalid: 'This link is not valid.',
    intro: (name) => `Hello ${name}, we recently followed up on your feedback.`,
  },
  it: {
    subject: 'Il problema è stato risolto in modo soddisfacente?',
    question: 'Il problema è stato risolto in modo soddisfacente?',
    yes: 'Sì, risolto',
    no: 'No, non risolto',
    thanksYes: 'Grazie. Siamo lieti che sia stato risolto.',
    thanksNo: 'Grazie per avercelo detto. Abbiamo riaperto la pratica e la ricontatteremo.',
    invalid: 'Questo link non è valido.',
    intro: (name) => `Gentile ${name}, abbiamo dato seguito al suo feedback.`,
  },
};

export function checkbackLanguage(language: string | null | undefined): Language {
  return language?.toLowerCase().startsWith('it') ? 'it' : 'en';
}

/** The short email to the customer (text and HTML; every interpolated value escaped in HTML). */
export function checkbackEmail(input: {
  language: string;
  firstName: string;
  organisationName: string;
  yesUrl: string;
  noUrl: string;
}): { subject: string; text: string; html: string } {
  const t = TEXT[checkbackLanguage(input.language)];
  const text = `${t.intro(input.firstName)}\n\n${t.question}\n\n${t.yes}: ${input.yesUrl}\n${t.no}: ${input.noUrl}\n\n${input.organisationName}\n`;
  const body = html`<p>${t.intro(input.firstName)}</p><p><strong>${t.question}</strong></p><p><a href="${input.yesUrl}">${t.yes}</a> &nbsp; <a href="${input.noUrl}">${t.no}</a></p><p>${input.organisationName}</p>`;
  return { subject: t.subject, text, html: body.value };
}

/** The answer page: the question with two buttons (a form post), preselected from the link. */
export function checkbackPage(input: {
  language: string;
  action: string;
  sig: string;
  nonce: string;
  answered?: 'yes' | 'no';
  invalid?: boolean;
}): string {
  const t = TEXT[checkbackLanguage(input.language)];
  const language = checkbackLanguage(input.language);
  if (input.invalid) {
    return respondentDocument({
      language,
      title: t.invalid,
      main: html`<h1>${t.invalid}</h1>`,
      nonce: input.nonce,
    });
  }
  if (input.answered) {
    const message = input.answered === 'yes' ? t.thanksYes : t.thanksNo;
    return respondentDocument({
      language,
      title: message,
      main: html`<h1>${message}</h1>`,
      nonce: input.nonce,
    });
  }
  const main = html`<h1>${t.question}</h1><form method="post" action="${input.action}"><input type="hidden" name="sig" value="${input.sig}"><button type="submit" name="answer" value="yes">${t.yes}</button> <button type="submit" name="answer" value="no">${t.no}</button></form>`;
  return respondentDocument({ language, title: t.question, main, nonce: input.nonce });
}
