import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/loadDemo.ts';
import { axeViolations, HAVE_CHROMIUM, launchChromium } from '../../test/browser/chromium.ts';
import { freshDatabase } from '../../test/engines.ts';
import { pdfText } from '../../test/pdfText.ts';
import { testApp } from '../../test/testApp.ts';
import { ensureAppBuilt } from '../build.ts';

const SCREENSHOTS = 'test-output/screenshots/app';
const PASSWORD = 'demo password 1';
const OWNER = 'owner@demo.rapport.dev';
// A name a spreadsheet would run as a formula, and one that is markup.
const FORMULA_NAME = '=HYPERLINK("http://evil.test","x")';
const MARKUP_NAME = '<img src=x onerror="window.__xss=1">';

describe.skipIf(!HAVE_CHROMIUM)('table exports and PDF reports in a real Chromium', () => {
  let handle: Awaited<ReturnType<typeof freshDatabase>>;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await ensureAppBuilt();
    handle = await freshDatabase('pglite');
    const { orgId } = await loadDemo(handle.database, { responses: 800, seed: 11, password: PASSWORD });
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
      .set({ name: FORMULA_NAME })
      .where('account_id', '=', first.account_id)
      .execute();
    await db
      .updateTable('accounts')
      .set({ name: MARKUP_NAME })
      .where('account_id', '=', second.account_id)
      .execute();
    app = await testApp(handle.database);
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await handle?.drop();
  });

  async function signedIn(path: string, locale = 'en-GB'): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale,
      bypassCSP: true,
    });
    const page = await context.newPage();
    await page.goto(`${base}${path}`);
    await page.waitForURL(/\/app\/sign-in/);
    await page.locator('#email').fill(OWNER);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.includes('sign-in'));
    return page;
  }

  it('downloads the accounts table as CSV and XLSX exactly as shown, names as inert text', async () => {
    const page = await signedIn('/app/accounts?period=12m');
    const table = page.getByTestId('accounts');
    await table.locator('tbody tr').first().waitFor();
    const shownRows = await table.locator('tbody tr').count();
    const shownFirst = (await table.locator('tbody tr').first().locator('th, td').allTextContents()).map(
      (s) => s.replace(/\s+/g, ' ').trim(),
    );

    const tools = page.getByRole('group', { name: 'Download Accounts' });
    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      tools.getByRole('button', { name: 'CSV' }).click(),
    ]);
    expect(csvDownload.suggestedFilename()).toBe('accounts.csv');
    const csv = readFileSync((await csvDownload.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'Account,Tier,Health,Relationship strength,NPS,Contacts heard,Renewal,Annual value,Revenue at risk',
    );
    expect(lines.length).toBe(shownRows + 1);
    // The formula name is defused; the markup name is kept as the text it is.
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.test"",""x"")"`);
    expect(csv).toContain(MARKUP_NAME.replace(/"/g, '""'));

    const [xlsxDownload] = await Promise.all([
      page.waitForEvent('download'),
      tools.getByRole('button', { name: 'XLSX' }).click(),
    ]);
    expect(xlsxDownload.suggestedFilename()).toBe('accounts.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await xlsxDownload.path())!);
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(shownRows + 1);
    expect((sheet.getRow(2).values as unknown[]).slice(1).map(String)).toEqual(shownFirst);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();

    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/accounts-exports.png`, fullPage: true });
    await page.context().close();
  }, 60_000);

  it('offers the view as a PDF report drawn on the server, in the interface language', async () => {
    const page = await signedIn('/app/forces?period=6m');
    await page.getByLabel('Interface language').selectOption('it');
    const link = page.getByRole('link', { name: 'Scarica questa vista come report PDF' });
    await link.waitFor();
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/^\/api\/v1\/reports\/forces\.pdf\?/);
    expect(new URLSearchParams(href.split('?')[1]).get('period')).toBe('6m');
    expect(new URLSearchParams(href.split('?')[1]).get('lang')).toBe('it');
    // Fetched with the page's own session, as the link would be.
    const bytes = await page.evaluate(async (url) => {
      const response = await fetch(url);
      return {
        type: response.headers.get('content-type'),
        data: [...new Uint8Array(await response.arrayBuffer())],
      };
    }, href);
    expect(bytes.type).toBe('application/pdf');
    const { text, pages } = await pdfText(new Uint8Array(bytes.data));
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(text).toContain('Forze');
    // Printed: the navigation and the download controls are left out.
    expect(text).not.toContain('Esci');
    expect(text).not.toContain('Scarica questa vista');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/forces-it-report-link.png`, fullPage: true });
    await page.context().close();
  }, 90_000);
});
