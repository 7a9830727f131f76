import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/loadDemo.ts';
import { HAVE_CHROMIUM, launchChromium } from '../../test/browser/chromium.ts';
import { freshDatabase } from '../../test/engines.ts';
import { testApp } from '../../test/testApp.ts';
import { ensureAppBuilt } from '../build.ts';
import { checkAndShoot, DEMO_PASSWORD, fillSignIn, SCREENSHOTS } from './viewChecks.ts';

const PASSWORD = DEMO_PASSWORD;
const OWNER = 'owner@demo.rapport.dev';
// A regional manager reads surveys (and their invitations in the region) but does not design them.
const MANAGER = 'manager.north@demo.rapport.dev';
// A question text that would run script if the builder or the preview rendered it as markup.
const XSS_TEXT = '<img src=x onerror="window.__xss=21">Anything else?';
const ITALIAN = 'Mi sento considerato un cliente importante, non un numero.';

describe.skipIf(!HAVE_CHROMIUM)('the survey builder in a real Chromium', () => {
  let handle: Awaited<ReturnType<typeof freshDatabase>>;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await ensureAppBuilt();
    handle = await freshDatabase('pglite');
    await loadDemo(handle.database, { responses: 300, seed: 5, password: PASSWORD });
    app = await testApp(handle.database);
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
    await handle?.drop();
  });

  async function signedIn(path: string, locale = 'en-GB', email = OWNER): Promise<Page> {
    // Bypassing the CSP lets axe run and makes the XSS check prove React's escaping on its own.
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale,
      bypassCSP: true,
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${base}${path}`);
    await fillSignIn(page, email);
    await page.waitForURL((url) => !url.pathname.includes('sign-in'));
    return page;
  }

  const tab = (page: Page, name: string) =>
    page.getByRole('navigation', { name: 'Builder sections' }).getByRole('link', { name }).click();
  const saved = (page: Page) =>
    page.locator('.builder-bar [role="status"]', { hasText: 'All changes saved' }).waitFor();
  const noScriptRan = (page: Page) => page.evaluate(() => (window as { __xss?: number }).__xss);

  it('creates a pulse, adds a Forces item, translates it, adds logic, previews on a phone and publishes', async () => {
    const page = await signedIn('/app/surveys');
    await page.getByRole('link', { name: 'New survey' }).click();
    await page.getByLabel('Name (seen only by your team)').fill('Delivery pulse');
    await page.getByLabel('Kind').selectOption('touchpoint');
    await page.getByLabel('A touchpoint pulse (template)').check();
    await page.locator('main').getByLabel('Touchpoint', { exact: true }).selectOption({ index: 1 });
    await page.getByLabel('Force to dial up (2 of 2)').selectOption('control');
    await checkAndShoot(page, 'builder-new');
    await page.getByRole('button', { name: 'Create and open the builder' }).click();
    await page.getByRole('heading', { name: 'Delivery pulse', level: 1 }).waitFor();
    await page.locator('[data-question="pulse.nps"]').waitFor();
    await checkAndShoot(page, 'builder-questions');

    // The library, grouped by Force, each item with its wording, Force and keying.
    await page.getByRole('button', { name: 'Add from the item library' }).click();
    const library = page.getByRole('region', { name: /Item library/ });
    await library.getByTestId('library-item').first().waitFor();
    const status = library.getByRole('region', { name: 'Status', exact: true });
    expect(await status.getByTestId('library-item').count()).toBeGreaterThanOrEqual(3);
    const tension = status.getByTestId('library-item').filter({ hasText: 'status.t1' });
    expect(await tension.textContent()).toContain('Tension (reverse-scored)');
    // Items the pulse already asks are not offered twice.
    expect(
      await library.getByTestId('library-item').filter({ hasText: 'certainty.p1' }).textContent(),
    ).toContain('Already in this survey');
    await checkAndShoot(page, 'builder-library');
    await status.getByRole('button', { name: 'Add status.f1' }).click();
    const added = page.locator('[data-question="status.f1"]');
    await added.waitFor();
    // Focus lands on the new question, so a keyboard user carries on from there.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
      .toContain('status.f1');
    expect(await added.locator('.tags').textContent()).toContain('Status');
    expect(await added.locator('.tags').textContent()).toContain('Fulfilled');
    await page.getByRole('button', { name: 'Close the library' }).click();

    // Another question type, by keyboard: its Italian text is then missing.
    await page.getByLabel('Question type').selectOption('consent');
    await page.getByRole('button', { name: 'Add question' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="question"]').nth(5).waitFor();
    const consentId = (await page.locator('[data-testid="question"]').last().getAttribute('data-question'))!;
    const consent = page.locator(`[data-question="${consentId}"]`);
    expect(await consent.locator('.tags').textContent()).toContain('Translation missing: it');
    await consent.getByRole('checkbox', { name: `Required ${consentId}` }).check();
    // Reorder: the new consent question moves above status.f1.
    await consent.getByRole('button', { name: `Move up ${consentId}` }).click();
    await expect
      .poll(() =>
        page
          .locator('[data-testid="question"]')
          .evaluateAll((n) => n.map((e) => e.getAttribute('data-question'))),
      )
      .toEqual([
        'pulse.nps',
        'certainty.p1',
        'control.p1',
        'pulse.expectation',
        'pulse.comment',
        consentId,
        'status.f1',
      ]);

    // The comment question's text carries markup: shown as text everywhere.
    await page.getByLabel('Question text (en)').nth(3).fill(XSS_TEXT);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await saved(page);

    // Publishing with a translation missing is refused, and the API's fields are listed.
    await tab(page, 'Publish and versions');
    await page.getByRole('button', { name: 'Publish a new version' }).click();
    const refusal = page.getByTestId('problems');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('Missing "it" translation');
    expect(await refusal.textContent()).toContain('questions[1].text.it');
    await checkAndShoot(page, 'builder-publish-refused');

    // Translations side by side: the gap is flagged in words; fill it and edit the library item's Italian.
    await tab(page, 'Translations');
    const table = page.getByTestId('translations');
    await table.waitFor();
    expect(await table.locator('td.missing').count()).toBeGreaterThan(0);
    expect(await table.locator('thead').textContent()).toContain('Missing translations: 1');
    await checkAndShoot(page, 'builder-translations-missing');
    await page
      .getByLabel(`Question ${consentId} · Question text · Italian`)
      .fill('Acconsento a essere ricontattato.');
    const italian = page.getByLabel('Question status.f1 · Question text · Italian');
    expect(await italian.inputValue()).not.toBe('');
    await italian.fill(ITALIAN);
    expect(await table.locator('td.missing').count()).toBe(0);
    await checkAndShoot(page, 'builder-translations');

    // Display logic: show status.f1 only to detractors and passives (NPS at most 8).
    await tab(page, 'Questions');
    await added.getByRole('button', { name: 'Display logic status.f1' }).click();
    await added.getByLabel('Show this question').selectOption('all');
    await added.getByLabel('Condition 1: answer or hidden field').selectOption('q:pulse.nps');
    await added.getByLabel('Condition 1: comparison').selectOption('lte');
    await added.getByLabel('Condition 1: value').fill('8');
    // The markup text is offered as a plain option label among the earlier answers.
    expect(await added.locator('option', { hasText: '<img src=x' }).count()).toBe(1);
    await checkAndShoot(page, 'builder-logic');

    // A wrong id: the API's problem+json field is shown next to the id field.
    const idField = consent.getByLabel('Answer key (question id)');
    await idField.fill('1 bad id');
    await idField.press('Enter');
    await page.getByRole('button', { name: 'Save draft' }).click();
    const wrong = page.locator('[data-question="1 bad id"]');
    await wrong.locator('.field-problems').first().waitFor();
    expect(await wrong.getByLabel('Answer key (question id)').getAttribute('aria-invalid')).toBe('true');
    expect(await wrong.locator('.field-problems').first().textContent()).toContain('Ids start with a letter');
    await checkAndShoot(page, 'builder-field-error');
    await wrong.getByLabel('Answer key (question id)').fill('contactBack');
    await wrong.getByLabel('Answer key (question id)').press('Enter');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await saved(page);

    const stored = await page.evaluate(async () => {
      const id = new URLSearchParams(location.search).get('survey');
      return (await (await fetch(`/api/v1/surveys/${id}/draft`)).json()) as {
        definition: { pages: { blocks: { questions: Record<string, any>[] }[] }[] };
        issues: unknown[];
      };
    });
    const questions = stored.definition.pages.flatMap((p) => p.blocks.flatMap((b) => b.questions));
    const statusItem = questions.find((q) => q.id === 'status.f1')!;
    expect(statusItem.text.it).toBe(ITALIAN);
    expect(statusItem).toMatchObject({ type: 'agreement', force: 'status', keying: 'fulfilled' });
    expect(statusItem.displayIf).toEqual({ question: 'pulse.nps', op: 'lte', value: 8 });
    expect(questions.find((q) => q.id === 'contactBack')).toMatchObject({ type: 'consent', required: true });
    expect(stored.issues).toEqual([]);

    // The phone preview, drawn by the server's respondent page in a 390 px frame, in both languages.
    await tab(page, 'Preview');
    const frameElement = page.getByTestId('preview-frame');
    await frameElement.waitFor();
    expect((await frameElement.boundingBox())!.width).toBe(390);
    const frame = page.frameLocator('[data-testid="preview-frame"]');
    await frame
      .getByText(/^Your recent experience: /)
      .first()
      .waitFor();
    expect(await frame.locator('body').textContent()).toContain(XSS_TEXT);
    expect(await frame.locator('img').count()).toBe(0);
    await checkAndShoot(page, 'builder-preview');
    await page.getByLabel('Language', { exact: true }).selectOption('it');
    await expect.poll(() => frame.locator('html').getAttribute('lang')).toBe('it');
    // The item is there in Italian, hidden by its display logic until NPS is answered 0–8.
    const item = frame.getByText(ITALIAN);
    await item.waitFor({ state: 'attached' });
    expect(await item.isVisible()).toBe(false);
    await checkAndShoot(page, 'builder-preview-it');

    // Publish: an immutable version 1, shown in the versions list.
    await tab(page, 'Publish and versions');
    await page.getByRole('button', { name: 'Publish a new version' }).click();
    await page.getByRole('status').filter({ hasText: 'Version 1 published.' }).waitFor();
    const versions = page.getByTestId('versions');
    await versions.locator('tbody tr').first().waitFor();
    expect(await versions.locator('tbody th').allTextContents()).toEqual(['1']);
    expect(await page.locator('.builder-facts').textContent()).toContain('published version: 1');
    await checkAndShoot(page, 'builder-published');

    // Distribution: the open link and the invitations by status.
    await tab(page, 'Distribution');
    await page.getByRole('button', { name: 'Create open link' }).click();
    expect(await page.getByRole('textbox', { name: 'Open link' }).inputValue()).toMatch(/\/s\/open\//);
    const counts = page.getByTestId('invitation-counts');
    await counts.waitFor();
    expect(await counts.locator('tbody th').allTextContents()).toEqual([
      'Queued',
      'Sent',
      'Answered',
      'Bounced',
      'Marked as spam',
      'Failed',
      'Cancelled',
    ]);
    await checkAndShoot(page, 'builder-distribution');

    expect(await noScriptRan(page)).toBeUndefined();
    expect(pageErrors).toEqual([]);
  }, 240_000);

  it('works in Italian on the demo relationship survey, by keyboard and axe-clean', async () => {
    const page = await signedIn('/app/surveys', 'it-IT');
    await page.getByTestId('surveys').waitFor();
    await page.getByLabel('Interface language').selectOption('it');
    const edit = page.getByRole('link', { name: /^Modifica/ }).first();
    await edit.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'Sezioni dell’editor' }).waitFor();
    await page.locator('[data-testid="question"]').first().waitFor();
    await checkAndShoot(page, 'builder-questions-it');
    await page.getByRole('link', { name: 'Traduzioni' }).click();
    await page.getByTestId('translations').waitFor();
    await checkAndShoot(page, 'builder-translations-it');
    expect(await noScriptRan(page)).toBeUndefined();
    expect(pageErrors).toEqual([]);
  }, 120_000);
  /** The ids of the questions in each block of the draft as the API stores it, and the draft itself. */
  const storedDraft = (page: Page) =>
    page.evaluate(async () => {
      const id = new URLSearchParams(location.search).get('survey');
      return (await (await fetch(`/api/v1/surveys/${id}/draft`)).json()) as {
        definition: {
          pages: {
            id: string;
            description?: Record<string, string>;
            blocks: { id: string; questions: Record<string, any>[] }[];
          }[];
        };
      };
    });

  it('edits the structure: blocks, matrix rows in both languages, page text, and a page that would be left empty', async () => {
    const page = await signedIn('/app/surveys');
    await page.getByRole('link', { name: 'New survey' }).click();
    await page.getByLabel('Name (seen only by your team)').fill('Structure check');
    await page.getByLabel('A blank survey').check();
    await page.getByRole('button', { name: 'Create and open the builder' }).click();
    await page.locator('[data-question="q1"]').waitFor();

    // The page's title and description, inline.
    await page.getByLabel('Page title (en)').fill('About you');
    await page.getByLabel('Page description (en)').fill('A few questions <b>first</b>.');

    // A matrix in a new block, added by keyboard.
    await page.getByLabel('Add to').selectOption({ label: 'A new block' });
    await page.getByLabel('Question type').selectOption('matrix');
    await page.getByRole('button', { name: 'Add question' }).focus();
    await page.keyboard.press('Enter');
    const matrix = page.locator('[data-question="q2"]');
    await matrix.waitFor();
    const blocks = () =>
      page
        .locator('.block')
        .evaluateAll((nodes) =>
          nodes.map((n) =>
            [...n.querySelectorAll('[data-question]')].map((q) => q.getAttribute('data-question')),
          ),
        );
    expect(await blocks()).toEqual([['q1'], ['q2']]);

    // Rows: a third one with a text field per language of the survey, then the first one goes.
    await matrix.getByRole('button', { name: 'Add row q2' }).click();
    expect(await matrix.getByLabel('Row 3 text (en)').inputValue()).toBe('Row 3');
    expect(await matrix.getByLabel('Row 3 text (it)').inputValue()).toBe('Riga 3');
    await matrix.getByLabel('Row 3 text (it)').fill('Puntualità');
    await matrix.getByRole('button', { name: 'Remove row 1 q2' }).click();
    expect(await matrix.getByTestId('matrix-rows').locator('li').count()).toBe(2);
    await checkAndShoot(page, 'builder-structure-matrix');

    // A text question joins the matrix's block, then starts a block of its own, moves, and the blocks join.
    await page.getByLabel('Question type').selectOption('text');
    await page.getByRole('button', { name: 'Add question' }).click();
    const q3 = page.locator('[data-question="q3"]');
    await q3.waitFor();
    expect(await blocks()).toEqual([['q1'], ['q2', 'q3']]);
    await q3.getByRole('button', { name: 'Start a new block here q3' }).click();
    await expect.poll(blocks).toEqual([['q1'], ['q2'], ['q3']]);
    await q3.getByLabel('Move to block q3').selectOption({ label: 'Page 1 (About you) · block main' });
    await q3.getByRole('button', { name: 'Move q3', exact: true }).click();
    await expect.poll(blocks).toEqual([['q1', 'q3'], ['q2']]);
    await page.getByRole('button', { name: /^Join with the block above/ }).click();
    await expect.poll(blocks).toEqual([['q1', 'q3', 'q2']]);

    // A second page, then its only question removed: the builder asks before the page goes with it.
    await page.getByRole('button', { name: 'Add a page' }).click();
    expect(await page.getByTestId('page').count()).toBe(2);
    const lone = page.getByTestId('page').nth(1).getByTestId('question');
    const loneId = (await lone.getAttribute('data-question'))!;
    await lone.getByRole('button', { name: `Remove ${loneId}` }).click();
    const asking = page.getByTestId('page-removal');
    await asking.waitFor();
    expect(await asking.textContent()).toContain('last question of page 2');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
      .toContain('Remove the question and page 2');
    await checkAndShoot(page, 'builder-structure-ask');
    // Escape keeps things as they were, and the focus goes back to the button.
    await page.keyboard.press('Escape');
    await asking.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toBe(`remove-${loneId}`);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Remove the question and page 2' }).click();
    await expect.poll(() => page.getByTestId('page').count()).toBe(1);

    await page.getByRole('button', { name: 'Save draft' }).click();
    await saved(page);
    const stored = await storedDraft(page);
    expect(stored.definition.pages).toHaveLength(1);
    expect(stored.definition.pages[0].description).toEqual({ en: 'A few questions <b>first</b>.' });
    expect(stored.definition.pages[0].blocks.map((b) => [b.id, b.questions.map((q) => q.id)])).toEqual([
      ['main', ['q1', 'q3', 'q2']],
    ]);
    expect(stored.definition.pages[0].blocks[0].questions[2].rows).toEqual([
      { id: 'r2', text: { en: 'Row 2' } },
      { id: 'r3', text: { en: 'Row 3', it: 'Puntualità' } },
    ]);
    expect(await noScriptRan(page)).toBeUndefined();
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('gives a role without surveys:manage a read-only builder, axe-clean, with the demo invitations counted', async () => {
    const page = await signedIn('/app/surveys', 'en-GB', MANAGER);
    const list = page.getByTestId('surveys');
    await list.waitFor();
    expect(await page.getByRole('link', { name: 'New survey' }).count()).toBe(0);
    expect(await list.getByRole('link', { name: /^Edit/ }).count()).toBe(0);
    expect(await list.getByRole('button').count()).toBe(0);
    await checkAndShoot(page, 'builder-readonly-list');
    await list.getByRole('link', { name: /^View\W+Forces relationship survey$/ }).click();
    await page.getByTestId('read-only').waitFor();
    const builder = page.locator('.builder');
    await builder.getByTestId('survey-outline').waitFor();
    const editing = () => builder.locator('input, textarea, select, button').count();
    expect(await editing()).toBe(0);
    expect(await builder.getByTestId('question').count()).toBeGreaterThan(10);
    await checkAndShoot(page, 'builder-readonly-questions');

    await tab(page, 'Translations');
    await page.getByTestId('translations').waitFor();
    // Only the filter of missing texts remains: nothing edits a text or a language.
    expect(await builder.locator('textarea, button, #new-language').count()).toBe(0);
    await checkAndShoot(page, 'builder-readonly-translations');

    await tab(page, 'Versions');
    await page.getByTestId('versions').waitFor();
    expect(await editing()).toBe(0);
    await checkAndShoot(page, 'builder-readonly-versions');

    await tab(page, 'Distribution');
    const counts = page.getByTestId('invitation-counts');
    await counts.waitFor();
    expect(await builder.locator('input, textarea, select, button').count()).toBe(0);
    const answered = Number(await counts.locator('tr', { hasText: 'Answered' }).locator('td').textContent());
    const sent = Number(await counts.locator('tr', { hasText: 'Sent' }).locator('td').textContent());
    expect(answered + sent).toBeGreaterThan(0);
    await checkAndShoot(page, 'builder-readonly-distribution');

    // A draft the role cannot save is never started: a new survey's address shows the list instead.
    await page.goto(`${base}/app/surveys?new=1`);
    await page.getByTestId('surveys').waitFor();
    expect(await page.getByLabel('Name (seen only by your team)').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('finds a contact in scope and makes a personal link, shown once with a copy button', async () => {
    const contact = await handle.database.db
      .selectFrom('contacts')
      .select(['first_name', 'last_name', 'email'])
      .where('opted_out_at', 'is', null)
      .orderBy('email')
      .limit(1)
      .executeTakeFirstOrThrow();
    const page = await signedIn('/app/surveys');
    await page.getByTestId('surveys').waitFor();
    await page.getByRole('link', { name: /^Edit\W+Forces relationship survey$/ }).click();
    await tab(page, 'Distribution');
    const counts = page.getByTestId('invitation-counts');
    await counts.waitFor();
    expect(
      Number(await counts.locator('tr', { hasText: 'Answered' }).locator('td').textContent()),
    ).toBeGreaterThan(0);
    expect(Number(await counts.locator('tr', { hasText: 'Bounced' }).locator('td').textContent())).toBe(2);

    // By keyboard: type the address, wait for the results, Tab to the contact's button.
    const search = page.getByLabel('Name, e-mail or account');
    await search.focus();
    await page.keyboard.type(contact.email);
    const results = page.getByTestId('contact-results');
    await results.waitFor();
    expect(await results.locator('tbody tr').count()).toBe(1);
    await checkAndShoot(page, 'builder-personal-link-search');
    const name = `${contact.first_name} ${contact.last_name}`;
    await results.getByRole('button', { name: new RegExp(`^Create a personal link\\W+${name}$`) }).focus();
    await page.keyboard.press('Enter');
    const field = page.getByRole('textbox', { name: `Personal link for ${name}` });
    await field.waitFor();
    expect(await field.inputValue()).toMatch(/\/s\/[A-Za-z0-9_-]{64}$/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('personal-link');
    await page.getByTestId('personal-link').getByRole('button', { name: 'Copy' }).click();
    await page.getByTestId('personal-link').getByRole('status').filter({ hasText: 'Copied.' }).waitFor();
    await checkAndShoot(page, 'builder-personal-link');
    // The link opens the survey for that contact (on the test server, not the configured public address).
    const url = new URL(await field.inputValue());
    const respondent = await page.context().newPage();
    const opened = await respondent.goto(`${base}${url.pathname}`);
    expect(opened?.status()).toBe(200);
    await respondent.close();
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
