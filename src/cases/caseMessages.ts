/**
 * The emails staff get about a case (pure). The case title, account name and the customer's comment
 * are untrusted: the text part carries them as they are, the HTML part escapes every one.
 */
import { html } from '../web/html.ts';
import type { CaseEvent } from './announce.ts';

const HEADLINE: Record<CaseEvent, string> = {
  'case.created': 'New case',
  'case.updated': 'Case updated',
  'case.escalated': 'Case escalated to you',
  'case.resolved': 'Case resolved',
  'case.reopened': 'Case reopened',
  'case.closed': 'Case closed',
};

export interface CaseMessageInput {
  type: CaseEvent;
  title: string;
  priority: string;
  status: string;
  accountName: string | null;
  comment: string;
  firstContactDueAt: Date;
  resolutionDueAt: Date;
  caseUrl: string;
}

export function caseMessage(input: CaseMessageInput): { subject: string; text: string; html: string } {
  const headline = HEADLINE[input.type];
  const subject = `[${input.priority}] ${headline}: ${input.title}`.replace(/[\r\n]+/g, ' ');
  const lines = [
    `${headline}: ${input.title}`,
    `Priority: ${input.priority} · Status: ${input.status}`,
    input.accountName ? `Account: ${input.accountName}` : null,
    `First contact due: ${input.firstContactDueAt.toISOString()}`,
    `Resolution due: ${input.resolutionDueAt.toISOString()}`,
    input.comment ? `\nThe customer wrote:\n${input.comment}` : null,
    `\nOpen the case: ${input.caseUrl}`,
  ].filter((line) => line !== null);
  const body = html`<h1>${headline}: ${input.title}</h1>
<p>Priority: ${input.priority} · Status: ${input.status}</p>
${input.accountName ? html`<p>Account: ${input.accountName}</p>` : ''}
<p>First contact due: ${input.firstContactDueAt.toISOString()}<br>Resolution due: ${input.resolutionDueAt.toISOString()}</p>
${input.comment ? html`<p>The customer wrote:</p><blockquote>${input.comment}</blockquote>` : ''}
<p><a href="${input.caseUrl}">Open the case</a></p>`;
  return { subject, text: lines.join('\n'), html: body.value };
}
