import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page, type Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPacer, runPacer, startPacer } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';

// The web app as a CSM uses it: `pacer start` serves it on the API's port, over a small demo world, in Debian's
// Chromium. Screenshots of each view, in English and Japanese, go to test-results/web-app/ (ignored by git).

const CHROMIUM = process.env.PACER_CHROMIUM ?? '/usr/bin/chromium';
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser) {
  if (process.env.PACER_REQUIRE_BROWSER === '1') {
    throw new Error(`PACER_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM}: the browser suite may not skip`);
  }
  console.warn(`[pacer] web app browser suite SKIPPED: no Chromium at ${CHROMIUM} — CI always runs it.`);
}

const SHOTS = join(import.meta.dirname, '..', 'test-results', 'web-app');
const CSM = 'aiko.tanaka@team.pacer-demo.example';
const LEADER = 'sofia.rossi@team.pacer-demo.example';
const PASSWORD = 'pacer-demo';

interface Account {
  id: string;
  name: string;
  externalId: string | null;
  ownerId: string | null;
  lifecycleStage: string;
  coverageTier: string | null;
}

/**
 * Until GET /api/portfolio is merged (PORTFOLIO-CONTRACT.md, built in parallel), the browser's calls to it are
 * answered here, to the contract, from the demo world's real accounts and owners with made-up health and money:
 * enough to drive the app's own behaviour (the query it sends, what it shows). The assertions about the figures
 * themselves run only against the real API.
 */
async function contractStandIn(baseUrl: string): Promise<(route: Route) => Promise<void>> {
  const signIn = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: LEADER, password: PASSWORD }),
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const get = async <T>(path: string) =>
    (await (await fetch(`${baseUrl}${path}`, { headers: { cookie } })).json()) as T;
  const accounts = (await get<{ data: Account[] }>('/api/accounts?limit=500')).data;
  const users = new Map(
    (await get<{ data: { id: string; name: string; email: string }[] }>('/api/users?limit=200')).data.map((u) => [
      u.id,
      u,
    ]),
  );
  const colours = ['red', 'yellow', 'green'] as const;
  const rows = accounts.map((account, index) => {
    const currency = index % 3 === 0 ? 'JPY' : 'USD';
    const mrr = currency === 'JPY' ? `${(index + 1) * 12_345}` : `${(index + 1) * 101}.50`;
    const owner = account.ownerId ? users.get(account.ownerId) : undefined;
    return {
      id: account.id,
      name: account.name,
      externalId: account.externalId,
      health: {
        score: 20 + ((index * 37) % 80),
        colour: colours[index % 3],
        trend: (index % 7) - 3,
        overridden: false,
      },
      churnRisk: ((index * 13) % 100) / 100,
      mrr: { amount: mrr, currency },
      arr: { amount: String(Number(mrr) * 12), currency },
      mrrAtRisk: { amount: mrr, currency },
      renewalDate: `2027-0${(index % 9) + 1}-1${index % 10}`,
      owner: owner ? { id: owner.id, name: owner.name } : null,
      ownerEmail: owner?.email,
      lifecycleStage: account.lifecycleStage,
      tier: account.coverageTier,
      lastActiveAt: new Date(Date.now() - index * 86_400_000).toISOString(),
    };
  });
  return async (route) => {
    const url = new URL(route.request().url());
    const colour = url.searchParams.get('colour')?.split(',');
    const owner = url.searchParams.get('owner');
    const matching = rows.filter(
      (row) =>
        (!colour || colour.includes(row.health.colour ?? 'none')) &&
        (!owner || (owner === 'me' ? row.ownerEmail === CSM : row.owner?.id === owner)),
    );
    const body = url.pathname.endsWith('/summary')
      ? {
          accounts: matching.length,
          mrr: [{ amount: '123456.50', currency: 'USD' }],
          mrrAtRisk: [{ amount: '23456', currency: 'JPY' }],
          byColour: {
            red: matching.filter((row) => row.health.colour === 'red').length,
            yellow: matching.filter((row) => row.health.colour === 'yellow').length,
            green: matching.filter((row) => row.health.colour === 'green').length,
            none: 0,
          },
          renewalsNext90Days: { count: 3, mrr: [{ amount: '3030.50', currency: 'USD' }] },
        }
      : { data: matching.map(({ ownerEmail: _, ...row }) => row), nextCursor: null, total: matching.length };
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
  };
}

/** Serious and critical accessibility violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((n) => n.target).join(', ')})`);
}

describe.skipIf(!haveBrowser)('the web app in Chromium', () => {
  let pacer: RunningPacer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let portfolioApi = false;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const data = join(tempDir('web-app'), 'data');
    const generated = runPacer(['demo', 'generate', '--accounts', '60', '--data', data], {}, 120_000);
    expect(generated.status, generated.stderr).toBe(0);
    pacer = await startPacer(['--data', data, '--no-demo']);
    // Anonymous: a route that exists answers 401, a missing one 404.
    portfolioApi = (await fetch(`${pacer.url}/api/portfolio`)).status !== 404;
    if (!portfolioApi) {
      console.warn('[pacer] GET /api/portfolio is not on this server yet: the portfolio runs on a contract stand-in');
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    if (!portfolioApi) await context.route('**/api/portfolio**', await contractStandIn(pacer.url));
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
    if (portfolioApi) {
      // The rows are the red accounts the API counts in its summary.
      const shown = await page.getByRole('status').filter({ hasText: 'accounts' }).textContent();
      expect(shown).toMatch(/of \d+ accounts/);
    }
    await page.screenshot({ path: join(SHOTS, 'portfolio-red-en.png') });

    await page.getByLabel('Language').selectOption('ja');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('ポートフォリオ');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    await expect.poll(() => page.getByRole('button', { name: 'サインアウト' }).count()).toBe(1);
    expect(await page.locator('thead').textContent()).toContain('解約リスク');
    // Money and days as Intl writes them in Japanese: yen without decimals, days as 2027/03/05.
    const cells = (await rows.allTextContents()).join(' ');
    expect(cells).toMatch(/\d{4}\/\d{2}\/\d{2}/);
    if (!portfolioApi) expect(cells).toMatch(/[¥￥][\d,]+(?![.\d])/);
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

  it.skipIf(portfolioApi)('pending: portfolio figures checked against GET /api/portfolio (not merged yet)', () => {
    // Runs as a skip until the portfolio API is merged; the journey above then runs on the real API.
  });
});
