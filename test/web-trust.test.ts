import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
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
import { until } from './support/until.js';

// "How far to trust the scores" as a CS leader reads it, in Chromium over a small demo world: every picture with
// its sentence, the sentence's figures those of the API, in English then Japanese; a CSM reads it without the
// leader's buttons. Screenshots: test-results/web-trust/trust-en.png and trust-ja.png (full page, 1440×900).

requireBrowser('trust');
const SHOTS = screenshotDir('web-trust');

type Figures = { n: number; positives: number; rocAuc: number | null; liftTopDecile: number | null };
type Churn = { state: string; report: { n: number; positives: number; model: Figures; horizonDays: number } | null };
type Health = {
  state: string;
  report: {
    byColor: Record<'green' | 'red', { churnRate: number | null }>;
    watermelons: { churners: number; greenThirtyDaysBefore: number; accounts: { accountId: string; name: string }[] };
  } | null;
};

const CARDS = ['roc', 'lift', 'calibration', 'colour', 'watermelons', 'weights'];

describe.skipIf(!haveBrowser)('how far to trust the scores, in Chromium', () => {
  let pacer: RunningPacer;
  let browser: Browser;
  let churn: NonNullable<Churn['report']>;
  let health: NonNullable<Health['report']>;

  beforeAll(async () => {
    pacer = await startDemoPacer('web-trust');
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await pacer?.stop();
  });

  const sentence = (page: Page, card: string) => page.locator(`[data-sentence="${card}"]`).textContent();

  it('the leader opens it, waits for the reports computed on first request, and reads each picture', async () => {
    const { cookie } = await signInCookie(pacer.url, DEMO_LEADER);
    const read = async <T>(path: string) =>
      (await (await fetch(`${pacer.url}${path}`, { headers: { cookie } })).json()) as T;
    // The demo world was generated with its health backtest stored: nothing to wait for.
    const stored = await read<Health & { computedBy: string }>('/api/trust/health-backtest');
    expect([stored.state, stored.computedBy]).toEqual(['ready', 'pacer']);

    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signInThroughPage(page, pacer.url, DEMO_LEADER);
    await page.getByRole('link', { name: 'Trust the scores' }).click();
    await page.waitForURL(/\/trust$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('How far to trust the scores');
    // The first visit starts the churn evaluation; the page polls until it is stored.
    const churnAnswer = await until(
      () => read<Churn>('/api/trust/churn-evaluation'),
      (a) => a.state !== 'computing',
      300_000,
    );
    const healthAnswer = await until(
      () => read<Health>('/api/trust/health-backtest'),
      (a) => a.state !== 'computing',
      60_000,
    );
    expect([churnAnswer.state, healthAnswer.state]).toEqual(['ready', 'ready']);
    churn = churnAnswer.report as NonNullable<Churn['report']>;
    health = healthAnswer.report as NonNullable<Health['report']>;
    for (const card of CARDS) await page.locator(`[data-sentence="${card}"]`).waitFor({ timeout: 30_000 });
    // Each chart is drawn (SVG), with its sentence as its description.
    expect(await page.locator('[data-card] [role="img"] svg').count()).toBe(4);

    const pct = (x: number) => new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 }).format(x);
    const one = (x: number) =>
      new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x);
    // The riskiest tenth: the lift times the overall churn rate, as the API's figures give it.
    const lift = churn.model.liftTopDecile as number;
    expect(await sentence(page, 'lift')).toBe(
      `Of the accounts the churn model put in its riskiest tenth, ${pct((lift * churn.positives) / churn.n)} churned within ${churn.horizonDays} days — ${one(lift)}× the average of ${pct(churn.positives / churn.n)}.`,
    );
    expect(await sentence(page, 'roc')).toContain(
      `the churn model put the churner first ${pct(churn.model.rocAuc as number)}`,
    );
    const red = health.byColor.red.churnRate as number;
    const green = health.byColor.green.churnRate as number;
    expect(await sentence(page, 'colour')).toContain(
      `churned within ${churn.horizonDays} days ${pct(red)} of the time, green ones ${pct(green)}`,
    );
    expect(await sentence(page, 'watermelons')).toContain(
      `${health.watermelons.greenThirtyDaysBefore} of the ${health.watermelons.churners} accounts that churned`,
    );
    // A watermelon links to its account.
    const melon = health.watermelons.accounts[0];
    if (melon) {
      expect(await page.getByRole('link', { name: melon.name }).first().getAttribute('href')).toBe(
        `/accounts/${melon.accountId}`,
      );
    }
    // The leader's buttons.
    await expect.poll(() => page.getByRole('button', { name: 'Recompute' }).isEnabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Accept these weights' }).count()).toBe(1);

    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'trust-en.png'), fullPage: true });

    await page.getByLabel('Language').selectOption('ja');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('スコアはどこまで信頼できるか');
    const pctJa = (x: number) => new Intl.NumberFormat('ja', { style: 'percent', maximumFractionDigits: 0 }).format(x);
    expect(await sentence(page, 'lift')).toContain(
      `上位 10% のアカウントのうち、${churn.horizonDays} 日以内に解約したのは ${pctJa((lift * churn.positives) / churn.n)}`,
    );
    expect(await sentence(page, 'colour')).toContain(`${pctJa(red)} が解約し、緑では ${pctJa(green)}`);
    // No English left in the sentences and headings.
    const texts = await page.locator('[data-card] h2, [data-sentence]').allInnerTexts();
    expect(texts.filter((text) => /\b(the|and|of|churn)\b/i.test(text))).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'trust-ja.png'), fullPage: true });
    await page.getByLabel('言語').selectOption('en');
    await context.close();
  }, 420_000);

  it('a CSM reads the same pictures without the Recompute and Accept buttons (in dark mode)', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signInThroughPage(page, pacer.url, DEMO_CSM);
    await page.goto(`${pacer.url}/trust`);
    await page.locator('[data-sentence="weights"]').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('button', { name: 'Recompute' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Accept these weights' }).count()).toBe(0);
    if (churn) expect(await sentence(page, 'roc')).toContain(`the churn model put the churner first`);
    expect(await seriousViolations(page)).toEqual([]);
    // Dark mode: the view's own colours (the cards, charts and sentences) still read.
    await page.emulateMedia({ colorScheme: 'dark' });
    const { violations } = await new AxeBuilder({ page }).include('#main').analyze();
    expect(
      violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`),
    ).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'trust-csm-dark.png'), fullPage: true });
    await context.close();
  }, 120_000);
});
