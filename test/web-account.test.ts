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
} from './support/browser.js';
import type { RunningPacer } from './support/cli.js';

// Account 360 as a CSM uses it: from the red accounts of the portfolio to one account's page, why it is red, its
// churn reasons, a note added and seen at the top of the timeline, then the same page in Japanese. Screenshots go
// to test-results/web-account/ (ignored by git).

requireBrowser('account 360');
const SHOTS = screenshotDir('web-account');
/** Waits for a figure on the page: the first load of a view fetches its code and several API answers. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 });
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9faf]/;

interface Row {
  id: string;
  name: string;
  owner: { id: string; name: string } | null;
}

describe.skipIf(!haveBrowser)('account 360 in Chromium', () => {
  let pacer: RunningPacer;
  let browser: Browser;
  let page: Page;
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];

  const api = async <T>(path: string): Promise<T> => {
    const { cookie } = await signInCookie(pacer.url, DEMO_CSM);
    const answer = await fetch(`${pacer.url}${path}`, { headers: { cookie } });
    expect(answer.status, path).toBe(200);
    return (await answer.json()) as T;
  };

  beforeAll(async () => {
    pacer = await startDemoPacer('web-account');
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await pacer?.stop();
  });

  it('a CSM opens a red account from the portfolio, reads why it is red, adds a note, then reads it in Japanese', async () => {
    await signInThroughPage(page, pacer.url, DEMO_CSM);
    await page.goto(`${pacer.url}/portfolio?colour=red`);
    const names = page.locator('tbody tr a[href^="/accounts/"]');
    await poll(() => names.count()).toBeGreaterThan(0);
    // The first red account shown (in the page's order) that the API says has a change to explain and a reason
    // raising its risk: a demo account scored 30 days apart nearly always has both.
    const shown = (await names.allTextContents()).slice(0, 10);
    const red = (await api<{ data: Row[] }>('/api/portfolio?colour=red&stage=current&limit=50')).data;
    let name = shown[0] as string;
    for (const candidate of shown) {
      const row = red.find((r) => r.name === candidate);
      if (!row) continue;
      const [h, c] = await Promise.all([
        api<{ changes: { points: number }[] }>(`/api/accounts/${row.id}/health`),
        api<{ risk: { raising: unknown[] } | null }>(`/api/accounts/${row.id}/churn-risk`),
      ]);
      if (h.changes.some((change) => Math.abs(change.points) >= 0.05) && (c.risk?.raising.length ?? 0) > 0) {
        name = candidate;
        break;
      }
    }
    await page.getByRole('link', { name, exact: true }).click();
    await page.waitForURL(/\/accounts\/[0-9a-f-]{36}$/);
    const id = new URL(page.url()).pathname.split('/')[2] as string;
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(name);

    // Why it is red: the colour, and the sentences built from the API's parts, one per change it lists.
    const health = await api<{
      color: string;
      changes: { measure: string; label: string; points: number }[];
    }>(`/api/accounts/${id}/health`);
    expect(health.color).toBe('red');
    const healthCard = page.locator('section[aria-labelledby="health-title"]');
    await poll(() => healthCard.textContent()).toContain('Red');
    const explanation = page.getByTestId('health-explanation');
    await poll(() => explanation.textContent()).toContain('What moved the score since');
    const shownChanges = health.changes.filter((c) => Math.abs(c.points) >= 0.05).slice(0, 6);
    expect(shownChanges.length, 'a demo account scored 30 days apart has something that moved it').toBeGreaterThan(0);
    const sentences = await explanation.locator('li').allTextContents();
    expect(sentences).toHaveLength(shownChanges.length);
    shownChanges.forEach((change, i) => {
      expect(sentences[i]).toContain(change.label);
      expect(sentences[i]).toMatch(/→.*: [+-]?[\d.]+ points?$/);
    });

    // Its churn reasons, as many as the API gives, raising the risk.
    const churn = await api<{ risk: { raising: { text: string }[] } | null }>(`/api/accounts/${id}/churn-risk`);
    expect(churn.risk?.raising.length).toBeGreaterThan(0);
    const raising = page.getByTestId('churn-raising').locator('li');
    await poll(() => raising.count()).toBe(churn.risk?.raising.length);
    const raisingEn = await raising.allTextContents();

    // The timeline and the charts have arrived before the picture is taken.
    await poll(() => page.locator('section[aria-labelledby="timeline-title"] ol > li').count()).toBeGreaterThan(0);
    await page.locator('[role="img"] svg').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'account-en.png'), fullPage: true });

    // A note with a sentiment and a tag heads the timeline without a reload.
    const body = `Called the champion: budget frozen until Q3 (${Date.now()})`;
    const form = page.getByRole('form', { name: 'Add a note' });
    await form.getByLabel('Note').fill(body);
    await form.getByLabel('Sentiment').selectOption({ label: 'Negative' });
    await form.getByLabel('Tags').fill('risk, budget-cut');
    await form.getByRole('button', { name: 'Add note' }).click();
    const first = page.locator('section[aria-labelledby="timeline-title"] ol > li').first();
    await poll(() => first.textContent()).toContain(body);
    const firstText = (await first.textContent()) as string;
    expect(firstText).toContain('Negative');
    expect(firstText).toContain('#risk');
    expect(firstText).toContain('#budget-cut');
    expect(firstText).toContain('by Aiko Tanaka');
    await page.screenshot({ path: join(SHOTS, 'account-note-en.png'), fullPage: true });
    // …and the API has it on top too.
    const timeline = await api<{ data: { kind: string; body?: string; tags?: string[]; sentiment?: number }[] }>(
      `/api/accounts/${id}/timeline?limit=1`,
    );
    expect(timeline.data[0]).toMatchObject({ kind: 'note', body, tags: ['risk', 'budget-cut'], sentiment: -1 });

    // The same page in Japanese: headings, the health explanation and the churn reasons.
    await page.getByLabel('Language').selectOption('ja');
    await poll(() => page.locator('#health-title').textContent()).toBe('ヘルス');
    expect(await page.locator('#churn-title').textContent()).toBe('解約リスク');
    expect(await page.locator('#timeline-title').textContent()).toBe('タイムライン');
    expect(await page.locator('#facts-title').textContent()).toBe('基本情報');
    await poll(() => explanation.locator('h3').textContent()).toMatch(/からスコアを動かした要因$/);
    const sentencesJa = await explanation.locator('li').allTextContents();
    expect(sentencesJa).toHaveLength(shownChanges.length);
    for (const sentence of sentencesJa) expect(sentence).toMatch(/ポイント$/);
    // Every measure Pacer ships has a Japanese name: no English label is left in a sentence.
    for (const [i, change] of shownChanges.entries()) expect(sentencesJa[i]).not.toContain(change.label);
    const raisingJa = await raising.allTextContents();
    expect(raisingJa).toHaveLength(raisingEn.length);
    for (const [i, reason] of raisingJa.entries()) {
      expect(reason, `reason ${i} in Japanese`).toMatch(JAPANESE);
      expect(reason).not.toBe(raisingEn[i]);
    }
    expect(await first.textContent()).toContain('悪い');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'account-ja.png'), fullPage: true });

    // Back to the portfolio, its filter kept.
    await page.getByRole('link', { name: 'ポートフォリオに戻る' }).click();
    await page.waitForURL(/\/portfolio\?colour=red$/);
    await page.getByLabel('言語').selectOption('en');
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it("shows another CSM's account read only for its fields, notes and overrides still open", async () => {
    const rows = (await api<{ data: Row[] }>('/api/portfolio?limit=200&stage=current')).data;
    const { cookie } = await signInCookie(pacer.url, DEMO_CSM);
    const me = (await (await fetch(`${pacer.url}/api/auth/me`, { headers: { cookie } })).json()) as {
      user: { id: string };
    };
    // Two accounts of other CSMs; the leader hands one of them to Aiko.
    const others = rows.filter((row) => row.owner !== null && row.owner.id !== me.user.id);
    const theirs = others[0] as Row;
    const mine = others[1] as Row;
    const leader = await signInCookie(pacer.url, DEMO_LEADER);
    const handed = await fetch(`${pacer.url}/api/accounts/${mine.id}`, {
      method: 'PATCH',
      headers: { cookie: leader.cookie, 'content-type': 'application/json', 'x-csrf-token': leader.csrfToken },
      body: JSON.stringify({ ownerId: me.user.id }),
    });
    expect(handed.status).toBe(200);

    await page.goto(`${pacer.url}/accounts/${theirs.id}`);
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(theirs.name);
    await expect.poll(() => page.getByText(`This account belongs to ${theirs.owner?.name}`).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Change stage or tier' }).count()).toBe(0);
    expect(await page.getByRole('form', { name: 'Add a note' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Override health…' }).count()).toBe(1);
    // Any CSM may override health: set by hand with a reason and an expiry, shown as such, then removed.
    await page.getByRole('button', { name: 'Override health…' }).click();
    const override = page.getByRole('form', { name: 'Override health' });
    await override.getByLabel('Colour').selectOption('green');
    await override.getByLabel('Reason').fill('Renewal signed yesterday; usage data lags');
    await override.getByRole('button', { name: 'Override' }).click();
    const healthCard = page.locator('section[aria-labelledby="health-title"]');
    await poll(() => healthCard.textContent()).toContain('Set to Green by hand');
    await poll(() => healthCard.textContent()).toContain(
      'Health set to Green: Renewal signed yesterday; usage data lags',
    );
    await page.screenshot({ path: join(SHOTS, 'account-override-en.png'), fullPage: true });
    await page.getByRole('button', { name: 'Remove override' }).click();
    await poll(() => healthCard.textContent()).not.toContain('by hand');
    // The API agrees: changing the other CSM's account is refused.
    const { csrfToken } = await signInCookie(pacer.url, DEMO_CSM);
    const refused = await fetch(`${pacer.url}/api/accounts/${theirs.id}`, {
      method: 'PATCH',
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrfToken },
      body: JSON.stringify({ lifecycleStage: 'renewal' }),
    });
    expect([403]).toContain(refused.status);

    await page.goto(`${pacer.url}/accounts/${mine.id}`);
    await poll(() => page.getByRole('button', { name: 'Change stage or tier' }).count()).toBe(1);
    expect(await page.getByText('This account belongs to').count()).toBe(0);

    // The timeline narrowed to some kinds, in the URL so it can be shared.
    const entries = page.locator('section[aria-labelledby="timeline-title"] ol > li');
    await poll(() => entries.count()).toBeGreaterThan(0);
    // Every account has begun in a lifecycle stage, and every demo account was first scored 30 days ago.
    const kindsShown = async () => new Set(await entries.evaluateAll((items) => items.map((li) => li.dataset.kind)));
    await page.getByRole('button', { name: 'Lifecycle', exact: true }).click();
    await page.waitForURL(/\?kinds=lifecycle$/);
    await poll(kindsShown).toEqual(new Set(['lifecycle']));
    await page.getByRole('button', { name: 'Health', exact: true }).click();
    await page.waitForURL(/\?kinds=lifecycle%2Cscore$/);
    await poll(kindsShown).toEqual(new Set(['lifecycle', 'score']));
    expect(await seriousViolations(page)).toEqual([]);
  });
});
