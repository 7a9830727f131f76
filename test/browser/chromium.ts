import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM_PATH);
if (!HAVE_CHROMIUM && process.env.CI === 'true') {
  throw new Error(`CI=true but Chromium is not at ${CHROMIUM_PATH}: the browser tests must not be skipped.`);
}

/** Debian's Chromium, headless, with the flags this closed network needs (no background calls home). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page and returns the violations. A page shown
 * with JavaScript off is checked as a copy, without its scripts, in a page where axe itself can run.
 */
export async function axeViolations(
  page: Page,
  options: { javaScriptEnabled?: boolean } = {},
): Promise<{ id: string; help: string; nodes: string[] }[]> {
  let target = page;
  if (options.javaScriptEnabled === false) {
    const markup = (await page.content()).replace(/<script[\s\S]*?<\/script>/gi, '');
    const checker = await page
      .context()
      .browser()!
      .newContext({ viewport: page.viewportSize() ?? undefined });
    target = await checker.newPage();
    await target.setContent(markup);
  }
  await target.addScriptTag({ content: await axeSource });
  const violations = await target.evaluate(async () => {
    const result = await (globalThis as unknown as { axe: { run: (o: unknown) => Promise<any> } }).axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v: any) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n: any) => n.target.join(' ')),
    }));
  });
  if (target !== page) await target.context().close();
  return violations;
}
