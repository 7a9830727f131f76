import type { InvitationTemplates } from '../db/schema.ts';
import { escapeHtml } from '../web/html.ts';

/** The values an invitation's texts may pipe in, as `{{name}}`. */
export interface InvitationValues {
  firstName: string;
  lastName: string;
  accountName: string;
  surveyName: string;
  senderName: string;
  surveyLink: string;
  unsubscribeLink: string;
}

export const TEMPLATE_PLACEHOLDERS: readonly (keyof InvitationValues)[] = [
  'firstName',
  'lastName',
  'accountName',
  'surveyName',
  'senderName',
  'surveyLink',
  'unsubscribeLink',
];
const LINKS = new Set<string>(['surveyLink', 'unsubscribeLink']);

interface Texts {
  subject: string;
  text: string;
  reminderSubject: string;
  reminderText: string;
}

/** The built-in invitation in each language Rapport ships. */
export const BUILT_IN_TEMPLATES: Record<'en' | 'it', Texts> = {
  en: {
    subject: '{{firstName}}, how was your experience with us?',
    text: [
      'Hello {{firstName}},',
      '',
      'thank you for working with us on behalf of {{accountName}}. Would you tell us how it went? Your answers go straight to the team responsible, and the survey takes about five minutes:',
      '',
      '{{surveyLink}}',
      '',
      'This link is personal: please do not forward it.',
      '',
      'Thank you,',
      '{{senderName}}',
      '',
      'Prefer not to receive surveys from us? Unsubscribe: {{unsubscribeLink}}',
    ].join('\n'),
    reminderSubject: 'A reminder, {{firstName}}: five minutes to tell us how it went',
    reminderText: [
      'Hello {{firstName}},',
      '',
      'a few days ago we asked how your experience with us went for {{accountName}}. If you have five minutes, your answers would help us a great deal:',
      '',
      '{{surveyLink}}',
      '',
      'Thank you,',
      '{{senderName}}',
      '',
      'Prefer not to receive surveys from us? Unsubscribe: {{unsubscribeLink}}',
    ].join('\n'),
  },
  it: {
    subject: '{{firstName}}, com’è andata la sua esperienza con noi?',
    text: [
      'Gentile {{firstName}},',
      '',
      'grazie per aver lavorato con noi per conto di {{accountName}}. Ci racconterebbe com’è andata? Le sue risposte arrivano direttamente al team responsabile e il questionario richiede circa cinque minuti:',
      '',
      '{{surveyLink}}',
      '',
      'Il link è personale: la preghiamo di non inoltrarlo.',
      '',
      'Grazie,',
      '{{senderName}}',
      '',
      'Preferisce non ricevere più questionari da noi? Annulli l’iscrizione: {{unsubscribeLink}}',
    ].join('\n'),
    reminderSubject: 'Un promemoria, {{firstName}}: cinque minuti per dirci com’è andata',
    reminderText: [
      'Gentile {{firstName}},',
      '',
      'qualche giorno fa le abbiamo chiesto com’è andata la sua esperienza con noi per {{accountName}}. Se ha cinque minuti, le sue risposte ci aiuterebbero molto:',
      '',
      '{{surveyLink}}',
      '',
      'Grazie,',
      '{{senderName}}',
      '',
      'Preferisce non ricevere più questionari da noi? Annulli l’iscrizione: {{unsubscribeLink}}',
    ].join('\n'),
  },
};

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** Placeholders a template uses that Rapport does not know (reported when a rule is saved). */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)]
    .map((m) => m[1])
    .filter((name) => !(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name));
}

function pipePlain(template: string, values: InvitationValues): string {
  return template.replace(PLACEHOLDER, (_m, name: string) =>
    name in values ? values[name as keyof InvitationValues] : '',
  );
}

/** HTML from the same template: every piece of text escaped, links as anchors, blank lines as paragraphs. */
function pipeHtml(template: string, values: InvitationValues): string {
  const paragraphs = template.split(/\n{2,}/).map((paragraph) => {
    let out = '';
    let last = 0;
    for (const match of paragraph.matchAll(PLACEHOLDER)) {
      out += escapeHtml(paragraph.slice(last, match.index));
      const name = match[1];
      const value = name in values ? values[name as keyof InvitationValues] : '';
      out += LINKS.has(name) ? `<a href="${escapeHtml(value)}">${escapeHtml(value)}</a>` : escapeHtml(value);
      last = (match.index ?? 0) + match[0].length;
    }
    out += escapeHtml(paragraph.slice(last));
    return `<p>${out.replaceAll('\n', '<br>')}</p>`;
  });
  return `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">${paragraphs.join('')}</body></html>`;
}

export interface RenderedInvitation {
  subject: string;
  text: string;
  html: string;
}

/**
 * The invitation (or reminder) in `language`: the rule's own texts for that language where given,
 * else the built-in ones (English when Rapport has none in that language). Piped values are
 * untrusted: the HTML escapes them and the subject loses line breaks.
 */
export function renderInvitation(
  language: string,
  values: InvitationValues,
  options: { reminder: boolean; overrides?: InvitationTemplates },
): RenderedInvitation {
  const builtIn = BUILT_IN_TEMPLATES[language as 'en' | 'it'] ?? BUILT_IN_TEMPLATES.en;
  const own = options.overrides?.[language] ?? {};
  const subject = options.reminder
    ? (own.reminderSubject ?? builtIn.reminderSubject)
    : (own.subject ?? builtIn.subject);
  const text = options.reminder ? (own.reminderText ?? builtIn.reminderText) : (own.text ?? builtIn.text);
  return {
    subject: pipePlain(subject, values)
      .replace(/[\r\n]+/g, ' ')
      .trim(),
    text: pipePlain(text, values),
    html: pipeHtml(text, values),
  };
}
