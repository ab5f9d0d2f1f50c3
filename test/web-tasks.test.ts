import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../src/shared/calendar.js';
import {
  DEMO_CSM,
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

// My day in the web app, as the demo CSM uses it: her tasks in rank order, a checklist ticked, a task completed,
// another snoozed; then the page in Japanese.

requireBrowser('tasks');
const SHOTS = screenshotDir('web-tasks');

interface Task {
  id: string;
  title: string;
  status: string;
  checklist: { text: string; done: boolean }[];
}

describe.skipIf(!haveBrowser)('My day in Chromium', () => {
  let pacer: RunningPacer;
  let browser: Browser;
  let session: { cookie: string; csrfToken: string };
  const day = today();

  beforeAll(async () => {
    // Enough accounts that the demo CSM has red ones, so the demo's own rescue tasks are in her day too.
    pacer = await startDemoPacer('web-tasks', { accounts: 150 });
    browser = await launchChromium();
    session = await signInCookie(pacer.url, DEMO_CSM);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await pacer?.stop();
  });

  const apiAs = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const answer = await fetch(`${pacer.url}${path}`, {
      method,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(answer.status, await answer.clone().text()).toBeLessThan(300);
    return (await answer.json()) as T;
  };

  async function newPage(locale = 'en-US'): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => console.error(`[web-tasks] page error: ${error.message}`));
    return page;
  }

  const titlesOnPage = (page: Page) =>
    page
      .getByRole('list', { name: 'Tasks in the order to do them' })
      .locator(':scope > li h2 > span:first-child')
      .allTextContents();

  it('shows the CSM her tasks in rank order; she ticks a checklist item, completes one and snoozes another', async () => {
    // Three more tasks on accounts she owns, beside the demo's rescue tasks.
    const mine = await apiAs<{ data: { id: string; name: string }[] }>(
      'GET',
      '/api/portfolio?owner=me&stage=current&sort=-mrr&limit=3',
    );
    expect(mine.data.length).toBeGreaterThanOrEqual(2);
    const [one, two] = mine.data as [{ id: string; name: string }, { id: string; name: string }];
    const three = mine.data[2] ?? one;
    const checklist = [
      { text: 'Check the usage dip', done: false },
      { text: 'Book the QBR', done: false },
    ];
    await apiAs('POST', '/api/tasks', {
      accountId: one.id,
      title: 'Prepare the QBR',
      dueDate: addDays(day, -2),
      checklist,
    });
    await apiAs('POST', '/api/tasks', { accountId: two.id, title: 'Send the renewal quote', dueDate: day });
    await apiAs('POST', '/api/tasks', { accountId: three.id, title: 'Review onboarding', dueDate: addDays(day, 14) });
    const ranked = (await apiAs<{ data: Task[] }>('GET', '/api/tasks')).data.map((task) => task.title);
    // Hers and the demo's: at least one rescue task for a red account of hers.
    expect(ranked.length).toBeGreaterThanOrEqual(4);
    expect(ranked).toContain('Rescue call: health is red');

    const page = await newPage();
    await signInThroughPage(page, pacer.url, DEMO_CSM);
    await page.getByRole('link', { name: 'My day' }).click();
    await page.waitForURL(/\/my-day$/);
    await page.getByRole('heading', { name: 'Prepare the QBR' }).waitFor();
    expect(await titlesOnPage(page)).toEqual(ranked);
    // The overdue task is marked so, and links to its account.
    const qbr = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Prepare the QBR' }) });
    await expect.poll(() => qbr.getByText(/^Overdue since/).count()).toBe(1);
    expect(await qbr.getByRole('link').first().getAttribute('href')).toBe(`/accounts/${one.id}`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'my-day-en.png'), fullPage: true });

    await qbr.getByRole('checkbox', { name: 'Book the QBR' }).click();
    await expect
      .poll(
        async () =>
          (await apiAs<{ data: Task[] }>('GET', '/api/tasks')).data.find((t) => t.title === 'Prepare the QBR')
            ?.checklist,
      )
      .toEqual([
        { text: 'Check the usage dip', done: false },
        { text: 'Book the QBR', done: true },
      ]);

    await page.getByRole('checkbox', { name: 'Complete “Send the renewal quote”' }).click();
    await page.getByRole('heading', { name: 'Send the renewal quote' }).waitFor({ state: 'detached' });
    const done = (await apiAs<{ data: Task[] }>('GET', '/api/tasks?status=done')).data;
    expect(done.map((task) => task.title)).toContain('Send the renewal quote');

    const review = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Review onboarding' }) });
    await review.getByRole('button', { name: '1 week' }).click();
    await page.getByRole('heading', { name: 'Review onboarding' }).waitFor({ state: 'detached' });
    const snoozed = (await apiAs<{ data: (Task & { snoozedUntil: string })[] }>('GET', '/api/tasks?status=snoozed'))
      .data;
    expect(snoozed.map((task) => [task.title, task.snoozedUntil])).toEqual([['Review onboarding', addDays(day, 7)]]);
    expect(await titlesOnPage(page)).toEqual(
      ranked.filter((t) => t !== 'Send the renewal quote' && t !== 'Review onboarding'),
    );

    // She hands the overdue QBR task to a teammate: it leaves her day and is in theirs.
    const team = await apiAs<{ data: { id: string; name: string; role: string }[] }>('GET', '/api/users?limit=200');
    const mate = team.data.find((user) => user.role === 'csm' && user.name !== 'Aiko Tanaka') as {
      id: string;
      name: string;
    };
    await qbr.getByLabel('Assignee of “Prepare the QBR”').selectOption(mate.id);
    await page.getByRole('heading', { name: 'Prepare the QBR' }).waitFor({ state: 'detached' });
    const theirs = (await apiAs<{ data: Task[] }>('GET', `/api/tasks?assignee=${mate.id}`)).data;
    expect(theirs.map((task) => task.title)).toContain('Prepare the QBR');

    // A new task from the form, on an account found by name.
    const accountName = two.name;
    await page.getByLabel('Find an account').fill(accountName.slice(0, 6));
    await page.getByLabel('Account', { exact: true }).selectOption({ label: accountName });
    await page.getByLabel('Task', { exact: true }).fill('Thank the champion');
    await page.getByLabel('Priority').selectOption('high');
    await page.getByRole('button', { name: 'Add task' }).click();
    await page.getByRole('heading', { name: 'Thank the champion' }).waitFor();
    const made = (await apiAs<{ data: (Task & { priority: string; accountId: string })[] }>('GET', '/api/tasks')).data;
    expect(made.find((task) => task.title === 'Thank the champion')).toMatchObject({
      priority: 'high',
      accountId: two.id,
    });

    // The done filter lives in the URL.
    await page.getByLabel('Show').selectOption('done');
    await page.waitForURL(/status=done/);
    await page.getByRole('heading', { name: 'Send the renewal quote' }).waitFor();
  });

  it('reads in Japanese', async () => {
    const page = await newPage('ja-JP');
    await signInThroughPage(page, pacer.url, DEMO_CSM);
    await page.goto(`${pacer.url}/my-day`);
    await page.getByRole('heading', { name: '今日の仕事', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Thank the champion' }).waitFor();
    expect(await page.getByText('スヌーズ', { exact: true }).count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'my-day-ja.png'), fullPage: true });
  });
});
