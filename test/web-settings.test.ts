import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_CSM,
  DEMO_LEADER,
  haveBrowser,
  launchChromium,
  requireBrowser,
  screenshotDir,
  seriousViolations,
  signInCookie,
  signInThroughPage,
  startDemoPacer,
  TEST_ADMIN,
} from './support/browser.js';
import type { RunningPacer } from './support/cli.js';

// Settings in the web app, as the people who use them: a CS leader changes the workspace and a scorecard; an admin
// makes and revokes an API key and adds a person; a CSM is not offered settings and the API refuses them anyway.

requireBrowser('settings');
const SHOTS = screenshotDir('web-settings');

interface Scorecard {
  name: string;
  version: number;
  definition: { thresholds: { red: number; yellow: number } };
}

describe.skipIf(!haveBrowser)('settings in Chromium', () => {
  let pacer: RunningPacer;
  let browser: Browser;

  beforeAll(async () => {
    pacer = await startDemoPacer('web-settings', { withAdmin: true });
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await pacer?.stop();
  });

  async function newPage(locale = 'en-US'): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    // A loaded 2-core machine (the suite runs servers beside this one) can take a while to answer.
    page.setDefaultTimeout(60_000);
    page.on('pageerror', (error) => console.error(`[web-settings] page error: ${error.message}`));
    return page;
  }

  let leaderCookie: string | undefined;
  async function scorecards(): Promise<Scorecard[]> {
    leaderCookie ??= (await signInCookie(pacer.url, DEMO_LEADER)).cookie;
    const cookie = leaderCookie;
    const answer = await fetch(`${pacer.url}/api/scorecards`, { headers: { cookie } });
    return ((await answer.json()) as { data: Scorecard[] }).data;
  }

  it('a CS leader sets an exchange rate and a scorecard threshold; keys and people are not theirs', async () => {
    const page = await newPage();
    await signInThroughPage(page, pacer.url, DEMO_LEADER);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL(/\/settings\/workspace$/);
    const sections = page.getByRole('navigation', { name: 'Settings sections' });
    expect(await sections.getByRole('link').allTextContents()).toEqual(['Workspace', 'Scorecards']);
    await page.getByLabel('Reporting currency').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'settings-workspace-en.png'), fullPage: true });

    // A new rate with a bad value: the field is named and nothing is saved.
    const rates = await page.getByLabel(/^Currency of rate \d+$/).count();
    await page.getByRole('button', { name: 'Add a rate' }).click();
    const n = rates + 1;
    await page.getByLabel(`Currency of rate ${n}`).fill('EUR');
    await page.getByLabel(`Start day of rate ${n}`).fill('2026-01-01');
    await page.getByLabel(`Value of rate ${n}`).fill('not a number');
    const moneyCard = page.getByRole('region', { name: 'Money' });
    await moneyCard.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => moneyCard.getByRole('alert').last().textContent()).toContain(`rates.${n - 1}.rate`);
    await page.screenshot({ path: join(SHOTS, 'settings-workspace-error-en.png'), fullPage: true });
    await page.getByLabel(`Value of rate ${n}`).fill('1.0825');
    await moneyCard.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => moneyCard.getByRole('status').textContent()).toBe('Saved');
    await scorecards();
    const stored = (await (
      await fetch(`${pacer.url}/api/settings`, { headers: { cookie: leaderCookie as string } })
    ).json()) as {
      rates: { currency: string; date: string; rate: string }[];
    };
    expect(stored.rates).toContainEqual({ currency: 'EUR', date: '2026-01-01', rate: '1.0825' });

    // A scorecard's red threshold, saved as a new version.
    const before = await scorecards();
    await sections.getByRole('link', { name: 'Scorecards' }).click();
    await page.getByLabel('Red below').waitFor();
    const name = await page.getByRole('combobox', { name: /^Scorecard/ }).inputValue();
    const current = before.find((card) => card.name === name) as Scorecard;
    expect(Number(await page.getByLabel('Red below').inputValue())).toBe(current.definition.thresholds.red);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'settings-scorecards-en.png'), fullPage: true });
    const red = current.definition.thresholds.red - 5;
    await page.getByLabel('Red below').fill(String(red));
    // Checked against history before saving: the page shows the same ROC-AUC the API computes for this draft.
    await page.getByRole('button', { name: 'Check against history' }).click();
    const check = page.getByRole('region', { name: 'Check your changes against history' });
    await check.getByRole('table').waitFor({ timeout: 120_000 });
    const { cookie, csrfToken } = await signInCookie(pacer.url, DEMO_LEADER);
    const draft = { ...current.definition, thresholds: { ...current.definition.thresholds, red } };
    const replay = await fetch(`${pacer.url}/api/scorecards/${encodeURIComponent(name)}/backtest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify(draft),
    });
    const answer = (await replay.json()) as { proposed: { auc: number; byColor: { red: { accounts: number } } } };
    // Thresholds do not reorder accounts, so the AUC is the saved version's; fewer are red.
    const aucRow = check.getByRole('row', { name: /ROC-AUC/ });
    expect(await aucRow.locator('td').nth(1).textContent()).toBe(`${Math.round(answer.proposed.auc * 100)}%`);
    expect(await check.textContent()).toContain('just as well');
    await page.screenshot({ path: join(SHOTS, 'settings-scorecard-check-en.png'), fullPage: true });
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await expect
      .poll(async () => (await scorecards()).find((card) => card.name === name)?.version)
      .toBe(current.version + 1);
    const after = (await scorecards()).find((card) => card.name === name) as Scorecard;
    expect(after.definition.thresholds).toEqual({ ...current.definition.thresholds, red });

    // Keys and people are the admin's: not offered, and the page for them goes back to the leader's sections.
    await page.goto(`${pacer.url}/settings/keys`);
    await page.waitForURL(/\/settings\/workspace$/);

    await page.getByLabel('Language').selectOption('ja');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('設定');
    await page.getByLabel('レポート通貨').waitFor();
    await page.screenshot({ path: join(SHOTS, 'settings-workspace-ja.png'), fullPage: true });
    await page.getByRole('link', { name: 'スコアカード' }).click();
    await page.getByLabel('赤：この値未満').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'settings-scorecards-ja.png'), fullPage: true });
    await page.context().close();
  }, 180_000);

  it('an admin makes a browser key, sees its secret once, revokes it, and adds a person who can then sign in', async () => {
    const page = await newPage();
    await signInThroughPage(page, pacer.url, TEST_ADMIN);
    await page.goto(`${pacer.url}/settings/keys`);
    await page.getByLabel('Name').fill('product pages');
    await page.getByLabel('Kind').selectOption('browser');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = (await page.getByTestId('new-key-secret').textContent()) as string;
    expect(secret).toMatch(/^pk_browser_/);
    expect(await page.getByRole('figure', { name: 'How to use it' }).textContent()).toContain(`writeKey: '${secret}'`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'settings-keys-secret-en.png'), fullPage: true });

    // The key records usage.
    const basic = `Basic ${Buffer.from(`${secret}:`).toString('base64')}`;
    const track = () =>
      fetch(`${pacer.url}/v1/track`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: basic },
        body: JSON.stringify({ userId: 'visitor-1', event: 'Opened' }),
      });
    expect((await track()).status).toBe(200);

    // Once stored, the secret is gone from the page; the list shows the key as used and live.
    await page.getByRole('button', { name: 'I have stored it' }).click();
    expect(await page.getByTestId('new-key-secret').count()).toBe(0);
    await page.reload();
    const row = page.getByRole('row').filter({ hasText: 'product pages' });
    await expect.poll(() => row.textContent()).toMatch(/Live/);
    expect(await row.textContent()).not.toContain('never');
    expect(await page.content()).not.toContain(secret);
    await page.screenshot({ path: join(SHOTS, 'settings-keys-en.png'), fullPage: true });

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Revoke product pages' }).click();
    await expect.poll(() => row.textContent()).toMatch(/Revoked/);
    expect((await track()).status).toBe(401);

    await page
      .getByRole('navigation', { name: 'Settings sections' })
      .getByRole('link', { name: 'Team and roles' })
      .click();
    await page.getByRole('button', { name: 'Add' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    const email = 'new.csm@team.pacer-demo.example';
    const invite = page.getByRole('region', { name: 'Add a person' });
    await invite.getByLabel('Name').fill('New CSM');
    await invite.getByLabel('Email').fill(email);
    await invite.getByLabel('Role').selectOption('csm');
    await invite.getByLabel('Password').fill('a-long-password');
    await invite.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => page.getByRole('row').filter({ hasText: email }).textContent()).toMatch(/Can sign in/);
    await page.screenshot({ path: join(SHOTS, 'settings-users-en.png'), fullPage: true });
    const signIn = await fetch(`${pacer.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'a-long-password' }),
    });
    expect(signIn.status).toBe(200);
    // Their own role cannot be changed from here: the select is disabled on the admin's own row.
    expect(await page.getByLabel('Role of Test Admin').isDisabled()).toBe(true);
    await page.context().close();
  }, 180_000);

  it('a viewer reads the portfolio and an account, and is offered nothing to change', async () => {
    // An admin adds the viewer (the demo world has none).
    const admin = await signInCookie(pacer.url, TEST_ADMIN);
    const email = 'board.member@team.pacer-demo.example';
    const made = await fetch(`${pacer.url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
      body: JSON.stringify({ email, name: 'Board Member', role: 'viewer', password: 'a-long-password' }),
    });
    expect(made.status).toBe(201);
    const page = await newPage();
    await signInThroughPage(page, pacer.url, email, 'a-long-password');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect.poll(() => nav.getByRole('link').allTextContents()).toEqual(['Portfolio', 'Trust the scores']);
    await page.locator('tbody tr a').first().click();
    await page.waitForURL(/\/accounts\//);
    await expect
      .poll(() => page.getByText('Read only: your role can look at accounts but not change them.').count())
      .toBe(1);
    expect(await page.getByRole('button', { name: 'Add note' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Override health…' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'account-viewer-en.png'), fullPage: true });
    await page.context().close();
  }, 180_000);

  it('a CSM is not offered settings, and the API refuses a change made from their session', async () => {
    const page = await newPage();
    await signInThroughPage(page, pacer.url, DEMO_CSM);
    expect(await page.getByRole('link', { name: 'Settings' }).count()).toBe(0);
    await page.goto(`${pacer.url}/settings`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('CS leaders and admins');
    // The same session, straight at the API with its CSRF token, as a curious CSM might.
    const status = await page.evaluate(async () => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const answer = await fetch('/api/settings/churn', {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ horizonDays: 30, definition: 'auto' }),
      });
      return answer.status;
    });
    expect(status).toBe(403);
    await page.context().close();
  }, 180_000);
});
