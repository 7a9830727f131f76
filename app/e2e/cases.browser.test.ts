import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobQueue, type PgBoss } from '../../src/db/jobs.ts';
import { loadDemo } from '../../src/demo/loadDemo.ts';
import { startTextPipeline } from '../../src/text/pipeline/textPipeline.ts';
import { HAVE_CHROMIUM, launchChromium } from '../../test/browser/chromium.ts';
import { freshDatabase } from '../../test/engines.ts';
import { signIn, testApp } from '../../test/testApp.ts';
import { ensureAppBuilt } from '../build.ts';
import { checkAndShoot, DEMO_PASSWORD, fillSignIn, SCREENSHOTS } from './viewChecks.ts';

const PASSWORD = DEMO_PASSWORD;
const OWNER = 'owner@demo.rapport.dev';
const ANALYST = 'analyst@demo.rapport.dev';
// Stored XSS: a comment and a case note that would run script if rendered as markup.
const COMMENT_IMG = 'Xss probe <img src=x onerror="window.__xss=11"> the invoice was wrong';
const COMMENT_SCRIPT = 'Xss probe <script>window.__xss=12</script> late delivery';
const NOTE_PAYLOAD = '<img src=x onerror="window.__xss=13"><script>window.__xss=14</script>Called back';

describe.skipIf(!HAVE_CHROMIUM)('comments and cases in a real Chromium', () => {
  let handle: Awaited<ReturnType<typeof freshDatabase>>;
  let app: FastifyInstance;
  let jobs: PgBoss;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await ensureAppBuilt();
    handle = await freshDatabase('pglite');
    const { orgId } = await loadDemo(handle.database, { responses: 3000, seed: 11, password: PASSWORD });
    const db = handle.database.db;
    // Two recent comments carry payloads (kept on their responses, so a case can be opened from them).
    const recent = await db
      .selectFrom('comments')
      .select('comment_id')
      .where('org_id', '=', orgId)
      .where('response_id', 'is not', null)
      .orderBy('created_at', 'desc')
      .limit(2)
      .execute();
    await db
      .updateTable('comments')
      .set({ text: COMMENT_IMG })
      .where('comment_id', '=', recent[0].comment_id)
      .execute();
    await db
      .updateTable('comments')
      .set({ text: COMMENT_SCRIPT })
      .where('comment_id', '=', recent[1].comment_id)
      .execute();
    // The text pipeline reads every comment, so labels and their spans are there to show.
    jobs = createJobQueue(handle.database);
    await jobs.start();
    const pipeline = await startTextPipeline({ database: handle.database, jobs, intervalMs: 0 });
    await pipeline.sweep();
    await pipeline.stop();
    app = await testApp(handle.database);
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
    await jobs?.stop({ graceful: false });
    await handle?.drop();
  });

  async function signedIn(email: string): Promise<{ page: Page; errors: string[]; dialogs: string[] }> {
    // Bypassing the CSP lets axe be injected, and makes the XSS check prove React's escaping on its own.
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      bypassCSP: true,
    });
    contexts.push(context);
    const page = await context.newPage();
    const errors: string[] = [];
    const dialogs: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${base}/app/`);
    await fillSignIn(page, email);
    await page.waitForURL((url) => url.pathname === '/app/');
    await page.locator('.kpi .value, .kpi .suppressed').first().waitFor();
    return { page, errors, dialogs };
  }

  const openAlerts = async (page: Page) =>
    Number((await page.getByTestId('open-alerts').textContent())!.replace(/\D/g, ''));

  it('overview → one unit → a comment → a case from it → resolved → the overview’s open alerts follow', async () => {
    const { page, errors } = await signedIn(OWNER);
    await page.getByTestId('open-alerts').waitFor();
    const before = await openAlerts(page);

    // Drill into one unit, then read its comments (the unit filter travels with the user).
    await page.getByRole('button', { name: /All units in my scope/ }).click();
    await page.getByRole('button', { name: 'Southern Europe', exact: true }).click();
    await page.waitForURL(/unitId=/);
    await page.getByRole('link', { name: 'Comments' }).click();
    await page.waitForURL(/\/app\/comments\?.*unitId=/);
    const list = page.getByTestId('comments');
    await list.waitFor();
    // Labels come with the spans behind them, marked in the text.
    expect(await list.locator('mark').count()).toBeGreaterThan(0);
    await checkAndShoot(page, 'comments-south');

    // Keyset paging: "more" appends the next page without repeating any comment.
    const firstPage = await list.locator('> li').count();
    await page.getByRole('button', { name: 'Show more comments' }).click();
    await expect.poll(() => list.locator('> li').count()).toBeGreaterThan(firstPage);
    const metas = await list.locator('.comment-meta').evaluateAll((nodes) => nodes.map((n) => n.id));
    expect(new Set(metas).size).toBe(metas.length);

    // Relabel in place: the correction shows at once and is kept.
    const card = list.locator('> li').first();
    await card.getByRole('button', { name: 'Correct labels' }).click();
    await card.getByLabel('Force', { exact: true }).selectOption('fairTreatment');
    await card.getByLabel('Polarity').selectOption('tension');
    await card.getByRole('button', { name: 'Save labels' }).click();
    await expect
      .poll(() => card.getByTestId('label-force').textContent())
      .toMatch(/Fair treatment · tension \(corrected\)/);
    await page.reload();
    await expect
      .poll(() =>
        page.getByTestId('comments').locator('> li').first().getByTestId('label-force').textContent(),
      )
      .toMatch(/Fair treatment · tension \(corrected\)/);

    // Open a case from the comment, then see the overview count it.
    const first = page.getByTestId('comments').locator('> li').first();
    await first.getByRole('button', { name: 'Open a case' }).click();
    await first.getByRole('link', { name: 'Go to the case' }).click();
    await page.waitForURL(/\/app\/cases\?case=/);
    const caseUrl = page.url();
    await page.getByTestId('case-detail').waitFor();
    expect(await page.getByTestId('case-status').textContent()).toBe('New');
    await page.getByRole('link', { name: 'Overview' }).click();
    await expect.poll(() => openAlerts(page)).toBe(before + 1);

    // Work it: a note (payload kept as text), root cause from the codeframe, resolution.
    await page.goto(caseUrl);
    const detail = page.getByTestId('case-detail');
    await detail.waitFor();
    await detail.getByLabel('Text', { exact: true }).fill(NOTE_PAYLOAD);
    await detail.getByRole('button', { name: 'Add to the timeline' }).click();
    await expect.poll(() => detail.getByTestId('timeline').textContent()).toContain(NOTE_PAYLOAD);
    await detail.getByLabel('Root cause').selectOption({ label: 'Force: Certainty' });
    await detail
      .getByLabel('Resolution', { exact: true })
      .fill('Called the customer; the invoice is corrected.');
    await detail.getByRole('button', { name: 'Resolve the case' }).click();
    await expect.poll(() => detail.getByTestId('case-status').textContent()).toBe('Resolved');
    await checkAndShoot(page, 'case-resolved');

    await page.getByRole('link', { name: 'Overview' }).click();
    await expect.poll(() => openAlerts(page)).toBe(before);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(errors).toEqual([]);
  }, 240_000);

  it('streams a case given to you into the live inbox, and lists it under my cases', async () => {
    const { page } = await signedIn(OWNER);
    await page.getByRole('link', { name: 'Cases', exact: true }).click();
    await page.waitForURL(/\/app\/cases/);
    await expect.poll(() => page.getByTestId('inbox-live').textContent()).toMatch(/^Live/);
    // A colleague opens a case and gives it to the owner.
    const me = await page.evaluate(async () => (await (await fetch('/api/v1/me')).json()).userId as string);
    const responseId = (
      await handle.database.db
        .selectFrom('comments')
        .select('response_id')
        .where('response_id', 'is not', null)
        .limit(1)
        .executeTakeFirstOrThrow()
    ).response_id!;
    const analyst = await signIn(app, ANALYST, PASSWORD);
    const opened = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { cookie: analyst.cookie, 'x-csrf-token': analyst.csrfToken },
      payload: { responseId, ownerUserId: me, title: 'Given to the owner <b>live</b>' },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const inbox = page.getByTestId('inbox');
    await inbox.getByText('Given to the owner <b>live</b>').waitFor({ timeout: 15_000 });
    await page.getByTestId('case-list').getByText('Given to the owner <b>live</b>').waitFor();
    await checkAndShoot(page, 'cases-inbox');
    await page.getByLabel('Interface language').selectOption('it');
    await page.locator('h1', { hasText: 'Casi' }).waitFor();
    await checkAndShoot(page, 'cases-inbox-it');
    await page.getByLabel('Lingua dell’interfaccia').selectOption('en');
  }, 120_000);

  it('renders comments in Italian, and the improvement actions board with its before/after effect', async () => {
    const { page } = await signedIn(OWNER);
    await page.getByLabel('Interface language').selectOption('it');
    await page.getByRole('link', { name: 'Commenti' }).click();
    await page.getByTestId('comments').waitFor();
    await checkAndShoot(page, 'comments-it');
    await page.getByLabel('Lingua dell’interfaccia').selectOption('en');

    await page.getByRole('link', { name: 'Cases', exact: true }).click();
    await page.getByRole('link', { name: 'Improvement actions' }).click();
    await page.getByTestId('improvements').waitFor();
    const started = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('What will change').fill('Proactive delivery updates');
    await page.getByLabel('Force', { exact: true }).selectOption('certainty');
    await page.getByLabel('Started on').fill(started);
    await page.getByRole('button', { name: 'Create action' }).click();
    const action = page.getByTestId('improvements').locator('li', { hasText: 'Proactive delivery updates' });
    await action.waitFor();
    await action.getByRole('button', { name: 'Before and after' }).click();
    const verdict = page.getByTestId('effect-verdict');
    await verdict.waitFor();
    expect(await verdict.textContent()).toMatch(/significant|Too few answers/);
    expect(await page.getByTestId('effect').locator('tbody tr').count()).toBe(2);
    await checkAndShoot(page, 'improvements');
    await page.getByLabel('Interface language').selectOption('it');
    await page.locator('h1', { hasText: 'Casi' }).waitFor();
    await checkAndShoot(page, 'improvements-it');
  }, 120_000);

  it('renders script and HTML in comments and case notes as text, and runs none of it', async () => {
    const { page, dialogs } = await signedIn(OWNER);
    await page.goto(`${base}/app/comments?q=Xss%20probe`);
    const list = page.getByTestId('comments');
    await list.waitFor();
    const texts = await list.locator('.comment-text').allInnerTexts();
    expect(texts.some((text) => text.includes('<img src=x onerror="window.__xss=11">'))).toBe(true);
    expect(texts.some((text) => text.includes('<script>window.__xss=12</script>'))).toBe(true);
    // Open a case from the payload comment and write a note with a payload.
    const card = list.locator('> li', { hasText: 'onerror' }).first();
    await card.getByRole('button', { name: 'Open a case' }).click();
    await card.getByRole('link', { name: 'Go to the case' }).click();
    const detail = page.getByTestId('case-detail');
    await detail.waitFor();
    await detail.getByLabel('Text', { exact: true }).fill(NOTE_PAYLOAD);
    await detail.getByRole('button', { name: 'Add to the timeline' }).click();
    await expect.poll(() => detail.getByTestId('timeline').textContent()).toContain(NOTE_PAYLOAD);
    // The customer's words show on the case too, as text.
    expect(await detail.locator('.case-comments').textContent()).toContain(
      '<img src=x onerror="window.__xss=11">',
    );
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/cases-stored-xss.png`, fullPage: true });
  }, 120_000);
});
