import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { Database } from '../db/database.ts';
import type { ReportView } from '../db/schema.ts';
import { createSession, deleteSession, SESSION_COOKIE } from '../identity/sessions.ts';

export { REPORT_VIEWS } from './reportViews.ts';
export type ReportLanguage = 'en' | 'it';

/** The app's filter keys a report passes on to the view; anything else in a query is dropped. */
const FILTER_KEYS = [
  'period',
  'from',
  'to',
  'compare',
  'unitId',
  'journeyKey',
  'stageKey',
  'touchpointKey',
  'segment',
  'tier',
  'language',
  'surveyId',
  'sort',
  // An account's own page under the Accounts view.
  'account',
  // The Comments view's own filters.
  'q',
  'force',
  'polarity',
  'sentiment',
  'emotion',
  'topic',
  // The Cases view's tab (mine, team, improvements).
  'tab',
];

/** The view's query string with only the filters the app understands, in a stable order. */
export function reportFilters(query: Record<string, unknown>): string {
  const kept = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = query[key];
    if (typeof value === 'string' && value !== '' && value.length <= 200) kept.set(key, value);
  }
  return kept.toString();
}

export class ReportUnavailable extends Error {}

/** How long no request may be in flight before a view counts as drawn. */
const QUIET_MS = 500;

/**
 * Counts the page's requests in flight, leaving out event streams (they stay open by design), and
 * resolves once none has been in flight for `ms` (each view's data requests, then the ones they
 * lead to, such as a pain point's comments).
 */
function trackRequests(page: Page) {
  let inFlight = 0;
  let lastChange = Date.now();
  const counted = (request: { resourceType(): string }) => request.resourceType() !== 'eventsource';
  page.on('request', (request) => {
    if (!counted(request)) return;
    inFlight += 1;
    lastChange = Date.now();
  });
  const done = (request: { resourceType(): string }) => {
    if (!counted(request)) return;
    inFlight -= 1;
    lastChange = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return {
    async settled(ms: number) {
      const deadline = Date.now() + 30_000;
      while (inFlight > 0 || Date.now() - lastChange < ms) {
        if (Date.now() > deadline) throw new Error('The report view kept loading for 30 seconds.');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/**
 * Draws the app's own view to PDF in headless Chromium, so a report shows exactly what the user
 * sees. The view is opened under a two-minute session of that user (deleted afterwards), so it is
 * scoped by the same rules as the user's own requests. One browser per process, at most two pages
 * drawn at once (the machine's cores are shared with the API).
 */
export class ReportRenderer {
  readonly #chromiumPath: string;
  #browser: Promise<Browser> | null = null;
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(chromiumPath: string) {
    this.#chromiumPath = chromiumPath;
  }

  get available(): boolean {
    return existsSync(this.#chromiumPath);
  }

  #launch(): Promise<Browser> {
    if (!this.#browser) {
      this.#browser = chromium
        .launch({
          executablePath: this.#chromiumPath,
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'],
        })
        .catch((error) => {
          this.#browser = null;
          throw error;
        });
    }
    return this.#browser;
  }

  async #turn<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running >= 2) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#running += 1;
    try {
      return await work();
    } finally {
      this.#running -= 1;
      this.#waiting.shift()?.();
    }
  }

  async render(options: {
    database: Database;
    /** Where this process serves the app, e.g. http://127.0.0.1:3000 */
    appUrl: string;
    orgId: string;
    userId: string;
    view: ReportView;
    filters: string;
    language: ReportLanguage;
  }): Promise<Buffer> {
    if (!this.available) throw new ReportUnavailable(`Chromium is not at ${this.#chromiumPath}`);
    const db = options.database.db;
    const session = await createSession(db, options.orgId, options.userId, 120_000);
    try {
      return await this.#turn(async () => {
        const browser = await this.#launch();
        const context = await browser.newContext({
          viewport: { width: 1040, height: 1400 },
          locale: options.language === 'it' ? 'it-IT' : 'en-GB',
          reducedMotion: 'reduce',
        });
        try {
          await context.addCookies([{ name: SESSION_COOKIE, value: session.cookie, url: options.appUrl }]);
          // The app's language switch is remembered in localStorage: set it before the app starts.
          await context.addInitScript((language) => {
            localStorage.setItem('rapport.language', language);
          }, options.language);
          const page = await context.newPage();
          page.setDefaultTimeout(30_000);
          const query = options.filters ? `?${options.filters}` : '';
          // Not "networkidle": the Cases view keeps its live inbox stream open, so the network is
          // never idle. Every other request must have ended (see waitForQuiet).
          const quiet = trackRequests(page);
          await page.goto(`${options.appUrl}/app/${options.view}${query}`, { waitUntil: 'load' });
          await quiet.settled(QUIET_MS);
          // Drawn: a heading, nothing loading, every chart finished.
          await page.waitForFunction(
            () =>
              document.querySelector('main h1') !== null &&
              document.querySelector('main [aria-busy="true"], main .loading') === null &&
              document.querySelector('.chart:not([data-rendered])') === null,
          );
          // What the drawn view asked for next (a pain point's comments) has arrived too.
          await quiet.settled(QUIET_MS);
          if (new URL(page.url()).pathname.startsWith('/app/sign-in'))
            throw new Error('The report session was refused.');
          await page.emulateMedia({ media: 'print' });
          return await page.pdf({
            format: 'A4',
            printBackground: true,
            scale: 0.7,
            margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' },
          });
        } finally {
          await context.close();
        }
      });
    } finally {
      await deleteSession(db, options.orgId, session.cookie.slice(session.cookie.indexOf('.') + 1));
    }
  }

  async close(): Promise<void> {
    const browser = this.#browser;
    this.#browser = null;
    if (browser) await (await browser.catch(() => null))?.close();
  }
}
