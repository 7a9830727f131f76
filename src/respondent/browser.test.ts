import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, HAVE_CHROMIUM, launchChromium } from '../../test/browser/chromium.ts';
import { freshDatabase } from '../../test/engines.ts';
import { validAnswers } from '../../test/surveyFixtures.ts';
import { testApp } from '../../test/testApp.ts';
import { loadDemo } from '../demo/loadDemo.ts';
import type { SurveyDefinition } from '../surveys/definition/index.ts';
import { currentSurvey } from '../surveys/versions.ts';
import { encodeFormAnswers } from './encodeFormAnswers.ts';

const SCREENSHOTS = 'test-output/screenshots';

describe.skipIf(!HAVE_CHROMIUM)('the demo relationship survey in a real Chromium (390×844)', () => {
  let handle: Awaited<ReturnType<typeof freshDatabase>>;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let definition: SurveyDefinition;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    handle = await freshDatabase('pglite');
    await loadDemo(handle.database, { responses: 200, seed: 5, password: 'demo password 1' });
    definition = (await currentSurvey(handle.database.db, { slug: 'demo-relationship' }))!.definition;
    app = await testApp(handle.database);
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await handle?.drop();
  });

  for (const language of ['en', 'it'] as const) {
    for (const javaScriptEnabled of [true, false]) {
      it(`is answered in ${language} ${javaScriptEnabled ? 'with' : 'without'} JavaScript, with no axe violation on any page`, async () => {
        const context = await browser.newContext({
          viewport: { width: 390, height: 844 },
          javaScriptEnabled,
          // The page's CSP admits only its own nonced script; axe is injected by the test.
          bypassCSP: true,
          locale: language === 'it' ? 'it-IT' : 'en-GB',
        });
        const page = await context.newPage();
        const answers = validAnswers(definition, language === 'it' ? 31 : 32);
        await page.goto(`${base}/s/open/demo-relationship?lang=${language}`);
        expect(await page.getAttribute('html', 'lang')).toBe(language);
        const label = `${language}-${javaScriptEnabled ? 'js' : 'nojs'}`;
        for (let step = 0; step < 12; step++) {
          const action = (await page.getAttribute('form', 'action'))!;
          const pageIndex = Number(new URL(action, base).searchParams.get('page'));
          expect(await axeViolations(page, { javaScriptEnabled }), `page ${pageIndex}`).toEqual([]);
          await page.screenshot({
            path: `${SCREENSHOTS}/respondent-${label}-page${pageIndex}.png`,
            fullPage: true,
          });
          const fields = encodeFormAnswers(definition, pageIndex, answers) as Record<
            string,
            string | string[]
          >;
          for (const [name, value] of Object.entries(fields)) {
            for (const one of Array.isArray(value) ? value : [value]) {
              const input = page.locator(`[name="${name}"]`);
              const kind = await input
                .first()
                .evaluate((el) => `${el.tagName}:${(el as HTMLInputElement).type}`);
              if (kind === 'INPUT:radio' || kind === 'INPUT:checkbox') {
                await page.locator(`[name="${name}"][value="${one}"]`).check();
              } else if (kind.startsWith('SELECT')) {
                await input.selectOption(one);
              } else {
                await input.fill(one);
              }
            }
          }
          const submit = page.locator('button[value="submit"]');
          if (await submit.count()) {
            await submit.click();
            await page.waitForLoadState('load');
            expect(await axeViolations(page, { javaScriptEnabled })).toEqual([]);
            await page.screenshot({ path: `${SCREENSHOTS}/respondent-${label}-thanks.png` });
            expect(await page.locator('h1').count()).toBe(1);
            expect(await page.locator('form').count()).toBe(0);
            await context.close();
            return;
          }
          await page.locator('button[value="next"]').click();
          await page.waitForLoadState('load');
        }
        throw new Error('the survey did not end');
      }, 60_000);
    }
  }

  it('shows an accessible error summary linked to the fields', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await page.goto(`${base}/s/open/demo-relationship?lang=en`);
    // Skip to the page with the required satisfaction question by posting the first pages empty.
    for (let step = 0; step < 6 && !(await page.locator('[role="alert"]').count()); step++) {
      await page.locator('button[value="next"], button[value="submit"]').first().click();
      await page.waitForLoadState('load');
    }
    expect(await page.locator('[role="alert"]').count()).toBe(1);
    const link = page.locator('[role="alert"] a').first();
    const target = (await link.getAttribute('href'))!;
    // Question ids contain dots, so the fragment is matched as an id, not as a CSS selector.
    expect(await page.locator(`[id="${target.slice(1)}"]`).count()).toBe(1);
    expect(await axeViolations(page, { javaScriptEnabled: false })).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/respondent-error-summary.png`, fullPage: true });
    await context.close();
  }, 60_000);

  it('runs its own script under its Content Security Policy, and nothing else', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${base}/s/open/demo-relationship?lang=en`);
    expect(await page.evaluate(() => document.documentElement.classList.contains('js'))).toBe(true);
    const injected = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'document.documentElement.dataset.injected = "yes"';
      document.head.append(script);
      return document.documentElement.dataset.injected ?? 'blocked';
    });
    expect(injected).toBe('blocked');
    expect(violations.length).toBe(1);
    await context.close();
  });
});
