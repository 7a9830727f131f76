import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { axeViolations } from '../../test/browser/chromium.ts';

/** Where the app's browser tests leave a screenshot of every view they check (kept out of git). */
export const SCREENSHOTS = 'test-output/screenshots/app';
/** The demo users' password in the app's browser tests. */
export const DEMO_PASSWORD = 'demo password 1';

/** Waits until the view shows no loading state (or there was none). */
export async function settled(page: Page): Promise<void> {
  await page
    .locator('.loading, [aria-busy="true"]')
    .first()
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
}

/** Once the view has settled: no axe-core violation, and a full-page screenshot named `name`. */
export async function checkAndShoot(page: Page, name: string): Promise<void> {
  await settled(page);
  expect(await axeViolations(page), name).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** Signs in through the app's own form, on the sign-in page a protected path redirected to. */
export async function fillSignIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.waitForURL(/\/app\/sign-in/);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('form button[type="submit"]').click();
}
