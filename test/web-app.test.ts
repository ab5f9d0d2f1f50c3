import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_CSM,
  DEMO_PASSWORD,
  haveBrowser,
  launchChromium,
  requireBrowser,
  screenshotDir,
  seriousViolations,
  signInCookie,
  startDemoPacer,
} from './support/browser.js';
import type { RunningPacer } from './support/cli.js';

// The web app as a CSM uses it: `pacer start` serves it on the API's port, over a small demo world, in Debian's
// Chromium. Screenshots of each view, in English and Japanese, go to test-results/web-app/ (ignored by git).

requireBrowser('web app');
const SHOTS = screenshotDir('web-app');
const CSM = DEMO_CSM;
const PASSWORD = DEMO_PASSWORD;

/** The CSM's view of a portfolio figure, through the API the page uses (signed in with a cookie, like the page). */
async function portfolioAsCsm(baseUrl: string, path: string): Promise<Record<string, unknown>> {
  const { cookie } = await signInCookie(baseUrl, CSM);
  return (await (await fetch(`${baseUrl}${path}`, { headers: { cookie } })).json()) as Record<string, unknown>;
}

describe.skipIf(!haveBrowser)('the web app in Chromium', () => {
  let pacer: RunningPacer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    pacer = await startDemoPacer('web-app');
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await pacer?.stop();
  });

  it('serves the app on the API port: the page never cached, hashed assets for good, the API still JSON', async () => {
    const index = await fetch(`${pacer.url}/portfolio?colour=red`);
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await index.text();
    // No inline script or style: the CSP would block them.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|style="/);
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1] as string;
    const asset = await fetch(`${pacer.url}${script}`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    // React's production build, though this server was started by a test runner whose NODE_ENV is "test".
    expect(await asset.text()).not.toMatch(/React DevTools|jsxDEV/);
    expect((await fetch(`${pacer.url}/assets/missing-file.js`)).status).toBe(404);
    const api = await fetch(`${pacer.url}/api/no-such-thing`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: string }).error).toBe('not_found');
  });

  it('a wrong password shows the error; the sign-in page passes the accessibility checks', async () => {
    await page.goto(`${pacer.url}/portfolio`);
    await page.waitForURL(/\/sign-in\?next=%2Fportfolio/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'sign-in-en.png') });
    await page.getByLabel('Email').fill(CSM);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('do not match');
    await page.screenshot({ path: join(SHOTS, 'sign-in-error-en.png') });
  });

  it('a CSM signs in, sees the portfolio, filters to red, reads it in Japanese and signs out', async () => {
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/portfolio$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Portfolio');
    // The signed-in person and role in the shell.
    await expect.poll(() => page.locator('header').textContent()).toMatch(/Aiko Tanaka\s*CSM/);
    const rows = page.locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(5);
    await page.locator('[aria-label="Summary of the accounts shown"] strong').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'portfolio-en.png') });

    await page.locator('search').getByRole('button', { name: 'Red', exact: true }).click();
    await page.waitForURL(/colour=red/);
    await expect
      .poll(async () => new Set(await rows.locator('td:nth-child(2) .visually-hidden').allTextContents()))
      .toEqual(new Set(['Red']));
    // The portfolio opens on current customers (churned accounts are one choice away): as many red ones as the API
    // counts in its summary, and every one of them with a churn risk already computed.
    const summary = await portfolioAsCsm(pacer.url, '/api/portfolio/summary?colour=red&stage=current');
    const red = (summary.byColour as { red: number }).red;
    expect(red).toBeGreaterThan(0);
    const shown = await page.getByRole('status').filter({ hasText: 'accounts' }).textContent();
    expect(shown).toMatch(new RegExp(`of ${red} accounts`));
    const redRows = (await portfolioAsCsm(pacer.url, '/api/portfolio?colour=red&stage=current&limit=200')).data as {
      churnRisk: number | null;
    }[];
    expect(redRows).toHaveLength(red);
    expect(redRows.filter((row) => row.churnRisk === null)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'portfolio-red-en.png') });

    await page.getByLabel('Language').selectOption('ja');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('ポートフォリオ');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    await expect.poll(() => page.getByRole('button', { name: 'サインアウト' }).count()).toBe(1);
    expect(await page.locator('thead').textContent()).toContain('解約リスク');
    // Money and days as Intl writes them in Japanese: yen without decimals, days as 2027/03/05.
    const cells = (await rows.allTextContents()).join(' ');
    expect(cells).toMatch(/\d{4}\/\d{2}\/\d{2}/);
    await page.screenshot({ path: join(SHOTS, 'portfolio-red-ja.png') });
    await page.goto(`${pacer.url}/portfolio`);
    await expect.poll(() => rows.count()).toBeGreaterThan(5);
    await page.locator('[aria-label="表示中のアカウントの概要"] strong').first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'portfolio-ja.png') });

    await page.getByRole('button', { name: 'サインアウト' }).click();
    await page.waitForURL(/\/sign-in/);
    // The language is remembered; the session is gone.
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Pacer にサインイン');
    await page.screenshot({ path: join(SHOTS, 'sign-in-ja.png') });
    await page.goto(`${pacer.url}/portfolio`);
    await page.waitForURL(/\/sign-in\?next=/);
    expect(cspViolations).toEqual([]);
  });
});
