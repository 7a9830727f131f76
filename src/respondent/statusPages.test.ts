import { describe, expect, it } from 'vitest';
import { renderStatusPage } from './statusPages.ts';
import type { StatusKind } from './uiText.ts';

const kinds: StatusKind[] = ['closed', 'expired', 'alreadyAnswered', 'thankYou', 'notFound'];

describe('renderStatusPage', () => {
  it('renders each kind as a small document with its own heading, in English and Italian', () => {
    const headings = new Set<string>();
    for (const language of ['en', 'it']) {
      for (const kind of kinds) {
        const page = renderStatusPage(kind, language);
        expect(page.startsWith(`<!doctype html><html lang="${language}">`)).toBe(true);
        const heading = /<h1>([^<]+)<\/h1>/.exec(page)?.[1];
        expect(heading).toBeDefined();
        headings.add(heading as string);
        expect(page).not.toContain('<form');
        expect(page).not.toContain('<script');
        expect(page.length).toBeLessThan(6000);
      }
    }
    expect(headings.size).toBe(10);
    expect(renderStatusPage('expired', 'it')).toContain('<h1>Questo link è scaduto</h1>');
    expect(renderStatusPage('thankYou', 'en')).toContain('<h1>Thank you</h1>');
  });

  it('shows the survey title, escaped, and a replacement message', () => {
    const page = renderStatusPage('thankYou', 'en', 'Acme <Rail>', {
      message: 'Your answers reach the team & the board.',
    });
    expect(page).toContain('<p class="pg">Acme &lt;Rail&gt;</p><h1>Thank you</h1>');
    expect(page).toContain('<p>Your answers reach the team &amp; the board.</p>');
    expect(page).toContain('<title>Thank you – Acme &lt;Rail&gt;</title>');
  });

  it('falls back to English for a language without page strings and adds a CSP nonce when given', () => {
    const page = renderStatusPage('closed', 'de', undefined, { nonce: 'n0nce' });
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<style nonce="n0nce">');
  });
});
