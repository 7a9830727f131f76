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
import { checkAndShoot, DEMO_PASSWORD, SCREENSHOTS } from './viewChecks.ts';

const PASSWORD = DEMO_PASSWORD;
const OWNER = 'owner@demo.rapport.dev';
const MANAGER_SOUTH = 'manager.south@demo.rapport.dev';
const ANALYST = 'analyst@demo.rapport.dev';
// Stored XSS: names that would run script if any view rendered them as markup.
const IMG_PAYLOAD = '<img src=x onerror="window.__xss=1">';
const SCRIPT_PAYLOAD = '<script>window.__xss=2</script>Acme';
const UNIT_PAYLOAD = '<b onmouseover="window.__xss=3">Team</b>';

describe.skipIf(!HAVE_CHROMIUM)('the web app in a real Chromium', () => {
  let handle: Awaited<ReturnType<typeof freshDatabase>>;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await ensureAppBuilt();
    handle = await freshDatabase('pglite');
    const { orgId } = await loadDemo(handle.database, { responses: 3000, seed: 7, password: PASSWORD });
    const db = handle.database.db;
    const [first, second] = await db
      .selectFrom('accounts')
      .select('account_id')
      .where('org_id', '=', orgId)
      .orderBy('account_id')
      .limit(2)
      .execute();
    await db
      .updateTable('accounts')
      .set({ name: IMG_PAYLOAD })
      .where('account_id', '=', first.account_id)
      .execute();
    await db
      .updateTable('accounts')
      .set({ name: SCRIPT_PAYLOAD })
      .where('account_id', '=', second.account_id)
      .execute();
    await db
      .updateTable('org_units')
      .set({ name: UNIT_PAYLOAD })
      .where('org_id', '=', orgId)
      .where('name', '=', 'Growth South')
      .execute();
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

  async function signedIn(
    email: string,
    locale = 'en-GB',
    onSignInPage?: (page: Page) => Promise<void>,
  ): Promise<Page> {
    // Bypassing the CSP lets axe be injected, and makes the XSS check prove React's escaping on its own.
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale,
      bypassCSP: true,
    });
    contexts.push(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}/app/`);
    await page.waitForURL(/\/app\/sign-in/);
    await onSignInPage?.(page);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('form button[type="submit"]').click();
    // Back where the user started (/app/, which is the overview).
    await page.waitForURL((url) => url.pathname === '/app/');
    await page.locator('.kpi .value, .kpi .suppressed').first().waitFor();
    expect(errors).toEqual([]);
    return page;
  }

  /** The number of responses the overview shows (digits only: it is formatted for the language). */
  const shownVolume = async (page: Page) =>
    Number((await page.getByTestId('volume').textContent())!.replace(/\D/g, ''));

  /** The page's own API answer for the overview under its current URL filters. */
  const apiBase = (page: Page, query: string) =>
    page.evaluate(
      async (q) => (await (await fetch(`/api/v1/analytics/overview?${q}`)).json()).base as number,
      query,
    );

  it('takes the demo owner from sign-in to the overview, into one unit, and on to the Forces', async () => {
    const page = await signedIn(OWNER);
    await expect.poll(() => page.title()).toMatch(/^Overview/);
    await page.getByTestId('segment-bar').waitFor();
    await checkAndShoot(page, 'overview-owner');
    const allBase = await shownVolume(page);
    expect(allBase).toBeGreaterThan(100);

    // Drill into one unit with the tree picker, by keyboard.
    await page.getByRole('button', { name: /All units in my scope/ }).click();
    await page.getByRole('button', { name: 'Southern Europe', exact: true }).focus();
    const filtered = page.waitForResponse(
      (r) => r.url().includes('/analytics/overview?') && r.url().includes('unitId='),
    );
    await page.keyboard.press('Enter');
    await page.waitForURL(/unitId=/);
    const south = (await (await filtered).json()).base as number;
    await expect.poll(async () => shownVolume(page)).toBe(south);
    expect(south).toBeGreaterThan(0);
    expect(south).toBeLessThan(allBase);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toMatch(/Southern Europe/);
    await checkAndShoot(page, 'overview-south');

    await page.getByRole('link', { name: 'Forces' }).click();
    await page.waitForURL(/\/app\/forces\?.*unitId=/);
    await page.getByTestId('drivers').waitFor();
    await page.getByTestId('heatmap').waitFor();
    expect(await page.getByTestId('force-scores').locator('.kpi').count()).toBe(6);
    expect(await page.getByTestId('drivers').locator('tbody tr').count()).toBe(6);
    // Bootstrap intervals are shown for every driver.
    for (const cell of await page.getByTestId('drivers').locator('tbody tr td:nth-child(3)').allInnerTexts())
      expect(cell).toMatch(/%.*–.*%/);
    await checkAndShoot(page, 'forces-south');

    await page.getByRole('link', { name: 'Surveys' }).click();
    await page.getByTestId('surveys').waitFor();
    await checkAndShoot(page, 'surveys');
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByTestId('accounts').waitFor();
    await checkAndShoot(page, 'accounts');
  }, 120_000);

  it('is operable from the keyboard alone, with a visible focus', async () => {
    const page = await signedIn(OWNER);
    await page.reload();
    await page.getByTestId('volume').waitFor();
    await page.keyboard.press('Tab');
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        const style = getComputedStyle(element);
        return {
          text: element.textContent,
          outline: `${style.outlineStyle} ${style.outlineWidth}`,
          top: element.getBoundingClientRect().top,
        };
      });
    const skip = await focused();
    expect(skip.text).toBe('Skip to content');
    expect(skip.outline).toBe('solid 3px');
    expect(skip.top).toBeGreaterThanOrEqual(0);
    // Tab on to the navigation and open the Forces view with Enter.
    for (let step = 0; step < 10 && (await focused()).text !== 'Forces'; step++)
      await page.keyboard.press('Tab');
    expect((await focused()).outline).toBe('solid 3px');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/app\/forces/);
    await page.getByTestId('drivers').waitFor();
    // The new view takes the focus, so a screen reader starts reading it.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // The outcome of the drivers is chosen from the keyboard too; the choice goes into the URL.
    await page.locator('#outcome').focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForURL(/outcome=nps/);
    await page.getByRole('heading', { name: /What drives likelihood to recommend/ }).waitFor();
  }, 60_000);

  it('shows a figure below the minimum base as "suppressed", never as a number', async () => {
    const page = await signedIn(OWNER);
    const today = new Date().toISOString().slice(0, 10);
    await page.goto(`${base}/app/overview?from=${today}&to=${today}&compare=none`);
    const nps = page.locator('section.kpi').first();
    await nps.locator('.suppressed').waitFor();
    expect(await nps.locator('.value').count()).toBe(0);
    expect((await nps.textContent())!.replace(/Fewer than \d+ answers/, '')).not.toMatch(/\d/);
    await checkAndShoot(page, 'overview-suppressed');
  }, 60_000);

  it('shows a region manager only their region', async () => {
    const page = await signedIn(MANAGER_SOUTH);
    await page.getByRole('button', { name: /All units in my scope/ }).click();
    const choices = await page.locator('.unit-tree .unit-choice').allInnerTexts();
    expect(choices).toContain('Southern Europe');
    expect(choices.some((name) => /Northern|Central/.test(name))).toBe(false);
    await page.keyboard.press('Escape');
    const managerBase = await shownVolume(page);
    const owner = await signedIn(OWNER);
    const units = await owner.evaluate(async () => (await (await fetch('/api/v1/units')).json()).units);
    const southId = units.find((u: { name: string }) => u.name === 'Southern Europe').unitId;
    await owner.goto(`${base}/app/overview?unitId=${southId}`);
    await expect.poll(async () => shownVolume(owner)).toBe(managerBase);
    const allBase = await apiBase(owner, '');
    expect(managerBase).toBeLessThan(allBase);
    // Asking for another region's unit is refused, not widened.
    const north = units.find((u: { name: string }) => u.name === 'Northern Europe').unitId;
    expect(
      await page.evaluate(
        async (id) => (await fetch(`/api/v1/analytics/overview?unitId=${id}`)).status,
        north,
      ),
    ).toBe(404);
    await page.goto(`${base}/app/forces?unitId=${north}`);
    await page.locator('[role="alert"]').first().waitFor();
    await checkAndShoot(page, 'forces-manager-refused');
  }, 90_000);

  it('renders in Italian: the browser’s language before sign-in, the user’s after, and a switch', async () => {
    await handle.database.db
      .updateTable('users')
      .set({ locale: 'it' })
      .where('email', '=', ANALYST)
      .execute();
    const page = await signedIn(ANALYST, 'it-IT', async (signIn) => {
      expect(await signIn.getAttribute('html', 'lang')).toBe('it');
      await signIn.locator('h1', { hasText: 'Accedi' }).waitFor();
      await checkAndShoot(signIn, 'sign-in-it');
    });
    expect(await page.getAttribute('html', 'lang')).toBe('it');
    await page.locator('h1', { hasText: 'Panoramica' }).waitFor();
    await page.getByTestId('segment-bar').waitFor();
    await checkAndShoot(page, 'overview-it');
    await page.getByRole('link', { name: 'Forze' }).click();
    await page.getByTestId('drivers').waitFor();
    expect(await page.locator('h2', { hasText: 'Punteggi delle Forze' }).count()).toBe(1);
    await checkAndShoot(page, 'forces-it');
    await page.getByLabel('Lingua dell’interfaccia').selectOption('en');
    await page.locator('h1', { hasText: 'Forces' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
  }, 60_000);

  it('renders script and HTML in stored names as text, and runs none of it', async () => {
    const page = await signedIn(OWNER);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByTestId('accounts').waitFor();
    const names = await page.locator('.account-name').allInnerTexts();
    expect(names).toContain(IMG_PAYLOAD);
    expect(names).toContain(SCRIPT_PAYLOAD);
    await page.getByRole('button', { name: /All units in my scope/ }).click();
    await page.getByRole('button', { name: 'Show units under Southern Europe' }).click();
    await page.getByRole('button', { name: UNIT_PAYLOAD }).hover();
    expect(await page.locator('img[src="x"], main script, .unit-tree b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/accounts-stored-xss.png`, fullPage: true });
  }, 60_000);
});
