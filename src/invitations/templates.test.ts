import { describe, expect, it } from 'vitest';
import { renderInvitation, unknownPlaceholders } from './templates.ts';

const values = {
  firstName: 'Giulia',
  lastName: 'Verdi',
  accountName: 'Acme <Logistica> & Co',
  surveyName: 'Consegna',
  senderName: 'Il team Rapport',
  surveyLink: 'https://rapport.test/s/abc?x=1&y=2',
  unsubscribeLink: 'https://rapport.test/u/tok',
};

describe('invitation templates', () => {
  it('pipes the contact, account and links into the built-in Italian text', () => {
    const mail = renderInvitation('it', values, { reminder: false });
    expect(mail.subject).toBe('Giulia, com’è andata la sua esperienza con noi?');
    expect(mail.text).toContain('Gentile Giulia,');
    expect(mail.text).toContain('per conto di Acme <Logistica> & Co.');
    expect(mail.text).toContain('\nhttps://rapport.test/s/abc?x=1&y=2\n');
    expect(mail.text).toContain('https://rapport.test/u/tok');
  });

  it('escapes piped values in the HTML and links both URLs', () => {
    const mail = renderInvitation('en', values, { reminder: false });
    expect(mail.html).toContain('Acme &lt;Logistica&gt; &amp; Co');
    expect(mail.html).not.toContain('<Logistica>');
    expect(mail.html).toContain('<a href="https://rapport.test/s/abc?x=1&amp;y=2">');
    expect(mail.html).toContain('<a href="https://rapport.test/u/tok">');
  });

  it('uses the reminder text, the rule’s overrides, and English for a language without a template', () => {
    expect(renderInvitation('it', values, { reminder: true }).subject).toMatch(/^Un promemoria, Giulia/);
    const own = renderInvitation('it', values, {
      reminder: false,
      overrides: { it: { subject: 'Ciao {{firstName}} di {{accountName}}\r\nBcc: x@y' } },
    });
    expect(own.subject).toBe('Ciao Giulia di Acme <Logistica> & Co Bcc: x@y');
    expect(own.text).toContain('Gentile Giulia');
    expect(renderInvitation('de', values, { reminder: false }).text).toContain('Hello Giulia,');
  });

  it('reports placeholders it does not know', () => {
    expect(unknownPlaceholders('Hi {{firstName}} {{ nickname }} {{surveyLink}}')).toEqual(['nickname']);
  });
});
