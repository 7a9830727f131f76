import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/loadDemo.ts';
import { HAVE_CHROMIUM, launchChromium } from '../../test/browser/chromium.ts';
import { freshDatabase } from '../../test/engines.ts';
import { testApp } from '../../test/testApp.ts';
import { ensureAppBuilt } from '../build.ts';
import { checkAndShoot, DEMO_PASSWORD, fillSignIn, SCREENSHOTS } from './viewChecks.ts';

const PASSWORD = DEMO_PASSWORD;
const OWNER = 'owner@demo.rapport.dev';
const ANALYST = 'analyst@demo.rapport.dev';

describe.skipIf(!HAVE_CHROMIUM)('editing alert rules and users’ access in a real Chromium', () => {
  let handle: Awaited<ReturnType<typeof freshDatabase>>;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let orgId: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await ensureAppBuilt();
    handle = await freshDatabase('pglite');
    ({ orgId } = await loadDemo(handle.database, { responses: 200, seed: 5, password: PASSWORD }));
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

  async function signedIn(path: string, email = OWNER): Promise<Page> {
    // bypassCSP lets axe's inline script run (the app's own CSP is tested elsewhere).
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      bypassCSP: true,
    });
    const page = await context.newPage();
    await page.goto(`${base}${path}`);
    await fillSignIn(page, email);
    await page.waitForURL((url) => !url.pathname.includes('sign-in'));
    return page;
  }

  it("edits an alert rule's conditions, routing and reach, naming a refused field", async () => {
    const page = await signedIn('/app/settings?section=rules');
    await page.getByRole('heading', { name: 'Alert rules', level: 2 }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Unhappy <i>buyer</i>');
    await page.getByLabel('NPS answer at most').fill('6');
    await page.getByRole('button', { name: 'Add NPS rule' }).click();
    const row = page.getByTestId('rules').locator('tr', { hasText: 'Unhappy <i>buyer</i>' });
    await row.getByText('NPS ≤ 6').waitFor();

    await row.getByRole('button', { name: 'Edit Unhappy <i>buyer</i>' }).click();
    const editor = page.getByRole('form', { name: 'Edit rule: Unhappy <i>buyer</i>' });
    await editor.waitFor();
    // The focus moves to the editor's heading, so a keyboard or screen-reader user lands in it.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Edit rule: Unhappy <i>buyer</i>',
    );
    await checkAndShoot(page, 'settings-rule-edit');

    // A refused value is named by the API and marked on its input.
    const first = editor.getByRole('group', { name: 'Condition 1' });
    await first.getByLabel('NPS answer at most').fill('11');
    await editor.getByRole('button', { name: 'Save rule' }).click();
    const alert = editor.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('body.conditions.0.value');
    expect(await first.getByLabel('NPS answer at most').getAttribute('aria-invalid')).toBe('true');
    await checkAndShoot(page, 'settings-rule-edit-error');

    await first.getByLabel('NPS answer at most').fill('4');
    await editor.getByRole('button', { name: 'Add a condition' }).click();
    const second = editor.getByRole('group', { name: 'Condition 2' });
    await second.getByLabel('Watch for').selectOption({ label: 'Words in a comment' });
    await second.getByLabel('Words or phrases, separated by commas').fill('late, broken');
    await editor.getByRole('button', { name: 'Add a condition' }).click();
    const third = editor.getByRole('group', { name: 'Condition 3' });
    await third.getByLabel('Watch for').selectOption({ label: 'A low Force score' });
    await third.getByLabel('Force').selectOption({ label: 'Status' });
    await third.getByLabel('Score at most (0–100)').fill('30');
    await editor.getByRole('button', { name: 'Remove condition 3' }).click();
    await editor.getByLabel('Name', { exact: true }).fill('Unhappy buyer, late goods');
    await editor.getByLabel('Priority').selectOption({ label: 'Urgent' });
    await editor.getByLabel('Queue when no owner is found').fill('logistics');
    await editor.getByLabel('Resolved within (days)').fill('2');
    await editor.getByLabel('Webhook').uncheck();
    await editor.getByLabel('Touchpoint').selectOption({ label: 'Ordering and delivery · Delivery on site' });
    await editor.getByRole('button', { name: 'Save rule' }).click();

    await page.getByRole('status').filter({ hasText: 'Rule saved.' }).waitFor();
    const saved = page.getByTestId('rules').locator('tr', { hasText: 'Unhappy buyer, late goods' });
    await saved.getByText('NPS ≤ 4 · words: late, broken').waitFor();
    expect(await saved.getByRole('cell', { name: 'Urgent' }).count()).toBe(1);
    // Closing the editor gives the focus back to the button that opened it.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Edit Unhappy buyer, late goods');
    const stored = await handle.database.db
      .selectFrom('alert_rules')
      .innerJoin('touchpoints', (join) =>
        join
          .onRef('touchpoints.org_id', '=', 'alert_rules.org_id')
          .onRef('touchpoints.touchpoint_id', '=', 'alert_rules.touchpoint_id'),
      )
      .select([
        'alert_rules.conditions',
        'alert_rules.priority',
        'alert_rules.fallback_queue',
        'alert_rules.resolution_days',
        'alert_rules.first_contact_hours',
        'alert_rules.channels',
        'touchpoints.key',
      ])
      .where('alert_rules.org_id', '=', orgId)
      .where('alert_rules.name', '=', 'Unhappy buyer, late goods')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      conditions: [
        { type: 'nps_at_most', value: 4 },
        { type: 'keyword', words: ['late', 'broken'] },
      ],
      priority: 'urgent',
      fallback_queue: 'logistics',
      resolution_days: 2,
      first_contact_hours: 24,
      channels: ['email', 'inbox'],
      key: 'delivery',
    });
    await checkAndShoot(page, 'settings-rule-saved');
    await page.context().close();
  }, 90_000);

  it("changes a user's role and scope, and refuses to demote the last owner", async () => {
    const page = await signedIn('/app/settings?section=users');
    await page.getByRole('heading', { name: 'Users and roles', level: 2 }).waitFor();
    const users = page.getByTestId('users');
    await users.locator('tbody tr').first().waitFor();

    await users.getByRole('button', { name: 'Change role or scope CX analyst' }).click();
    const form = page.getByRole('form', { name: 'Role and scope of CX analyst' });
    await form.waitFor();
    // A manager needs a unit: the API names the field and the form marks it.
    await form.getByLabel('Role').selectOption({ label: 'Manager' });
    await form.getByRole('button', { name: 'Save role and scope' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('body.unitId');
    expect(await form.getByLabel('Scope').getAttribute('aria-invalid')).toBe('true');
    await checkAndShoot(page, 'settings-user-access-error');

    await form.getByLabel('Scope').selectOption({ label: 'Southern Europe' });
    await form.getByRole('button', { name: 'Save role and scope' }).click();
    await page.getByRole('status').filter({ hasText: 'Role and scope saved.' }).waitFor();
    const analyst = users.locator('tr', { hasText: ANALYST });
    await analyst.getByRole('cell', { name: 'Manager', exact: true }).waitFor();
    await analyst.getByRole('cell', { name: 'Southern Europe', exact: true }).waitFor();
    await checkAndShoot(page, 'settings-user-access-saved');

    // The analyst's next sign-in is a manager's: Settings shows only their subtree's sections.
    const asAnalyst = await signedIn('/app/settings', ANALYST);
    await asAnalyst.getByRole('heading', { name: 'Hierarchy', level: 2 }).waitFor();
    expect(
      await asAnalyst
        .getByRole('navigation', { name: 'Settings sections' })
        .getByRole('link')
        .allTextContents(),
    ).toEqual(['Hierarchy', 'Imports']);
    await asAnalyst.context().close();

    // The only owner cannot make themselves an admin.
    await users.getByRole('button', { name: 'Change role or scope Demo Owner' }).click();
    const own = page.getByRole('form', { name: 'Role and scope of Demo Owner' });
    await own.getByLabel('Role').selectOption({ label: 'Admin' });
    await own.getByRole('button', { name: 'Save role and scope' }).click();
    await expect.poll(() => own.getByRole('alert').textContent()).toContain('at least one owner');
    expect(await own.getByLabel('Role').getAttribute('aria-invalid')).toBe('true');
    await checkAndShoot(page, 'settings-user-last-owner');
    await own.getByRole('button', { name: 'Cancel' }).click();
    await own.waitFor({ state: 'detached' });
    const owner = users.locator('tr', { hasText: OWNER });
    expect(await owner.getByRole('cell', { name: 'Owner', exact: true }).count()).toBe(1);
    await page.context().close();
  }, 90_000);
});
