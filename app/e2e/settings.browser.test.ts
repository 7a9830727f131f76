import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PgBoss, startJobQueue, stopJobQueue } from '../../src/db/jobs.ts';
import { loadDemo } from '../../src/demo/loadDemo.ts';
import { workImports } from '../../src/imports/importJobs.ts';
import { axeViolations, HAVE_CHROMIUM, launchChromium } from '../../test/browser/chromium.ts';
import { freshDatabase } from '../../test/engines.ts';
import { pdfText } from '../../test/pdfText.ts';
import { testApp } from '../../test/testApp.ts';
import { ensureAppBuilt } from '../build.ts';
import { checkAndShoot, DEMO_PASSWORD, fillSignIn, SCREENSHOTS, settled } from './viewChecks.ts';

const PASSWORD = DEMO_PASSWORD;
const OWNER = 'owner@demo.rapport.dev';
// A name a spreadsheet would run as a formula, and one that is markup.
const FORMULA_NAME = '=HYPERLINK("http://evil.test","x")';
const MARKUP_NAME = '<img src=x onerror="window.__xss=1">';

describe.skipIf(!HAVE_CHROMIUM)('settings, table exports and PDF reports in a real Chromium', () => {
  let handle: Awaited<ReturnType<typeof freshDatabase>>;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let jobs: PgBoss;
  const pageErrors: string[] = [];

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
    jobs = await startJobQueue(handle.database);
    await workImports(jobs, handle.database);
    app = await testApp(handle.database, { jobs });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (jobs) await stopJobQueue(jobs, { graceful: false });
    await handle?.drop();
  });

  async function signedIn(path: string, locale = 'en-GB', email = OWNER): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale,
      bypassCSP: true,
    });
    const page = await context.newPage();
    await page.goto(`${base}${path}`);
    await fillSignIn(page, email);
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

  it('lets the owner edit the hierarchy by keyboard, with hostile names shown as text', async () => {
    const page = await signedIn('/app/settings');
    await page.getByRole('heading', { name: 'Hierarchy', level: 2 }).waitFor();
    await checkAndShoot(page, 'settings-units');
    const hostile = '<b onmouseover="window.__xss=5">Night</b> shift';
    await page.getByLabel('Name', { exact: true }).fill(hostile);
    await page.getByRole('button', { name: 'Add unit' }).focus();
    await page.keyboard.press('Enter');
    const row = page.locator('.unit-line', { hasText: 'Night' });
    await row.waitFor();
    expect(await row.locator('.unit-name').textContent()).toBe(hostile);

    await page.getByRole('button', { name: `Rename ${hostile}` }).click();
    await page.getByLabel('New name').fill('Night shift');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.locator('.unit-name', { hasText: /^Night shift$/ }).waitFor();

    await page.getByRole('button', { name: 'Move Night shift' }).click();
    await page.getByLabel('Move under').selectOption({ label: 'Southern Europe' });
    await page.getByRole('button', { name: 'Move with its subtree' }).click();
    // Now drawn inside Southern Europe's branch.
    await page
      .locator('li', { has: page.locator('.unit-name', { hasText: /^Southern Europe$/ }) })
      .locator('.unit-name', { hasText: /^Night shift$/ })
      .waitFor();

    await page.getByRole('button', { name: 'Delete Night shift' }).click();
    await page.getByRole('button', { name: 'Delete unit' }).click();
    await page.locator('.unit-name', { hasText: /^Night shift$/ }).waitFor({ state: 'detached' });
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('sets health-score weights (naming a wrong field) and the Accounts list follows them', async () => {
    const page = await signedIn('/app/settings?section=health');
    await page.getByRole('heading', { name: 'Customer Health Score' }).waitFor();
    await settled(page);
    await page.getByLabel('Amber from').fill('80');
    await page.getByLabel('Green from').fill('60');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('body.thresholds.green');
    await checkAndShoot(page, 'settings-health-error');
    await page.getByLabel('Amber from').fill('35');
    await page.getByLabel('Green from').fill('45');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await checkAndShoot(page, 'settings-health');

    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByTestId('accounts').locator('tbody tr').first().waitFor();
    await expect.poll(() => page.locator('main .note').first().textContent()).toContain('Red below 35');
    // Every shown health is a word (never colour alone) that matches its score and the new cut-offs.
    const cells = await page
      .locator('[data-testid="accounts"] .rag')
      .evaluateAll((nodes) =>
        nodes.map((n) => ({ text: n.textContent ?? '', score: n.getAttribute('data-value') })),
      );
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) {
      if (!cell.score) {
        expect(cell.text).toBe('Not enough answers');
        continue;
      }
      const score = Number(cell.score);
      expect(cell.text.startsWith(score >= 45 ? 'Green' : score >= 35 ? 'Amber' : 'Red'), cell.text).toBe(
        true,
      );
    }
    await page.context().close();
  }, 90_000);

  it('issues and revokes an API token, adds and removes a webhook, schedules a report', async () => {
    const page = await signedIn('/app/settings?section=tokens');
    await page.getByRole('heading', { name: 'API tokens', level: 2 }).waitFor();
    await settled(page);
    await page.getByLabel('What it is for').fill('<i>CRM</i> sync');
    await page.getByRole('button', { name: 'Issue token' }).click();
    const secret = page.getByLabel('The new token (shown only now: copy it)');
    await secret.waitFor();
    expect(await secret.inputValue()).toMatch(/^rpt_/);
    await checkAndShoot(page, 'settings-tokens');
    await page.getByRole('button', { name: 'Revoke <i>CRM</i> sync' }).click();
    await page
      .getByTestId('tokens')
      .getByText(/^Revoked on/)
      .first()
      .waitFor();

    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByLabel('Endpoint URL').fill('https://hooks.example.test/rapport');
    await page.getByLabel('Events, separated by commas (empty: all)').fill('case.created, response.created');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    expect(await page.getByLabel('Signing secret (shown only now: copy it)').inputValue()).toMatch(/^whsec_/);
    const endpoint = page.getByTestId('webhooks').locator('tr', { hasText: 'hooks.example.test' });
    await endpoint.getByRole('button', { name: 'Pause' }).click();
    await endpoint.getByText('Paused').waitFor();
    await checkAndShoot(page, 'settings-webhooks');
    await page.getByRole('button', { name: 'Remove https://hooks.example.test/rapport' }).click();
    await page.getByText('No endpoints yet.').waitFor();

    await page.getByRole('link', { name: 'Users and roles' }).click();
    await page.getByTestId('users').locator('tbody tr').first().waitFor();
    await checkAndShoot(page, 'settings-users');

    await page.getByRole('link', { name: 'Scheduled reports' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Monday <script>board</script>');
    await page.getByLabel('Cadence').selectOption('weekly');
    await page.locator('.checklist label').first().click();
    await page.getByRole('button', { name: 'Schedule report' }).click();
    const schedule = page.getByTestId('schedules').locator('tbody tr').first();
    await schedule.waitFor();
    expect(await schedule.locator('th').textContent()).toBe('Monday <script>board</script>');
    await checkAndShoot(page, 'settings-reports');
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    await page.context().close();
  }, 120_000);

  it('renders in Italian and shows a manager only the hierarchy of their own scope', async () => {
    const page = await signedIn('/app/settings', 'en-GB', 'manager.south@demo.rapport.dev');
    await page.getByRole('heading', { name: 'Hierarchy', level: 2 }).waitFor();
    const tabs = await page
      .getByRole('navigation', { name: 'Settings sections' })
      .getByRole('link')
      .allTextContents();
    // A manager runs the hierarchy and the accounts of their own subtree, nothing organisation-wide.
    expect(tabs).toEqual(['Hierarchy', 'Imports']);
    const names = await page.locator('.unit-name').allTextContents();
    expect(names[0]).toBe('Southern Europe');
    expect(names).not.toContain('Northern Europe');
    await page.getByLabel('Interface language').selectOption('it');
    await page.getByRole('heading', { name: 'Impostazioni', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Gerarchia', level: 2 }).waitFor();
    await checkAndShoot(page, 'settings-manager-it');
    await page.context().close();
  }, 60_000);

  it('imports accounts from a file with a dry run, showing progress and the bad rows', async () => {
    const page = await signedIn('/app/settings?section=imports');
    await page.getByRole('heading', { name: 'Import accounts and contacts' }).waitFor();
    const csv = [
      'Company,CRM ID,Tier,ARR',
      'Imported <b>One</b>,IMP-1,key,1200',
      'Imported Two,IMP-2,,abc',
    ].join('\n');
    await page.getByLabel('CSV or XLSX file').setInputFiles({
      name: 'accounts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.getByTestId('import').getByText('2 rows read.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Run import' }).click();
    const status = page.getByTestId('import').getByRole('status');
    await expect
      .poll(() => status.textContent(), { timeout: 30_000 })
      .toContain('Checked: 2 of 2 rows, 1 bad.');
    expect(await page.locator('progress').getAttribute('value')).toBe('2');
    expect(await page.getByTestId('import-errors').textContent()).toContain(
      'Line 3, column ARR: Not a number',
    );
    await checkAndShoot(page, 'settings-imports');
    await page.context().close();
  }, 90_000);

  it('adds and switches off an alert rule, and adds and removes a codeframe topic', async () => {
    const page = await signedIn('/app/settings?section=rules');
    await page.getByRole('heading', { name: 'Alert rules', level: 2 }).waitFor();
    await settled(page);
    await page.getByLabel('Name', { exact: true }).fill('Detractor <b>alert</b>');
    await page.getByLabel('NPS answer at most').fill('5');
    await page.getByRole('button', { name: 'Add NPS rule' }).click();
    const rule = page.getByTestId('rules').locator('tr', { hasText: 'Detractor <b>alert</b>' });
    await rule.getByText('NPS ≤ 5').waitFor();
    const active = rule.getByRole('checkbox', { name: 'Active Detractor <b>alert</b>' });
    expect(await active.isChecked()).toBe(true);
    await active.press('Space');
    await expect.poll(() => active.isChecked()).toBe(false);
    await checkAndShoot(page, 'settings-rules');

    await page.getByRole('link', { name: 'Codeframe' }).click();
    await page.getByLabel('Topic key').fill('billing');
    await page.getByLabel('Rule (e.g. invoice or billing)').fill('invoice* OR billing');
    await page.getByRole('button', { name: 'Add topic' }).click();
    await page.getByTestId('topics').getByText('invoice* OR billing').waitFor();
    await checkAndShoot(page, 'settings-topics');
    await page.getByRole('button', { name: 'Remove billing' }).click();
    await page.getByTestId('topics').waitFor({ state: 'detached' });
    await page.context().close();
  }, 60_000);

  it('opens an account page with its stakeholders and timeline, names as text', async () => {
    const page = await signedIn('/app/accounts?period=12m');
    const table = page.getByTestId('accounts');
    await table.locator('tbody tr').first().waitFor();
    // The account named with markup: its link and its page title show the markup as text.
    await table.getByRole('link', { name: MARKUP_NAME }).click();
    await page.waitForURL(/account=/);
    await page.getByRole('heading', { name: 'Stakeholders' }).waitFor();
    expect(await page.locator('h1').textContent()).toBe(MARKUP_NAME);
    await settled(page);
    const people = page.getByTestId('stakeholders').locator('tbody tr');
    expect(await people.count()).toBeGreaterThan(0);
    const events = page.getByTestId('timeline').locator('li');
    expect(await events.count()).toBeGreaterThan(0);
    // Newest first.
    const days = await page
      .getByTestId('timeline')
      .locator('time')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('datetime') ?? ''));
    expect([...days].sort().reverse()).toEqual(days);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    await checkAndShoot(page, 'account-page');
    await page.getByRole('link', { name: '← All accounts' }).click();
    await page.getByTestId('accounts').waitFor();
    await page.context().close();
  }, 60_000);

  it('draws each journey as stages and touchpoints with expected, actual and ideal, pain points and moments of truth', async () => {
    const page = await signedIn('/app/overview?period=12m');
    await page.locator('.kpi').first().waitFor();
    const asked: URL[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/analytics/')) asked.push(new URL(request.url()));
    });
    await page.getByRole('link', { name: 'Journeys' }).click();
    await page.getByRole('heading', { name: 'Journeys', level: 1 }).waitFor();
    const touchpoints = page.getByTestId('touchpoint');
    await touchpoints.first().waitFor();
    await settled(page);
    expect(await touchpoints.count()).toBeGreaterThan(3);
    // Every touchpoint says where it stands in words (colour only repeats it) and has its three rows.
    const bands = await touchpoints.locator('.band').allTextContents();
    for (const band of bands)
      expect(band).toMatch(/Meets the ideal|Near the ideal|Below the ideal|Not enough answers/);
    expect(await touchpoints.first().locator('th').allTextContents()).toEqual([
      'Expected',
      'Actual',
      'Ideal',
    ]);
    // Expected comes from customers' own answers: the two pulses ask it, the other touchpoints show a dash.
    const expected = await touchpoints.getByTestId('expected').allTextContents();
    expect(expected.filter((text) => /better, .* worse than expected/.test(text))).toHaveLength(2);
    expect(expected.filter((text) => text === '—').length).toBe(expected.length - 2);
    // Moments of truth come from the key-driver analysis of relationship strength, in the same period.
    await page.getByTestId('moments').first().waitFor();
    expect(await page.getByTestId('moments').first().textContent()).toContain(
      'of what explains relationship strength',
    );
    const breakdowns = asked.filter((url) => url.pathname.endsWith('/breakdown'));
    const drivers = asked.filter((url) => url.pathname.endsWith('/analytics/forces'));
    expect(breakdowns.map((url) => url.searchParams.get('by'))).toEqual(['touchpoint']);
    expect(drivers.map((url) => url.searchParams.get('outcome'))).toEqual(['strength']);
    expect(drivers[0].searchParams.get('from')).toBe(breakdowns[0].searchParams.get('from'));
    await checkAndShoot(page, 'journeys');
    await page.getByLabel('Interface language').selectOption('it');
    await page.getByRole('heading', { name: 'Percorsi', level: 1 }).waitFor();
    await checkAndShoot(page, 'journeys-it');
    await page.context().close();
  }, 60_000);
});
