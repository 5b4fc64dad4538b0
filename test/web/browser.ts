/**
 * Browser helpers for the web client's journeys: launch Debian's Chromium through
 * playwright-core, sign in with the development sign-in, take screenshots, run axe-core, and
 * collect console errors. A journey is: `const w = await openPage(browser, p.url)`, steps, then
 * `await w.finish()` (asserts no console errors and closes the context).
 *
 * The API serves the production build (apps/web/dist): build it first with `npm run build:web`.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

const ROOT = resolve(__dirname, '../..');
export const WEB_DIST = join(ROOT, 'apps/web/dist');
export const SCREENSHOTS = join(ROOT, 'artifacts/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Fails with the fix when the client was not built: the API would serve no page at all. */
export function assertWebBuilt(): void {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error(`${join(WEB_DIST, 'index.html')} is missing: build the web client first with \`npm run build:web\``);
  }
}

/** A headless Chromium; playwright-core gives every launch a fresh temporary profile (user-data dir). */
export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

export interface WebPage {
  page: Page;
  context: BrowserContext;
  baseUrl: string;
  /** console.error messages, uncaught exceptions and failed requests, in order. */
  errors: string[];
  goto(path: string): Promise<void>;
  /** Saves artifacts/screenshots/<journey>/<NN>-<name>.png (full page). */
  screenshot(name: string): Promise<string>;
  /** Runs axe-core on the current page; fails on serious or critical violations. */
  checkA11y(label: string): Promise<void>;
  /** Asserts no console errors happened, then closes the context. */
  finish(): Promise<void>;
  close(): Promise<void>;
}

let axeSource: string | undefined;

export interface PageOptions {
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
}

/** A new browser context (its own storage: signed out) and page for one journey. */
export async function openPage(browser: Browser, baseUrl: string, journey: string, options: PageOptions = {}): Promise<WebPage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? DESKTOP,
    colorScheme: options.colorScheme ?? 'light',
    baseURL: baseUrl,
    reducedMotion: 'reduce',
    locale: 'en-GB',
    timezoneId: 'Europe/Lisbon',
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) => {
    // Navigations away abort pending requests; that is not an error of the page.
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') errors.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`);
  });
  const dir = join(SCREENSHOTS, journey);
  mkdirSync(dir, { recursive: true });
  let shot = 0;
  const w: WebPage = {
    page,
    context,
    baseUrl,
    errors,
    async goto(path) {
      await page.goto(path, { waitUntil: 'domcontentloaded' });
    },
    async screenshot(name) {
      const file = join(dir, `${String(++shot).padStart(2, '0')}-${name}.png`);
      // From the top, so the sticky header is where it belongs in a full-page capture.
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async checkA11y(label) {
      axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
      if (!(await page.evaluate('typeof window.axe === "object"'))) await page.addScriptTag({ content: axeSource });
      const violations = (await page.evaluate(`window.axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' -> ' + (n.failureSummary || '').split('\\n').slice(0, 2).join(' ')),
        })))`)) as { id: string; impact: string; help: string; targets: string[] }[];
      const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      if (bad.length) {
        throw new Error(`axe-core on "${label}" (${page.url()}): ${bad.length} serious/critical violation(s):\n` + bad.map((v) => `- [${v.impact}] ${v.id}: ${v.help}\n    ${v.targets.join('\n    ')}`).join('\n'));
      }
    },
    async finish() {
      try {
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    close: () => context.close(),
  };
  return w;
}

/**
 * Development sign-in through the sign-in page: type the organization slug, wait for the demo
 * accounts, click the one with this email, and wait for the home page. Opens / first when the
 * page is still blank; otherwise signs in where it is (e.g. right after signing out).
 */
export async function signIn(w: WebPage, organization: string, email: string): Promise<void> {
  const { page } = w;
  if (page.url() === 'about:blank') await w.goto('/');
  await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
  await page.getByLabel('Organization').fill(organization);
  await page.getByRole('button', { name: new RegExp(escapeRegExp(email), 'i') }).click();
  await page.getByRole('heading', { level: 1, name: 'Your next step' }).waitFor();
}

/**
 * Sign-in by typing the email (the demo list shows three accounts per persona: larger fixtures
 * need this). Opens / first when the page is still blank.
 */
export async function signInByEmail(w: WebPage, organization: string, email: string): Promise<void> {
  const { page } = w;
  if (page.url() === 'about:blank') await w.goto('/');
  await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
  await page.getByLabel('Organization').fill(organization);
  await page.getByLabel('Or sign in by email').fill(email);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Your next step' }).waitFor();
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Polls until `check` passes (Playwright's auto-waiting covers elements, not arbitrary conditions). */
export async function until<T>(check: () => Promise<T | false | null | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
